"""Issue 17, item 5: Wagtail's admin speaks Vietnamese to the office's staff, carries our name
and logo, and never calls gravatar.com.

Wagtail 8 ships ~130 Vietnamese strings; ours are in marketplace/locale_wagtail/ (LOCALE_PATHS).
The test logs in as staff, opens the admin screens the office uses, reads what a person reads or
hears there (text, `aria-label`, `placeholder`, `title`, `alt`, button values, the sidebar's
menu labels, which React draws from JSON) and fails on English left.

The English detector is a word list: a word is English when it occurs in Wagtail's own English
source strings (its msgids) and never in our Vietnamese catalogues (so "do", "to", "an" or "con",
which Vietnamese written without its marks can share with English, never count). Proper nouns,
our brand, units and technical names a Vietnamese office also writes in Latin letters
(Wagtail, OCOP, URL, SEO, CSV, email...) are allowed (`ALLOWED`). Content the staff wrote
(page titles, names) comes from the fixtures below, in Vietnamese.
"""

import json
import re
from functools import cache
from html import unescape
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupApprovalTask, Workflow, WorkflowTask

from cms.models import NewsCategory
from tests.cms.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.page_text import page_texts

pytestmark = pytest.mark.django_db

WAGTAIL_DIR = Path(wagtail.__file__).parent

# Words a Vietnamese office writes as they are: names, the brand, units and technical names.
ALLOWED = {
    "wagtail", "ocop", "url", "urls", "id", "seo", "api", "csv", "xlsx", "json", "html", "email",
    "alt", "utc", "pdf", "rss", "slug", "javascript", "english", "tiếng", "min", "max", "ok",
    "admin", "staff", "example", "vi", "en", "px", "kb", "mb",
}  # fmt: skip
# Keys of the sidebar's JSON (wagtail.admin.ui.sidebar) whose values are shown or read.
SIDEBAR_TEXT_KEYS = {"label", "title", "name_label", "placeholder"}


def _catalogue_words(paths, field):
    words = set()
    for path in paths:
        for entry in polib.pofile(str(path)):
            texts = (
                [entry.msgid, entry.msgid_plural]
                if field == "msgid"
                else [entry.msgstr, *entry.msgstr_plural.values()]
            )
            for text in texts:
                words.update(
                    w.lower()
                    for w in re.findall(r"[A-Za-z]+", re.sub(r"%\(\w+\)\w|\{\w+\}|<[^>]+>", " ", text or ""))
                )
    return words


@cache
def english_words() -> frozenset:
    """Words of Wagtail's English source strings that our Vietnamese never uses."""
    english = _catalogue_words(WAGTAIL_DIR.glob("**/locale/en/LC_MESSAGES/django*.po"), "msgid")
    vietnamese = _catalogue_words(
        [p / "vi" / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS], "msgstr"
    )
    return frozenset(w for w in english - vietnamese - ALLOWED if len(w) > 1)


def english_left(html: str) -> list[str]:
    """The fragments of a page that still read as English."""
    words = english_words()
    left = []
    for text in page_texts(html, json_keys=SIDEBAR_TEXT_KEYS):
        # e-mail addresses, addresses and dotted identifiers ("cms.homepage") are not prose
        plain = re.sub(r"\S+@\S+|https?://\S+|/\S*|\w+\.\w+", " ", text)
        if any(w.lower() in words for w in re.findall(r"[A-Za-z]+", plain)):
            left.append(text)
    return sorted(set(left))


@pytest.fixture
def content(home):
    """What the office keeps in Wagtail, written in Vietnamese as the office writes it."""
    news = NewsIndexPageFactory(parent=home, title="Tin tức", slug="tin-tuc")
    article = NewsArticlePageFactory(parent=news, title="Mùa vải thiều Lục Ngạn", slug="mua-vai")
    article.title = "Mùa vải thiều Lục Ngạn năm nay"
    article.save_revision()
    image = get_image_model().objects.create(title="Vải thiều", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Quy chế chợ", file=ContentFile(b"%PDF-1.4 quy che", name="quy-che.pdf")
    )
    category = NewsCategory.objects.create(name="Tin chương trình", slug="tin-chuong-trinh")
    task = GroupApprovalTask.objects.create(name="Văn phòng duyệt")
    workflow = Workflow.objects.create(name="Duyệt tin")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    Collection.get_first_root_node().add_child(name="Ảnh hội chợ")
    return {"news": news, "article": article, "image": image, "document": document, "category": category,
            "workflow": workflow, "task": task}  # fmt: skip


def admin_screens(content, home):
    """The Wagtail admin screens the office's staff open, by name."""
    article, news = content["article"], content["news"]
    snippet_list = reverse("wagtailsnippets_cms_newscategory:list")
    return {
        "home": reverse("wagtailadmin_home"),
        "explorer root": reverse("wagtailadmin_explore_root"),
        "page listing": reverse("wagtailadmin_explore", args=[home.pk]),
        "news listing": reverse("wagtailadmin_explore", args=[news.pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=vải",
        "page edit": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "page create": reverse("wagtailadmin_pages:add", args=["cms", "newsarticlepage", news.pk]),
        "page type choice": reverse("wagtailadmin_pages:add_subpage", args=[news.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[article.pk]),
        "page unpublish": reverse("wagtailadmin_pages:unpublish", args=[article.pk]),
        "page delete": reverse("wagtailadmin_pages:delete", args=[article.pk]),
        "page move": reverse("wagtailadmin_pages:move", args=[article.pk]),
        "page copy": reverse("wagtailadmin_pages:copy", args=[article.pk]),
        "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
        "workflows report": reverse("wagtailadmin_reports:workflow"),
        "workflows": reverse("wagtailadmin_workflows:index"),
        "workflow edit": reverse("wagtailadmin_workflows:edit", args=[content["workflow"].pk]),
        "tasks": reverse("wagtailadmin_workflows:task_index"),
        "images": reverse("wagtailimages:index"),
        "image edit": reverse("wagtailimages:edit", args=[content["image"].pk]),
        "image add": reverse("wagtailimages:add_multiple"),
        "documents": reverse("wagtaildocs:index"),
        "document edit": reverse("wagtaildocs:edit", args=[content["document"].pk]),
        "document add": reverse("wagtaildocs:add_multiple"),
        "snippets": reverse("wagtailsnippets:index"),
        "snippet list": snippet_list,
        "snippet edit": reverse("wagtailsnippets_cms_newscategory:edit", args=[content["category"].pk]),
        "collections": reverse("wagtailadmin_collections:index"),
        "sites": reverse("wagtailsites:index"),
        "locales": reverse("wagtaillocales:index"),
        "redirects": reverse("wagtailredirects:index"),
        "users": reverse("wagtailusers_users:index"),
        "groups": reverse("wagtailusers_groups:index"),
        "locked pages": reverse("wagtailadmin_reports:locked_pages"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "page types usage": reverse("wagtailadmin_reports:page_types_usage"),
        "account": reverse("wagtailadmin_account"),
    }


# What Wagtail builds from a model's class name, with no verbose_name to translate (Locale),
# so no catalogue can reach it: screen -> fragments tolerated there, and only there.
WAGTAIL_UNTRANSLATABLE = {"locales": {"1 locale", "2 locales"}}


# Wagtail's (or Oscar's) stock Vietnamese that marketplace/locale_wagtail replaces: phrase -> why.
BAD_PHRASES = {
    "Bản ghi nhớ": "'History' as 'memo'; it is Lịch sử",
    "Tầm nhìn": "'Visibility' (who may view a page) as 'vision'; it is Quyền xem",
    "Xem bản live": "half English; it is Xem trên trang web",
    "Vùng miền": "'Locale' as 'region'; it is Ngôn ngữ",
    "Quản trị viên Wagtail": "'Wagtail admin' as 'Wagtail's administrator'",
    "Đúng, xoá đi": "'Yes, delete' as 'Correct, delete it away'",
    "Thực hiện lại": "'Resubmit to' as 'redo'",
    "Yêu cầu xem xét": "'Submit for moderation': the office writes Gửi duyệt",
}


def test_admin_screens_have_no_english_left(staff_client, content, home):
    left, bad = {}, {}
    for name, url in admin_screens(content, home).items():
        response = staff_client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        english = set(english_left(html)) - WAGTAIL_UNTRANSLATABLE.get(name, set())
        if english:
            left[name] = sorted(english)
        if found := [phrase for phrase in BAD_PHRASES if phrase in unescape(html)]:
            bad[name] = found
    assert not left, json.dumps(left, ensure_ascii=False, indent=1)
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_the_detector_finds_english():
    """The word list catches Wagtail's English and passes our Vietnamese and brand."""
    assert english_left('<button aria-label="Toggle sidebar"></button><p>12 Pages</p>') == [
        "12 Pages",
        "Toggle sidebar",
    ]
    vietnamese = "<p>Lưu nháp</p><p>Chợ OCOP Bắc Giang · Wagtail</p><p>Có 12 trang, do bạn tạo</p>"
    assert english_left(vietnamese) == []


def test_login_page_is_vietnamese_and_branded(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert english_left(html) == []
    assert settings.WAGTAIL_SITE_NAME in html
    assert "marketplace/img/favicon.svg" in html
    assert 'placeholder="Tên đăng nhập hoặc e-mail"' in html  # not "Nhập Tên đăng nhập của bạn"


def test_admin_is_branded(staff_client):
    """Our name in the title, our mark as the icon and in the sidebar, not Wagtail's bird."""
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert re.search(rf"<title>[^<]* - {settings.WAGTAIL_SITE_NAME}</title>", html)
    assert html.count("marketplace/img/favicon.svg") == 2  # the icon and the sidebar's logo
    assert "wagtailadmin/images/favicon.ico" not in html
    assert "Sign in to Wagtail" not in html


def test_sidebar_names_wagtails_document_library(staff_client):
    """Our bare "Documents" (a producer's dossier, "Hồ sơ") does not name Wagtail's library."""
    texts = page_texts(
        staff_client.get(reverse("wagtailadmin_home")).content.decode(), json_keys=SIDEBAR_TEXT_KEYS
    )
    assert "Tài liệu" in texts  # the menu item's label, in the sidebar's JSON
    assert "Hồ sơ" not in texts


def test_javascript_strings_are_vietnamese(client):
    """The sidebar's and editor's own strings come from Wagtail's JavaScript catalogue."""
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "\\u1ea8n/hi\\u1ec7n thanh b\\u00ean" in catalogue or "Ẩn/hiện thanh bên" in catalogue


def test_no_admin_page_calls_gravatar(staff_client, content, home):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    for name, url in admin_screens(content, home).items():
        assert "gravatar" not in staff_client.get(url).content.decode(), name


def test_page_editor_speaks_of_publishing(staff_client, content):
    """Save draft, Publish, Unpublish in the editor's own words ("Lưu nháp", "Xuất bản",
    "Ngừng xuất bản"), not our bare "Publish" of a producer's lot ("Công khai")."""
    html = staff_client.get(reverse("wagtailadmin_pages:edit", args=[content["article"].pk])).content.decode()
    assert re.search(r'name="action-publish".*?data-w-progress-target="label">Xuất bản</em>', html, re.S)
    assert re.search(r"Lưu nháp\s*</em>", html)
    assert "Ngừng xuất bản</a>" in html
