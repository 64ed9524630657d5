"""Embed finders for tests: none of them goes to the network."""

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder


class OfflineFinder(EmbedFinder):
    """Claims every URL and fails, as the oEmbed finder does when the provider is unreachable."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        raise EmbedNotFoundException


class FakeVideoFinder(EmbedFinder):
    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "Video",
            "type": "video",
            "width": 640,
            "height": 360,
            "html": f'<iframe title="video" src="{url}/embed"></iframe>',
        }
