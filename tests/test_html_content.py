"""Web pages: only the article is checked, the page's furniture never is, and offsets stay exact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newslint
from newslint.config import Config
from newslint.loaders.html import parse_html
from newslint.loaders.locate import Selector, locate

DATA = Path(__file__).parent / "data" / "formats"


def covered(source: str, d: newslint.Diagnostic) -> str:
    return source[d.start.offset : d.end.offset]


def quoted(d: newslint.Diagnostic) -> str:
    m = re.match(r'"([^"]+)"', d.message)
    assert m, d.message
    return m.group(1)


def test_news_page_gives_no_finding_outside_the_article():
    """A page in the shape of a news site's: menu, cookie banner, share bars, ads, related, most read."""
    source = (DATA / "news-page.html").read_text(encoding="utf-8")
    start = source.index('<article class="article"')
    end = source.index("</article>\n    <section class=\"onward")
    diags = newslint.check_text(source, path="news-page.html")
    outside = [d for d in diags if not start <= d.start.offset < end]
    assert outside == []
    # the chrome is full of slips the article does not have; none is reported
    for slip in ("contnet", "experiance", "weeek", "Advertisment", "Facebok", "artcle", "emial", "balistic", "tset"):
        assert not any(slip in d.message for d in diags), slip
    # the story's own slip is found, at the characters it quotes
    name = [d for d in diags if d.rule == "name-consistency"]
    assert [quoted(d) for d in name] == ["Kim Jong-on"]
    assert covered(source, name[0]) == "Kim Jong-on"


def test_news_page_fields():
    a = parse_html("p.html", (DATA / "news-page.html").read_text(encoding="utf-8"))
    assert a.metadata["html-article"] == "article"
    assert a.headline is not None and a.headline.text == "South Korea proposes talks with North"
    assert a.standfirst is not None and a.standfirst.text.startswith("Seoul offers high-level talks after")
    assert [b.text for b in a.blocks_of("byline")] == ["By Jane Smith in Seoul"]
    (cap,) = a.captions
    assert cap.caption_text == "Visitors look towards the North from Paju."
    assert cap.credit_text == "Photograph: Jung Yeon-je/AFP"
    assert cap.data["image"] == "/img/paju-visitors.jpg"
    texts = [b.text for b in a.body]
    assert "Winter Olympics" in texts
    assert not any("Advertisment" in t or "Related" in t or "Sign up" in t or "Most read" in t for t in texts)
    # the page title and description still reach the metadata
    assert a.metadata["title"].startswith("South Korea proposes talks")


def test_related_story_cards_lose_to_the_story():
    page = (
        "<html><body><article class='card'><h2>Other story</h2><p>Short teaser.</p></article>"
        "<article><h1>The story</h1><p>A long paragraph of the story's own copy, with teh slip.</p>"
        "<p>Another paragraph.</p></article></body></html>"
    )
    found = locate(page)
    assert found is not None and page[found.start : found.end].startswith("<article><h1>The story")


def test_article_body_without_article_element_keeps_the_page_headline():
    page = (
        "<html><body><nav><a>Hoem</a></nav><h1>Seoul offers talks</h1>\n"
        '<div class="promo">Subscirbe now</div>\n'
        '<div itemprop="articleBody"><p>The minister said teh talks would be held.</p></div>'
        "<footer><p>Privcy</p></footer></body></html>"
    )
    a = parse_html("b.html", page)
    assert a.metadata["html-article"] == "articleBody"
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Seoul offers talks"),
        ("paragraph", "The minister said teh talks would be held."),
    ]
    p = a.body[0]
    assert page[p.source_offset(18) : p.source_offset(18) + 3] == "teh"


def test_main_element_is_the_article_when_there_is_no_article():
    page = "<body><header><p>Site nme</p></header><main><h1>Head</h1><p>Copy here.</p></main><p>Footr</p></body>"
    a = parse_html("m.html", page)
    assert [b.text for b in a.blocks] == ["Head", "Copy here."]


def test_json_ld_article_body_is_read_with_offsets_into_the_script():
    page = (
        "<html><head><script type=\"application/ld+json\">\n"
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Example"},\n'
        ' {"@type": "NewsArticle", "headline": "Talks \\u201coffered\\u201d",\n'
        '  "author": {"@type": "Person", "name": "Jane Smith"},\n'
        '  "articleBody": "Kim Jong-on said he was open to talks.\\nThe minister agreed."}]}\n'
        "</script></head><body><div class='app'>Loading\u2026</div></body></html>"
    )
    a = parse_html("ld.html", page)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Talks \u201coffered\u201d"),
        ("byline", "Jane Smith"),
        ("paragraph", "Kim Jong-on said he was open to talks."),
        ("paragraph", "The minister agreed."),
    ]
    diags = newslint.check_text(page, path="ld.html")
    (d,) = [d for d in diags if d.rule == "name-consistency"]
    assert covered(page, d) == quoted(d) == "Kim Jong-on"


def test_a_configured_selector_wins():
    page = (
        "<body><article><p>Comment: teh readers write.</p></article>"
        "<div class='story body'><h1>Head</h1><p>Story copy.</p></div></body>"
    )
    a = parse_html("s.html", page, "div.story")
    assert a.metadata["html-article"] == "selector"
    assert [b.text for b in a.blocks] == ["Head", "Story copy."]
    diags = newslint.check_text(page, path="s.html", config=Config(html_selector="div.story"))
    assert not [d for d in diags if d.code == "NL003"]
    with pytest.raises(ValueError, match="matches no element"):
        parse_html("s.html", page, "#nothing")


def test_selector_forms():
    assert Selector.parse("div.story") == Selector(tag="div", classes=("story",))
    assert Selector.parse("#main-copy").id == "main-copy"
    assert Selector.parse("[data-component=text-block]").attr == ("data-component", "text-block")
    with pytest.raises(ValueError, match="not understood"):
        Selector.parse("div > p")


def test_a_page_of_chrome_only_is_a_clear_nl003():
    page = (
        "<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav>"
        "<div class='cookie-banner'><p>We use cookies.</p></div>"
        "<div class='share-bar'><a>Share</a></div><footer><p>&copy; 2026 Example Ltd</p></footer></body></html>"
    )
    diags = newslint.check_text(page, path="chrome.html")
    assert [(d.code, d.message) for d in diags] == [
        (
            "NL003",
            "cannot read as an article: no article in the page: only menus, banners and other page furniture "
            "(mark the story with <article> or <main>, or set html-selector)",
        )
    ]


def test_html_selector_in_the_configuration(tmp_path):
    (tmp_path / "newslint.toml").write_text('html-selector = "div.story"\n', encoding="utf-8")
    from newslint.config import load_file

    assert load_file(tmp_path / "newslint.toml").html_selector == "div.story"
