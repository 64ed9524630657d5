"""The site's named routes, walked from the URL configuration as Django resolves them."""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def named_routes() -> Iterator[tuple[str, URLPattern]]:
    """("namespace:name", pattern) of every named route inside a namespace, in Django's order."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                name = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, name)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                yield f"{namespace}:{pattern.name}", pattern

    yield from walk(get_resolver().url_patterns, None)
