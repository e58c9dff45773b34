"""The newsroom formats: NITF, NewsML-G2, WordPress WXR, Arc XP ANS, Word .docx and YAML front matter.

Each sample in ``tests/data/formats`` was written for these tests in the shape its
specification shows. Each loads with every field of the article model, every
character of every block maps back to its place in the file, and a real check's
findings cover exactly the text their messages quote.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import newslint
from newslint.config import Config
from newslint.loaders.markdown import parse_markdown
from newslint.session import Session

DATA = Path(__file__).parent / "data" / "formats"


def load_all(name: str, text: str | None = None) -> list[newslint.Article]:
    source = text if text is not None else (DATA / name).read_text(encoding="utf-8")
    return Session(extra_plugins=()).load_all(name, source, Config())


def fields(a: newslint.Article) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in a.blocks]


def assert_mapped(a: newslint.Article) -> None:
    """Every visible character maps to itself in the file, or to the ``&`` / ``\\`` of its entity or escape."""
    for block in a.blocks:
        for i, ch in enumerate(block.text):
            if ch.isspace() or (ch == "/" and block.kind == "caption"):
                continue
            src = a.source[block.source_offset(i)]
            assert src == ch or src in "&\\", (block.kind, block.text, i, ch, src)


def quoted(d: newslint.Diagnostic) -> str:
    m = re.match(r'"([^"]+)"', d.message)
    assert m, d.message
    return m.group(1)


def assert_findings_cover_their_quotes(path: Path, expected: set[str]) -> list[newslint.Diagnostic]:
    diags = newslint.check_file(path, config=Config())
    source = path.read_text(encoding="utf-8")
    found = set()
    for d in diags:
        if d.rule in ("name-consistency", "spelling"):
            covered = html.unescape(source[d.start.offset : d.end.offset])
            assert covered == quoted(d), (d.message, covered)
            found.add(quoted(d))
    assert expected <= found, (expected, [d.message for d in diags])
    return diags


# -- NITF ------------------------------------------------------------------------------


def test_nitf_loads_every_field():
    (a,) = load_all("story.nitf.xml")
    assert a.format == "nitf"
    assert fields(a)[:3] == [
        ("headline", "South Korea proposes talks with North"),
        ("standfirst", "Seoul offers high-level talks after Kim Jong-un\u2019s new year speech"),
        ("byline", "By Jane Smith, Seoul correspondent"),
    ]
    (cap,) = a.captions
    assert cap.caption_text == "Visitors look towards the North from Paju, near the border."
    assert cap.credit_text == "Photograph: Jung Yeon-je/AFP"
    assert cap.data["image"] == "paju-visitors.jpg"
    assert ("subheading", "Winter Olympics") in fields(a)
    assert ("paragraph", "Seoul hopes the North will send athletes to the Winter Olympics in Pyeongchang "
            "& Gangneung next month.") in fields(a)
    assert [b.text for b in a.blocks_of("blockquote")] == [
        "\u201cWe expect the North to respond positively,\u201d said Mr Cho.",
        "Cho Myoung-gyon, unification minister",
    ]
    assert fields(a)[-1] == ("boilerplate", "Copyright 2026 Example News. All rights reserved.")
    assert a.metadata["doc-id"] == "EX-20260102-0042" and a.metadata["dateline"] == "SEOUL, Jan. 2"
    assert_mapped(a)


def test_nitf_findings_point_at_their_words():
    assert_findings_cover_their_quotes(DATA / "story.nitf.xml", {"Kim Jong-on"})


# -- NewsML-G2 -------------------------------------------------------------------------


def test_newsml_loads_every_field_and_the_picture_caption():
    (a,) = load_all("story.newsml.xml")
    assert a.format == "newsml"
    assert fields(a)[:3] == [
        ("headline", "South Korea proposes talks with North"),
        ("standfirst", "Seoul offers high-level talks after Kim Jong-un\u2019s new year speech"),
        ("byline", "Jane Smith"),
    ]
    assert ("subheading", "Winter Olympics") in fields(a)
    assert len(a.body) == 4
    (cap,) = a.captions
    assert cap.caption_text == "Visitors look towards the North from Paju, near the bordr."
    assert cap.credit_text == "Photograph: Jung Yeon-je/AFP"
    assert cap.data["image"] == "https://img.example.com/paju-visitors.jpg"
    assert a.metadata["guid"] == "urn:newsml:example.com:20260102:korea-talks"
    assert_mapped(a)


def test_newsml_findings_point_at_their_words():
    assert_findings_cover_their_quotes(DATA / "story.newsml.xml", {"Kim Jong-on", "bordr"})


def test_newsml_message_with_two_text_items_is_two_articles():
    src = (DATA / "story.newsml.xml").read_text(encoding="utf-8")
    item = src[src.index("<newsItem") : src.index("</newsItem>") + len("</newsItem>")]
    second = item.replace("korea-talks", "olympics").replace("South Korea proposes talks", "Olympic teams to march")
    two = src.replace("</itemSet>", second + "\n  </itemSet>")
    articles = load_all("two.xml", two)
    assert [a.headline.text for a in articles if a.headline] == [
        "South Korea proposes talks with North", "Olympic teams to march with North",
    ]
    # the picture after the first story belongs to it, not to the one after the picture
    assert [len(a.captions) for a in articles] == [1, 0]


# -- WordPress WXR -----------------------------------------------------------------------


def test_wxr_is_one_article_per_post():
    first, second = load_all("export.wxr.xml")
    assert [a.format for a in (first, second)] == ["wxr", "wxr"]
    assert fields(first)[:3] == [
        ("headline", "South Korea proposes talks with North"),
        ("standfirst", "Seoul offers high-level talks after Kim Jong-un's new year speech"),
        ("byline", "Jane Smith"),
    ]
    body = [b.text for b in first.body]
    assert body[0].startswith("South Korea has proposed") and "Winter Olympics" in body
    assert not any("gallery" in t for t in body)  # a shortcode is not copy
    # the [caption] in the body, then the featured image from its attachment item
    captions = [(c.caption_text, c.credit_text) for c in first.captions]
    assert captions == [
        ("Visitors look towards the North from Paju.", "Photograph: Jung Yeon-je/AFP"),
        ("The unification minister, Cho Myoung-gyon, in Seoul on Tuesday.", "Photograph: Ahn Young-joon/AP"),
    ]
    assert first.metadata["status"] == "publish" and first.metadata["categories"] == ["World"]
    assert fields(second) == [
        ("headline", "Talks at Panmunjom: what we know"),
        ("byline", "Sam Patel"),
        ("paragraph", "The two Koreas last met at Panmunjom in 2018, when the goverment in Seoul hosted a summit."),
        ("blockquote", "\u201cIt is a start,\u201d said one official."),
    ]
    for a in (first, second):
        assert_mapped(a)


def test_wxr_findings_in_each_post_point_at_their_words():
    diags = assert_findings_cover_their_quotes(DATA / "export.wxr.xml", {"Kim Jong-on", "goverment"})
    source = (DATA / "export.wxr.xml").read_text(encoding="utf-8")
    (slip,) = [d for d in diags if quoted(d) == "goverment"]
    assert source.index("Talks at Panmunjom") < slip.start.offset  # in the second post


def test_wxr_several_articles_reach_batch_rules_separately(tmp_path):
    # the same caption in two posts of one export is a reused caption across articles
    src = (DATA / "export.wxr.xml").read_text(encoding="utf-8")
    src = src.replace(
        "<p>The two Koreas last met",
        "<figure><img src=\"https://example.com/x.jpg\"><figcaption>Visitors look towards the North from Paju. "
        "Photograph: Jung Yeon-je/AFP</figcaption></figure>\n<p>The two Koreas last met",
    )
    path = tmp_path / "export.xml"
    path.write_text(src, encoding="utf-8")
    articles = load_all("export.xml", src)
    assert len(articles) == 2 and all(a.captions for a in articles)
    diags = newslint.check_paths([path])
    assert all(d.path == str(path) for d in diags)


# -- Arc XP ANS --------------------------------------------------------------------------


def test_ans_loads_every_field():
    (a,) = load_all("story.ans.json")
    assert a.format == "json"
    assert fields(a)[:4] == [
        ("headline", "South Korea proposes talks with North"),
        ("standfirst", "Seoul offers high-level talks after Kim Jong-un\u2019s new year speech"),
        ("byline", "Jane Smith"),
        ("byline", "Sam Patel"),
    ]
    captions = [(c.caption_text, c.credit_text, c.data["image"]) for c in a.captions]
    assert captions == [
        ("Visitors look towards the North from Paju, near the bordr.", "Jung Yeon-je/AFP",
         "https://img.example.com/paju.jpg"),
        ("Cho Myoung-gyon in Seoul on Tuesday.", "Ahn Young-joon/AP", "https://img.example.com/cho.jpg"),
    ]
    body = [(b.kind, b.text) for b in a.body]
    assert body[0] == ("paragraph", "South Korea has proposed high-level talks with North Korea, after the leader "
                       "Kim Jong-on said he was \u201copen to dialogue\u201d in his new year address.")
    assert ("subheading", "Winter Olympics") in body
    assert ("blockquote", "Cho Myoung-gyon") in body
    assert ("paragraph", "Olympics in February") in body
    assert not any("Watch" in t for _, t in body)  # a video carries no copy
    assert a.metadata["_id"] == "KOREATALKS2026"
    assert_mapped(a)


def test_ans_findings_point_at_their_words():
    assert_findings_cover_their_quotes(DATA / "story.ans.json", {"Kim Jong-on", "bordr"})


def test_plain_json_records_are_still_the_json_loader():
    (a,) = load_all("r.json", '{"headline": "H", "body": ["One paragraph."]}')
    assert fields(a) == [("headline", "H"), ("paragraph", "One paragraph.")]


# -- Word .docx --------------------------------------------------------------------------


@pytest.fixture
def word_file(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx is the docx extra")
    doc = docx.Document()
    doc.add_paragraph("South Korea proposes talks with North", style="Title")
    doc.add_paragraph("Seoul offers high-level talks after Kim Jong-un\u2019s new year speech", style="Subtitle")
    doc.add_paragraph("By Jane Smith")
    doc.add_paragraph("")
    doc.add_paragraph(
        "South Korea has proposed high-level talks with North Korea, after the leader Kim Jong-on said he "
        "was \u201copen to dialogue\u201d in his new year address."
    )
    doc.add_paragraph("Winter Olympics", style="Heading 2")
    doc.add_paragraph("Seoul hopes the North will send athletes to the Olympics, the goverment said.")
    doc.add_paragraph("Visitors look towards the North from Paju. Photograph: Jung Yeon-je/AFP", style="Caption")
    doc.add_paragraph("\u201cWe expect the North to respond positively.\u201d", style="Quote")
    doc.core_properties.author = "Jane Smith"
    path = tmp_path / "story.docx"
    doc.save(str(path))
    return path


def test_docx_loads_every_field_by_style(word_file):
    from newslint.loaders.docx import parse_docx

    a = parse_docx(str(word_file), word_file.read_bytes())
    assert a.format == "docx"
    assert fields(a) == [
        ("headline", "South Korea proposes talks with North"),
        ("standfirst", "Seoul offers high-level talks after Kim Jong-un\u2019s new year speech"),
        ("byline", "By Jane Smith"),
        ("paragraph", "South Korea has proposed high-level talks with North Korea, after the leader Kim Jong-on "
         "said he was \u201copen to dialogue\u201d in his new year address."),
        ("subheading", "Winter Olympics"),
        ("paragraph", "Seoul hopes the North will send athletes to the Olympics, the goverment said."),
        ("caption", "Visitors look towards the North from Paju. Photograph: Jung Yeon-je/AFP"),
        ("blockquote", "\u201cWe expect the North to respond positively.\u201d"),
    ]
    assert a.captions[0].credit_text == "Photograph: Jung Yeon-je/AFP"
    assert a.metadata["author"] == "Jane Smith"
    assert_mapped(a)


def test_docx_positions_are_paragraph_and_character(word_file):
    diags = newslint.check_file(word_file, config=Config())
    slips = {quoted(d): d for d in diags if d.rule in ("name-consistency", "spelling")}
    # the empty fourth paragraph counts, as in Word: the story's first paragraph is line 5
    name = slips["Kim Jong-on"]
    assert (name.start.line, name.start.column, name.end.column) == (5, 78, 89)
    gov = slips["goverment"]
    assert (gov.start.line, gov.start.column) == (7, 63)


def test_docx_is_never_rewritten(word_file, run_cli):
    before = word_file.read_bytes()
    run_cli("check", "--fix", "--unsafe-fixes", "--no-autoload", str(word_file))
    assert word_file.read_bytes() == before


def test_a_broken_docx_is_a_clear_nl003(tmp_path):
    pytest.importorskip("docx")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    (d,) = newslint.check_file(bad, config=Config())
    assert d.code == "NL003" and d.message.startswith("cannot read as an article: not a readable Word document")


def test_newslint_load_document_hook_takes_a_binary_format(tmp_path):
    class Loader:
        @newslint.hookimpl
        def newslint_load_document(self, path, data, config):
            if not path.endswith(".bin"):
                return None
            text = data.decode("utf-16-le")
            return newslint.Article(path, text, (newslint.Block("paragraph", text, start=0),), format="bin")

    path = tmp_path / "story.bin"
    path.write_bytes("Teh story.".encode("utf-16-le"))
    diags = newslint.check_file(path, plugins=[Loader()], config=Config())
    assert [d.code for d in diags if d.code == "NL003"] == []


# -- other XML ---------------------------------------------------------------------------


def test_xml_that_is_no_news_format_is_a_clear_nl003(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>', encoding="utf-8")
    (d,) = newslint.check_file(path, config=Config())
    assert d.code == "NL003"
    assert "not NITF, NewsML-G2 or a WordPress export (WXR): <urlset>" in d.message


def test_broken_xml_says_where(tmp_path):
    path = tmp_path / "story.xml"
    path.write_text("<nitf><body><body.content><p>Copy</body></nitf>", encoding="utf-8")
    (d,) = newslint.check_file(path, config=Config())
    assert d.code == "NL003" and "</body> where </p> was expected at line 1, column 34" in d.message


# -- YAML front matter --------------------------------------------------------------------


FRONT = """---
title: "South Korea proposes talks with North"
description: Seoul offers talks after Kim Jong-un's speech
authors:
  - name: Jane Smith
    email: jane@example.com
  - name: Sam Patel
images:
  - src: /img/paju.jpg
    caption: Visitors look towards the North from Paju
    credit: "Photograph: Jung Yeon-je/AFP"
tags: [korea, talks]
published: 2026-01-02
---
South Korea has proposed talks with North Korea, after Kim Jong-on spoke.
"""


def test_front_matter_is_real_yaml():
    a = parse_markdown("story.md", FRONT)
    assert fields(a) == [
        ("headline", "South Korea proposes talks with North"),
        ("standfirst", "Seoul offers talks after Kim Jong-un's speech"),
        ("byline", "Jane Smith"),
        ("byline", "Sam Patel"),
        ("caption", "Visitors look towards the North from Paju Photograph: Jung Yeon-je/AFP"),
        ("paragraph", "South Korea has proposed talks with North Korea, after Kim Jong-on spoke."),
    ]
    assert a.captions[0].credit_text == "Photograph: Jung Yeon-je/AFP"
    assert a.captions[0].data["image"] == "/img/paju.jpg"
    assert a.metadata["authors"][0] == {"name": "Jane Smith", "email": "jane@example.com"}
    assert a.metadata["tags"] == ["korea", "talks"]
    assert str(a.metadata["published"]) == "2026-01-02"
    assert_mapped(a)


def test_front_matter_yaml_is_safe_and_a_broken_one_is_ignored():
    evil = "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nBody text here.\n"
    a = parse_markdown("e.md", evil)
    assert a.metadata == {}
    broken = "---\ntitle: [unclosed\n---\nBody text here.\n"
    assert parse_markdown("b.md", broken).metadata == {}


def test_newsml_inline_data_is_a_paragraph_a_line_or_a_blank_line():
    head = '<newsItem guid="g" standard="NewsML-G2"><contentMeta><headline>Head</headline></contentMeta><contentSet>'
    lines = head + '<inlineData contenttype="text/plain">First line.\nSecond line.</inlineData></contentSet></newsItem>'
    (a,) = load_all("x.xml", lines)
    assert fields(a) == [("headline", "Head"), ("paragraph", "First line."), ("paragraph", "Second line.")]
    assert_mapped(a)
    paras = head + '<inlineData contenttype="text/plain">One\nparagraph.\n\nAnother.</inlineData>'
    paras += "</contentSet></newsItem>"
    (a,) = load_all("x.xml", paras)
    assert fields(a)[1:] == [("paragraph", "One\nparagraph."), ("paragraph", "Another.")]
    assert_mapped(a)
