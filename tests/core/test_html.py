"""The allow-list for rich text: what a producer may format, and what never passes."""

import pytest
from django.template import Context, Template

from core.html import html_clean, html_text


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("<script>alert(1)</script>Ngon", "Ngon"),
        ("<style>body{display:none}</style>Ngon", "Ngon"),
        ('<img src=x onerror="alert(1)">', ""),
        ('<p onclick="alert(1)" style="color:red" class="x">Ngon</p>', "<p>Ngon</p>"),
        ('<svg onload="alert(1)"><circle/></svg>', ""),
        ('<iframe src="https://evil.example"></iframe>', ""),
        ('<a href="javascript:alert(1)">xem</a>', '<a rel="nofollow noopener noreferrer">xem</a>'),
        ('<a href="data:text/html,x">xem</a>', '<a rel="nofollow noopener noreferrer">xem</a>'),
        (
            '<a href="https://htx.example/" target="_blank">HTX</a>',
            '<a href="https://htx.example/" rel="nofollow noopener noreferrer">HTX</a>',
        ),
        ("<form action=/x><input name=a></form>", ""),
        ("<!-- <script>alert(1)</script> -->Ngon", "Ngon"),
        ("a < b & c", "a &lt; b &amp; c"),
        (None, ""),
    ],
)
def test_what_never_passes(written, kept):
    assert html_clean(written) == kept


def test_a_producers_formatting_is_kept():
    text = (
        "<h3>Vải thiều</h3><p><strong>Ngọt</strong>, <em>thơm</em>.<br>Giao trong ngày</p>"
        "<ul><li>1 kg</li></ul><ol><li>2 kg</li></ol><h4>Bảo quản</h4><blockquote>Mát</blockquote>"
        '<a href="mailto:htx@example.com" rel="nofollow noopener noreferrer">Hỏi</a>'
    )
    assert html_clean(text) == text


def test_the_template_filter_cleans_and_marks_safe():
    rendered = Template("{% load safe_html %}{{ text|clean_html }}").render(
        Context({"text": "<p>Ngon</p><script>alert(1)</script>"})
    )
    assert rendered == "<p>Ngon</p>"


def test_plain_text_reads_the_entities_back():
    assert html_text("<h3>Vải</h3><p>Ngọt &amp; thơm,\n <em>mát</em></p>") == "Vải Ngọt & thơm, mát"
    assert html_text(None) == ""
