"""The Markdown, HTML and JSON loaders: structure found, and every character mapped to its source."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest
from conftest import TehRule

from newslint import hookspecs
from newslint.config import Config
from newslint.loaders import html as html_loader
from newslint.loaders import json as json_loader
from newslint.loaders import markdown as md_loader
from newslint.loaders import text as text_loader
from newslint.loaders.html import parse_html
from newslint.loaders.json import parse_json
from newslint.loaders.markdown import front_matter, parse_markdown
from newslint.loaders.offsets import MappedText, TextBuilder
from newslint.manager import fix_escape, make_manager

DATA = Path(__file__).parent / "data" / "loaders"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def kinds(article):
    return [b.kind for b in article.blocks]


def assert_mapped(article):
    """Every visible character maps to itself in the source, or to the ``&`` / ``\\`` of its entity or escape."""
    for block in article.blocks:
        for i, ch in enumerate(block.text):
            if ch.isspace():
                continue
            src = article.source[block.source_offset(i)]
            assert src == ch or src in "&\\", (
                f"{block.field} {block.kind}[{block.index}] char {i} {ch!r} maps to {src!r}"
            )


def at(article, block, needle, occurrence=0):
    """(line, column) in the source of ``needle`` found in ``block.text``."""
    i = -1
    for _ in range(occurrence + 1):
        i = block.text.index(needle, i + 1)
    pos = article.position(block.source_offset(i))
    return pos.line, pos.column


def where(article, needle, line, occurrence=0):
    """(line, column) of ``needle`` as it is written on ``line`` of the source: the oracle."""
    text = article.line_text(line)
    col = -1
    for _ in range(occurrence + 1):
        col = text.index(needle, col + 1)
    return line, col + 1


def teh(article):
    """Where the test rule reports "teh"/"Teh" (a real rule, through Rule.diagnostic)."""
    rule = TehRule()
    found = []
    for block in article.prose_blocks():
        i = block.text.find("Teh")
        if i >= 0:
            d = rule.diagnostic(article, block, i, i + 3, '"Teh" should be "The"')
            found.append((d.start.line, d.start.column, d.end.line, d.end.column, d.field))
    return found


def source_of(article, block, i, n):
    off = block.source_offset(i)
    return article.source[off : off + n]


# -- Markdown ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def md():
    return parse_markdown("story.md", read("story.md"))


def test_markdown_structure(md):
    assert md.format == "markdown"
    assert kinds(md) == [
        "headline", "standfirst", "byline", "caption", "paragraph", "paragraph",
        "subheading", "blockquote", "caption", "caption", "boilerplate",
    ]
    assert md.headline.text == "Harbour bridge reopens after two-year repair"
    assert md.standfirst.text == "Commuters return to the crossing as engineers declare it safe"
    assert md.blocks_of("byline")[0].text == "By Sam Patel"
    assert md.blocks_of("subheading")[0].text == "What happens next"
    assert [b.index for b in md.captions] == [0, 1, 2]
    assert_mapped(md)


def test_markdown_front_matter_is_metadata(md):
    assert md.metadata["title"] == "Harbour bridge reopens after two-year repair"
    assert md.metadata["author"] == "Sam Patel"
    assert md.metadata["tags"] == ["transport", "city"]
    # the body has its own headline, so the front matter's is not a second one
    assert md.headline.start > md.source.index("# Harbour")


def test_markdown_inline_markup_keeps_offsets(md):
    para = md.body[0]
    assert para.text.startswith("The harbour bridge reopened on Monday after")
    assert "Ana Ruiz & her deputy, *Tom Lee*." in para.text
    assert at(md, para, "Monday") == where(md, "Monday", 17)  # inside **Monday**
    assert at(md, para, "cost") == where(md, "cost", 18)  # after the soft line break
    assert at(md, para, "Ana Ruiz") == where(md, "Ana Ruiz", 18)  # inside _Ana Ruiz_
    assert source_of(md, para, para.text.index("&"), 5) == "&amp;"
    assert source_of(md, para, para.text.index("*Tom"), 2) == "\\*"
    assert at(md, para, "Tom Lee") == where(md, "Tom Lee", 18)
    quote = md.body[1]
    assert quote.text == '"We are delighted to have it back," said Ms Ruiz. Teh council paid for repairs in full.'
    assert at(md, quote, "Ms Ruiz") == where(md, "Ms Ruiz", 20)  # link text, not the link's title
    assert at(md, quote, "repairs") == where(md, "repairs", 21)  # `code`
    assert teh(md) == [(21, 1, 21, 4, "body")]


def test_markdown_quotes_marked(md):
    para = md.body[1]
    (qs, qe), = para.quotes
    assert para.text[qs:qe] == "We are delighted to have it back,"


def test_markdown_blockquote_across_lines(md):
    bq = md.blocks_of("blockquote")[0]
    assert bq.text == "Engineers will inspect the cables every six months, the council said in a statement."
    assert at(md, bq, "Engineers") == where(md, "Engineers", 25)
    assert at(md, bq, "the council") == where(md, "the council", 26)


def test_markdown_captions_and_credits(md):
    first, from_title, standalone = md.captions
    assert first.caption_text == "The reopened bridge at dawn on Monday."
    assert first.credit_text == "Photograph: Jane Doe/Harbour Times"
    assert at(md, first, "Photograph") == where(md, "Photograph", 15)
    assert first.data == {"image": "https://img.example/bridge.jpg"}
    # the same picture again, captioned through the image title: same image key, same words
    assert from_title.data == first.data
    assert from_title.caption_text == first.caption_text
    assert from_title.credit_text == first.credit_text
    assert at(md, from_title, "The reopened") == where(md, "The reopened", 28)
    assert standalone.text == "Cyclists cross the bridge on Monday morning. Photo: Reuters"
    assert standalone.credit_text == "Photo: Reuters"
    assert standalone.data == {}


def test_markdown_image_caption_conventions():
    src = (
        "# Head\n\n"
        "![Alt words here](a.jpg)\n\n"
        "Body paragraph after an uncaptioned image.\n\n"
        "![x](b.jpg)\n"
        "_Caption on the next line. Picture: PA_\n\n"
        "![The alt](c.jpg)\n\n"
        "**Caption in its own paragraph**\n"
    )
    a = parse_markdown("c.md", src)
    caps = a.captions
    assert [(c.caption_text, c.credit_text, c.data["image"]) for c in caps] == [
        ("Alt words here", None, "a.jpg"),
        ("Caption on the next line.", "Picture: PA", "b.jpg"),
        ("Caption in its own paragraph", None, "c.jpg"),
    ]
    assert a.body[0].text == "Body paragraph after an uncaptioned image."
    assert_mapped(a)


def test_markdown_front_matter_supplies_missing_fields():
    src = '---\ntitle: "Talks next week"\nbyline: Jane Smith\nsummary: Seoul offers dialogue\n---\n\nBody text here.\n'
    a = parse_markdown("f.md", src)
    assert kinds(a) == ["headline", "byline", "standfirst", "paragraph"]
    assert a.headline.text == "Talks next week"
    assert (a.position(a.headline.start).line, a.position(a.headline.start).column) == (2, 9)
    assert src[a.blocks_of("byline")[0].start :].startswith("Jane Smith")
    assert a.body[0].text == "Body text here."
    assert a.position(a.body[0].start).line == 7
    assert_mapped(a)


def test_markdown_toml_front_matter():
    src = '+++\ntitle = "Talks next week"\ndraft = true\n+++\n# Talks next week\n\nBody.\n'
    fm = front_matter(src)
    assert fm is not None and fm.metadata == {"title": "Talks next week", "draft": True}
    a = parse_markdown("t.md", src)
    assert a.headline.text == "Talks next week"
    assert a.position(a.headline.start).line == 5


def test_markdown_without_front_matter_fence_is_not_front_matter():
    assert front_matter("---\nno closing fence\n\nText.") is None
    assert front_matter("--- not a fence\ntitle: x\n---\n") is None


def test_markdown_crlf_and_embedded_html_figure():
    src = (
        "# Storm hits coast\r\n\r\n"
        "Waves reached *ten metres* on Tuesday.\r\n\r\n"
        '<figure><img src="waves.jpg"><figcaption>Waves at Brighton &amp; Hove. '
        '<span class="credit">Photo: PA</span></figcaption></figure>\r\n\r\n'
        "<!-- newslint: disable-next-line NL101 -->\r\n"
        "Last line.\r\n"
    )
    a = parse_markdown("s.md", src)
    assert kinds(a) == ["headline", "paragraph", "caption", "paragraph"]
    para = a.body[0]
    assert at(a, para, "Tuesday") == where(a, "Tuesday", 3)
    cap = a.captions[0]
    assert cap.text == "Waves at Brighton & Hove. Photo: PA"
    assert cap.credit_text == "Photo: PA"
    assert cap.data == {"image": "waves.jpg"}
    assert at(a, cap, "Hove") == where(a, "Hove", 5)
    assert a.body[-1].text == "Last line."
    assert_mapped(a)


@pytest.mark.parametrize(
    "src",
    [
        "\u00a0\n**bold** after a no-break space line",  # markdown-it strips the U+00A0
        "- item\n\t\u201cquoted\u201d continuation",  # a tab expanded inside a list item
        "Code `spans\nacross lines` then words.",
        "Text `` a ` b `` more.",
        "[link [nested] text](http://x.com/a_(b) 'title') after.",
        "<span>inline html</span> and <br> a break.",
        "Setext headline\n===============\n\nBody.",
        "![img](a.jpg)![img2](b.jpg)\n\nParagraph.",
        "1. one\n2. two\n   continued",
        "> > nested quote\n> > continued",
        "",
        "---\n",
        "<![x](y 'T')",
        "# Heading with `code` and *emphasis* #",
    ],
)
def test_markdown_edge_cases_map_exactly(src):
    a = parse_markdown("e.md", src)
    assert_mapped(a)


def test_markdown_no_break_space_and_tab_offsets():
    a = parse_markdown("n.md", "\u00a0\n**Bold** words here\n\n- item\n\t\u201cquoted\u201d words")
    first, item = a.blocks
    assert first.text.startswith("Bold words here")
    assert at(a, first, "words") == where(a, "words", 2)
    assert at(a, item, "quoted") == where(a, "quoted", 5)


def test_markdown_code_is_not_prose():
    a = parse_markdown("c.md", "# H\n\n```\nteh code\n```\n\n    indented code\n\nProse.\n")
    assert [b.text for b in a.blocks] == ["H", "Prose."]


# -- HTML ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page():
    return parse_html("story.html", read("story.html"))


def test_html_structure(page):
    assert page.format == "html"
    assert kinds(page) == [
        "headline", "standfirst", "byline", "caption", "paragraph", "paragraph",
        "subheading", "blockquote", "caption", "boilerplate",
    ]
    assert page.headline.text == "Harbour bridge reopens after two-year repair"
    assert page.standfirst.text == "Commuters return to the crossing as engineers declare it safe"
    assert page.blocks_of("byline")[0].text == "By Sam Patel"
    assert page.metadata["title"] == "Harbour bridge reopens | Harbour Times"
    assert page.metadata["description"] == "Commuters return to the crossing"
    everything = " ".join(b.text for b in page.blocks)
    for hidden in ("Buy now", "Home", "Read more", "font-weight"):
        assert hidden not in everything
    assert_mapped(page)


def test_html_entities_and_inline_tags_map_to_source(page):
    para = page.body[0]
    assert para.text == (
        "The harbour bridge reopened on Monday after a repair that took two years "
        "and cost \u00a340m, said the mayor, Ana\u00a0Ruiz & her deputy, Tom Lee."
    )
    assert at(page, para, "Monday") == where(page, "Monday", 20)  # inside <strong>
    assert at(page, para, "and cost") == where(page, "and cost", 21)  # the newline and indent became one space
    assert source_of(page, para, para.text.index("\u00a3"), 7) == "&pound;"
    assert at(page, para, "40m") == where(page, "40m", 21)
    assert source_of(page, para, para.text.index("\u00a0"), 6) == "&nbsp;"
    assert at(page, para, "Tom Lee") == where(page, "Tom Lee", 21)
    quote = page.body[1]
    assert source_of(page, quote, 0, 7) == "&ldquo;"
    assert source_of(page, quote, quote.text.index("\u00e9"), 8) == "&eacute;"
    assert quote.text[slice(*quote.quotes[0])] == "We are delighted to have it back,"
    assert teh(page) == [(22, 68, 22, 71, "body")]


def test_html_figure_captions_and_credits(page):
    first, second = page.captions
    assert first.caption_text == "The reopened bridge at dawn on Monday."
    assert first.credit_text == "Photograph: Jane Doe/Harbour Times"
    assert at(page, first, "Photograph") == where(page, "Photograph", 18)  # inside <span class="credit">
    # a credit in a sibling element of the figcaption is appended to the caption
    assert second.caption_text == first.caption_text
    assert second.credit_text == first.credit_text
    assert at(page, second, "Photograph") == where(page, "Photograph", 28)
    assert first.data["image"] == second.data["image"] == "https://img.example/bridge.jpg"


def test_html_line_breaks_and_blockquote(page):
    bq = page.blocks_of("blockquote")[0]
    assert bq.text == "Engineers will inspect the cables every six months,\nthe council said."
    assert at(page, bq, "the council") == where(page, "the council", 24)


def test_broken_html_never_raises():
    a = parse_html("broken.html", read("broken.html"))
    assert kinds(a) == ["headline", "paragraph", "paragraph", "caption", "paragraph", "paragraph"]
    assert a.headline.text == "Storm closes & schools"  # "&amp" without its semicolon
    assert a.body[1].text == "Teh roads were flooded \u2014 and R&#D; staff stayed home."
    assert source_of(a, a.body[1], a.body[1].text.index("\u2014"), 7) == "&#x2014"
    cap = a.captions[0]
    assert (cap.caption_text, cap.credit_text, cap.data["image"]) == ("Flooded road in Leeds.", "Photo: PA", "/a.jpg")
    assert a.body[-1].text == "Final paragraph &unknown; stays."
    assert teh(a) == [(4, 4, 4, 7, "body")]
    assert_mapped(a)


@pytest.mark.parametrize(
    "junk",
    [
        "", "<", "&#", "</div></p></span>", "<p", "<!-- unclosed comment", "<script>unclosed",
        '<p a="b>c</p>', "<p>&#99999999999;</p>", "<![CDATA[x]]><p>y", "<?xml version='1.0'?><p>z</p>",
        "<table><tr><td>a<td>b</table>", "<ul><li>one<li>two</ul>", "<h1>unclosed headline<p>body",
        "\x00<p>\x00</p>", "<figure><figcaption>no end", "<p>a<br/>b<br>c</br></p>",
        "<head><title>T</title><p>No closing head</p>", "<![x](y)<p>after a bogus marked section</p>",
        "<p>a</p><![if !supportLists]>b<![endif]>",
    ],
)
def test_html_junk_is_read_without_error(junk):
    a = parse_html("j.html", junk)
    assert_mapped(a)


def test_html_lists_tables_and_unclosed_headings():
    a = parse_html("l.html", "<h1>Head<p>Body one</p><ul><li>one<li>two</ul><table><tr><td>a<td>b</table>")
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Head"), ("paragraph", "Body one"), ("paragraph", "one"), ("paragraph", "two"),
        ("paragraph", "a"), ("paragraph", "b"),
    ]


def test_html_byline_forms_and_caption_outside_figure():
    src = (
        "<h1>Head</h1><address>Jane Smith, Seoul</address>"
        "<p>By Tom Lee</p><div class='article__standfirst'>A short dek</div>"
        '<img src="p.jpg"><p class="wp-caption-text">Mr Moon in Seoul.</p><p class="credit">Photo: Reuters</p>'
        "<p>Text.</p>"
    )
    a = parse_html("b.html", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Head"), ("byline", "Jane Smith, Seoul"), ("byline", "By Tom Lee"),
        ("standfirst", "A short dek"), ("caption", "Mr Moon in Seoul. Photo: Reuters"), ("paragraph", "Text."),
    ]
    cap = a.captions[0]
    assert cap.credit_text == "Photo: Reuters" and cap.data == {"image": "p.jpg"}
    assert_mapped(a)


def test_html_dek_heading_and_credit_forms():
    src = (
        "<h1>Head</h1><h2>A long dek that explains the story in a sentence</h2><h2>Short sub</h2>"
        "<figure><img data-src='lazy.jpg'><figcaption>Crowds in Paju <cite>Jane Doe/Getty</cite></figcaption></figure>"
        "<figure id='f2'><figcaption>Seoul at night <small>AFP</small></figcaption></figure>"
    )
    a = parse_html("d.html", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Head"), ("standfirst", "A long dek that explains the story in a sentence"),
        ("subheading", "Short sub"), ("caption", "Crowds in Paju Jane Doe/Getty"), ("caption", "Seoul at night AFP"),
    ]
    first, second = a.captions
    assert (first.caption_text, first.credit_text) == ("Crowds in Paju", "Jane Doe/Getty")
    assert first.data == {"image": "lazy.jpg"}
    assert (second.caption_text, second.credit_text, second.data) == ("Seoul at night", "AFP", {"image": "f2"})


def test_html_pull_quote_figure_is_not_a_caption():
    src = "<p>Text.</p><figure><blockquote><p>We will talk.</p></blockquote><figcaption>Mr Cho</figcaption></figure>"
    a = parse_html("q.html", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("paragraph", "Text."), ("blockquote", "We will talk."), ("blockquote", "Mr Cho"),
    ]


def test_json_numeric_image_ids():
    src = '{"body": [{"type": "image", "id": 5}], "images": [{"id": 5, "caption": "Seoul. Photo: AP"}]}'
    a = parse_json("n.json", src)
    (cap,) = a.blocks
    assert (cap.kind, cap.text, dict(cap.data)) == ("caption", "Seoul. Photo: AP", {"image": "5", "id": "5"})


def test_markdown_dek_heading():
    a = parse_markdown("d.md", "# Head\n\n## A long dek that explains the story in a sentence\n\n## Next\n\nText.")
    assert kinds(a) == ["headline", "standfirst", "subheading", "paragraph"]


def test_html_without_tags_is_plain_text():
    a = parse_html("p.html", "Plain headline\n\nA paragraph of copy, with no markup at all.\n")
    assert a.format == "text"
    assert [b.kind for b in a.blocks] == ["headline", "paragraph"]


def test_html_large_document_is_linear():
    # thousands of paragraphs with entities and tags: checks the builder, not the clock
    para = "<p>Kim Jong-un met Moon Jae-in &amp; aides in <b>Seoul</b> on Tuesday.</p>\n"
    a = parse_html("big.html", "<h1>Big</h1>\n" + para * 5000)
    assert len(a.body) == 5000
    last = a.body[-1]
    assert at(a, last, "Seoul") == where(a, "Seoul", 5001)


# -- JSON ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def record():
    return parse_json("story.json", read("story.json"))


def test_json_structure(record):
    assert record.format == "json"
    assert kinds(record) == [
        "headline", "standfirst", "byline", "paragraph", "paragraph", "subheading",
        "blockquote", "caption", "paragraph", "caption", "caption",
    ]
    assert record.headline.text == "Harbour bridge reopens after two-year repair"
    assert at(record, record.headline, "Harbour") == where(record, "Harbour", 4)
    assert record.metadata["id"] == "ht-2026-0412"
    assert record.metadata["section"] == "city"
    assert_mapped(record)


def test_json_escapes_map_to_the_file(record):
    first, second = record.body[0], record.body[1]
    assert source_of(record, first, first.text.index("\u00a3"), 6) == "\\u00a3"
    assert at(record, first, "40m") == where(record, "40m", 8)
    assert second.text == '"We are delighted to have it back," said the mayor, Ana Ruiz.\nTeh caf\u00e9 stays shut.'
    assert source_of(record, second, 0, 2) == '\\"'
    assert at(record, second, "We are") == where(record, "We are", 9)
    assert at(record, second, "Ana Ruiz") == where(record, "Ana Ruiz", 9)
    assert source_of(record, second, second.text.index("\n"), 2) == "\\n"
    assert source_of(record, second, second.text.index("\u00e9"), 6) == "\\u00e9"
    assert teh(record) == [(9, 71, 9, 74, "body")]
    assert second.text[slice(*second.quotes[0])] == "We are delighted to have it back,"
    bike = record.body[-1]
    assert bike.text == "Cyclists were first across \U0001f6b2 at 6am."
    assert source_of(record, bike, bike.text.index("\U0001f6b2"), 12) == "\\ud83d\\udeb2"
    assert at(record, bike, "at 6am") == where(record, "at 6am", 13)


def test_json_images_captions_and_credits(record):
    dawn1, dawn2, cyclists = record.captions
    assert dawn1.text == "The reopened bridge at dawn on Monday. Photograph: Jane Doe/Harbour Times"
    assert dawn1.caption_text == "The reopened bridge at dawn on Monday."
    assert dawn1.credit_text == "Photograph: Jane Doe/Harbour Times"
    assert at(record, dawn1, "Photograph") == where(record, "Photograph", 18)  # inside the "credit" string
    assert dawn1.data["image"] == dawn2.data["image"] == "https://img.example/bridge.jpg"
    assert dawn1.data["id"] == "bridge-dawn"
    assert cyclists.credit_text == "Photo: Reuters"
    assert cyclists.data["image"] == "https://img.example/cyclists.jpg"


def test_json_image_without_address_is_keyed_by_id():
    a = parse_json("i.json", '{"images": [{"id": "x-1", "caption": "Mr Moon. Photo: Reuters"}]}')
    assert a.captions[0].data == {"image": "x-1", "id": "x-1"}
    assert a.captions[0].credit_text == "Photo: Reuters"


def test_json_body_as_one_string_and_aliases():
    src = '{"title": "Talks", "author": ["A One", {"name": "B Two"}], "body": "First para.\\n\\nSecond para."}'
    a = parse_json("b.json", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Talks"), ("byline", "A One"), ("byline", "B Two"),
        ("paragraph", "First para."), ("paragraph", "Second para."),
    ]
    assert src[a.body[1].start :].startswith("Second para.")
    assert_mapped(a)


def test_json_html_body_and_wordpress_rendered_fields():
    src = (
        '{"id": 7, "title": {"rendered": "Talks &#8220;next week&#8221; <em>confirmed</em>"},\n'
        ' "excerpt": {"rendered": "<p>Seoul offers dialogue</p>\\n"},\n'
        ' "content": {"rendered": "<p>Kim Jong-on met <a href=\\"\\/moon\\">Moon<\\/a> &amp; aides.<\\/p>'
        '<figure><img src=\\"\\/a.jpg\\"\\/><figcaption>Mr Moon. Photo: Reuters<\\/figcaption><\\/figure>'
        '<h2>Next<\\/h2><p>Caf\\u00e9 &eacute;\\nline<\\/p>"}}'
    )
    a = parse_json("wp.json", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "Talks \u201cnext week\u201d confirmed"),
        ("standfirst", "Seoul offers dialogue"),
        ("paragraph", "Kim Jong-on met Moon & aides."),
        ("caption", "Mr Moon. Photo: Reuters"),
        ("subheading", "Next"),
        ("paragraph", "Caf\u00e9 \u00e9 line"),
    ]
    assert source_of(a, a.headline, a.headline.text.index("\u201c"), 7) == "&#8220;"
    para = a.body[0]
    assert at(a, para, "Kim Jong-on") == where(a, "Kim Jong-on", 3)
    assert at(a, para, "Moon") == where(a, "Moon<", 3)
    cap = a.captions[0]
    assert cap.credit_text == "Photo: Reuters" and cap.data == {"image": "/a.jpg"}
    last = a.body[-1]
    assert source_of(a, last, 3, 6) == "\\u00e9"
    assert source_of(a, last, 5, 8) == "&eacute;"
    assert source_of(a, last, 6, 2) == "\\n"
    assert_mapped(a)


def test_json_html_items_in_a_body_list():
    src = '{"headline": "H", "body": ["<p>One <b>bold</b> line.</p>", {"type": "html", "html": "<h1>Sub</h1>"}]}'
    a = parse_json("h.json", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("headline", "H"), ("paragraph", "One bold line."), ("subheading", "Sub"),
    ]
    assert src[a.body[0].source_offset(4) :].startswith("bold</b>")
    assert_mapped(a)


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ('{"headline": "x",}', "invalid JSON: Expecting property name enclosed in double quotes at line 1, column 18"),
        ("[1, 2]", "a JSON article record must be an object, not list"),
        ('{"name": "package"}', "not an article record: no headline, body or images (see docs/formats.md)"),
        ('{"headline": 5}', '"headline" must be a string, not int'),
        ('{"body": [1]}', '"body"[0] must be a string or an object, not int'),
        ("", "invalid JSON: Expecting value at line 1, column 1"),
    ],
)
def test_json_problems_are_one_line_value_errors(src, message):
    with pytest.raises(ValueError) as e:
        parse_json("bad.json", src)
    assert str(e.value) == message


# -- shared pieces -----------------------------------------------------------------------


def test_text_builder_runs():
    b = TextBuilder()
    b.add("Kim ", 10)
    b.add("Jong", 17)  # after "<b>"
    b.add_replacement("-", 30)
    b.add("un", 31)
    mt = b.build()
    assert mt.text == "Kim Jong-un"
    assert [mt.offset(i) for i in range(len(mt.text))] == [10, 11, 12, 13, 17, 18, 19, 20, 30, 31, 32]
    sliced = mt.slice(4, 9)
    assert sliced.text == "Jong-" and sliced.offset(0) == 17 and sliced.offset(4) == 30


def test_mapped_text_concatenation_and_paragraphs():
    mt = MappedText.verbatim("One.\n\n  Two.", 100) + MappedText.verbatim(" Three", 5)
    assert [(p.text, p.offset(0)) for p in mt.paragraphs()] == [("One.", 100), ("Two. Three", 108)]
    assert mt.offset(len("One.\n\n  Two.") + 1) == 6


@pytest.mark.parametrize(
    ("fmt", "original", "replacement", "expected"),
    [
        ("html", "Teh", "Fish & chips <b>", "Fish &amp; chips &lt;b&gt;"),
        ("html", "caf&eacute;", "cafe", None),  # would destroy the entity
        ("html", "Jong</b>-on", "Jong-un", None),  # would destroy the tag
        ("json", "Teh", 'say "hi"\n', 'say \\"hi\\"\\n'),
        ("json", "caf\\u00e9", "cafe", None),
        ("markdown", "Teh", "*not* [x]", "\\*not\\* \\[x\\]"),
        ("markdown", "**Monday**", "Tuesday", None),
        ("text", "Teh", "<&>", "<&>"),
        ("markdown", "Kim Jong-on", "Kim Jong-un", "Kim Jong-un"),
        ("html", "&ndash; Copyright X", "", ""),  # deleting entities breaks nothing
        ("html", "a <b>", "", None),
        ("story", "Teh", "<&>", "<&>"),  # a format no loader answers for is plain text
        ("docx", "Teh", "The", None),  # never rewritten: each loader refuses for its format
        ("nitf", "Teh", "The", None),
        ("newsml", "Teh", "The", None),
        ("wxr", "Teh", "The", None),
    ],
)
def test_each_loader_escapes_a_fix_for_its_format(fmt, original, replacement, expected):
    # newslint_fix_escape: the loader of the format answers
    assert fix_escape(make_manager(autoload=False), fmt)(original, replacement) == expected


def test_a_fix_escaped_for_json_round_trips_through_the_json_loader():
    src = '{"headline": "Teh cat", "body": ["x"]}'
    a = parse_json("r.json", src)
    s, e = a.headline.source_span(0, 3)
    escape = fix_escape(make_manager(autoload=False), "json")
    new = src[:s] + escape(src[s:e], 'The "best"') + src[e:]
    assert parse_json("r.json", new).headline.text == 'The "best" cat'


# -- choosing a loader ------------------------------------------------------------------


@pytest.fixture(scope="module")
def load():
    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    for mod in (text_loader, md_loader, html_loader, json_loader):  # the order of BUILTIN_PLUGINS
        pm.register(mod)

    def run(path, text):
        return pm.hook.newslint_load_article(path=path, text=text, config=Config())

    return run


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.md", "markdown"), ("NEWS/B.MARKDOWN", "markdown"), ("c.html", "html"), ("d.htm", "html"),
     ("e.json", "json"), ("f.txt", "text")],
)
def test_loader_chosen_by_suffix(load, path, fmt):
    text = '{"headline": "Hi"}' if fmt == "json" else "<h1>Hi</h1>\n\n# Hi\n\nText."
    assert load(path, text).format == fmt


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><h1>Hi</h1></body></html>", "html"),
        ("<!-- newslint: disable-file -->\n<p>Hi there</p>", "html"),
        ("  <article><h1>Hi</h1></article>", "html"),
        ('{"headline": "Hi", "body": ["Text."]}', "json"),
        ("# Hi\n\nText.", "markdown"),
        ("---\ntitle: Hi\n---\nText.", "markdown"),
        ('{"not": "an article"}', "text"),
        ("{ broken json", "text"),
        ("Rates rose in #London\n\n<b>bold</b> claims.", "text"),
        ("Kim Jong-un offers talks\n\nSeoul responded on Tuesday.", "text"),
        ("---\nNot front matter, just a rule\n\nText.", "text"),
        ("#hashtag headline\n\nText.", "text"),
        ("<b>Bold opening</b> of a pasted paragraph\n\nMore.", "text"),
    ],
)
def test_stdin_is_sniffed_conservatively(load, text, fmt):
    assert load("-", text).format == fmt


def test_invalid_json_file_is_a_value_error_through_the_hook(load):
    with pytest.raises(ValueError, match="invalid JSON"):
        load("bad.json", "{oops")


# -- languages the markup marks --------------------------------------------------------


def marked(article):
    return [(b.text[s:e], lang) for b in article.blocks for s, e, lang in b.languages]


def test_html_marks_italics_and_other_languages_by_their_source_ranges():
    a = parse_html(
        "a.html",
        "<article><h1>A taste of Galicia</h1>"
        "<p>The chef&rsquo;s <i>pulpo a la gallega</i> won, and she said "
        '&ldquo;<span lang="fr">c&apos;est la vie</span>&rdquo; before the <em>caf&eacute; con leche</em>.</p>'
        '<p lang="en-GB">An English paragraph is no mark; <b>bold</b> is none either.</p></article>',
    )
    assert marked(a) == [("pulpo a la gallega", ""), ("c'est la vie", "fr"), ("café con leche", "")]
    p = a.blocks[1]
    s, e, _ = p.language_at(p.text.index("gallega"), p.text.index("gallega") + 7)
    assert p.text[s:e] == "pulpo a la gallega"
    assert p.language_at(0, 3) is None


def test_html_english_inside_a_foreign_run_is_english_again():
    a = parse_html("a.html", '<h1>Quote</h1><p lang="de">Er sagte <i lang="en">hello</i> und ging.</p>')
    p = a.blocks[1]
    assert marked(a) == [("Er sagte hello und ging.", "de"), ("hello", "en")]
    assert p.language_at(p.text.index("hello"), p.text.index("hello") + 5)[2] == "en"
    assert p.language_at(0, 2)[2] == "de"


def test_markdown_marks_emphasis_and_inline_html_but_not_bold():
    a = parse_markdown(
        "a.md",
        "# Lunch in Lisbon\n\nWe ate *pastel de nata* and _bacalhau à brás_, **very** good, and the owner said\n"
        '<span lang="pt">obrigado, volte sempre</span> as we left with <i>ginjinha</i>.\n',
    )
    assert marked(a) == [
        ("pastel de nata", ""),
        ("bacalhau à brás", ""),
        ("obrigado, volte sempre", "pt"),
        ("ginjinha", ""),
    ]
    assert_mapped(a)


def test_json_body_in_html_keeps_its_marks():
    record = '{"headline": "Court report", "body": "<p>The judge found no <i>mens rea</i> at all.</p>"}'
    assert marked(parse_json("a.json", record)) == [("mens rea", "")]
