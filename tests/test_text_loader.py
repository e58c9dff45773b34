"""The plain-text loader on a sample article written for this test."""

from __future__ import annotations

from newslint.loaders.text import paragraphs, parse_text

SAMPLE = """\
Harbour bridge reopens after two-year repair

Commuters return to the crossing as engineers declare it safe

The reopened bridge at dawn on Monday. Photograph: Jane Doe/Harbour Times

By Sam Patel

The harbour bridge reopened on Monday after a repair that took two years and cost \u00a340m.

"We are delighted to have it back," said the mayor, Ana Ruiz. "It is the city's spine."

What happens next

Engineers will inspect the cables every six months,
the council said in a statement.

Cyclists cross the bridge on Monday morning. Photo: Reuters

Copyright 2026 Harbour Times. All rights reserved.
"""


def kinds(article):
    return [(b.kind, b.index) for b in article.blocks]


def test_sample_article_structure():
    article = parse_text("bridge.txt", SAMPLE)
    assert kinds(article) == [
        ("headline", 0),
        ("standfirst", 0),
        ("caption", 0),
        ("byline", 0),
        ("paragraph", 0),
        ("paragraph", 1),
        ("subheading", 0),
        ("paragraph", 2),
        ("caption", 1),
        ("boilerplate", 0),
    ]
    assert article.headline.text == "Harbour bridge reopens after two-year repair"
    assert article.standfirst.text.startswith("Commuters return")
    assert [c.caption_text for c in article.captions] == [
        "The reopened bridge at dawn on Monday.",
        "Cyclists cross the bridge on Monday morning.",
    ]
    assert [c.credit_text for c in article.captions] == [
        "Photograph: Jane Doe/Harbour Times",
        "Photo: Reuters",
    ]
    assert [c.field for c in article.captions] == ["caption[1]", "caption[2]"]
    assert article.blocks_of("byline")[0].text == "By Sam Patel"


def test_every_block_text_is_its_source_slice():
    article = parse_text("bridge.txt", SAMPLE)
    for block in article.blocks:
        assert SAMPLE[block.start : block.end] == block.text


def test_block_positions_are_lines_of_the_source():
    article = parse_text("bridge.txt", SAMPLE)
    lines = [article.position(b.start).line for b in article.blocks]
    assert lines == [1, 3, 5, 7, 9, 11, 13, 15, 18, 20]


def test_multi_line_paragraph_is_one_block():
    article = parse_text("bridge.txt", SAMPLE)
    para = article.body[3]
    assert para.kind == "paragraph"
    assert para.text == (
        "Engineers will inspect the cables every six months,\nthe council said in a statement."
    )


def test_quotations_are_marked_in_paragraphs():
    article = parse_text("bridge.txt", SAMPLE)
    para = article.body[1]
    assert [para.text[a:b] for a, b in para.quotes] == [
        "We are delighted to have it back,",
        "It is the city's spine.",
    ]
    assert para.in_quote(para.text.index("delighted"))
    assert not para.in_quote(para.text.index("mayor"))


def test_crlf_source_keeps_offsets_and_newline():
    crlf = SAMPLE.replace("\n", "\r\n")
    article = parse_text("bridge.txt", crlf)
    assert article.newline == "\r\n"
    assert [b.kind for b in article.blocks] == [b.kind for b in parse_text("x", SAMPLE).blocks]
    for block in article.blocks:
        assert crlf[block.start : block.end] == block.text
    sub = article.blocks_of("subheading")[0]
    assert (article.position(sub.start).line, article.position(sub.start).column) == (13, 1)


def test_suppression_comment_is_not_copy():
    text = (
        "Headline here\n\nFirst paragraph of the story.\n"
        "<!-- newslint: disable-next-line NL101 -->\nSecond paragraph.\n"
    )
    article = parse_text("a.txt", text)
    assert [b.text for b in article.body] == ["First paragraph of the story.", "Second paragraph."]


def test_leading_whitespace_and_blank_lines_with_spaces():
    text = "  Headline with indent  \n   \n\tBody text here.\n"
    assert paragraphs(text) == [(2, "Headline with indent"), (text.index("Body"), "Body text here.")]
    article = parse_text("a.txt", text)
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("headline", "Headline with indent"),
        ("paragraph", "Body text here."),
    ]


def test_empty_and_headline_only():
    assert parse_text("empty.txt", "").blocks == ()
    assert parse_text("blank.txt", "\n\n  \n").blocks == ()
    article = parse_text("h.txt", "Just a headline")
    assert kinds(article) == [("headline", 0)]


def test_character_references_are_decoded_and_mapped_to_the_text_as_written():
    text = "Caf&#233; culture returns\n\nThe caf&eacute; in S&#xE3;o Paulo reopened, said AT&T and R&D staff &foo;.\n"
    article = parse_text("cafe.txt", text)
    headline, body = article.blocks
    assert headline.text == "Café culture returns"
    assert body.text == "The café in São Paulo reopened, said AT&T and R&D staff &foo;."
    # each decoded letter maps to its "&"; a span ending in one covers the whole reference
    i = body.text.index("café")
    assert text[body.source_offset(i + 3)] == "&"
    a, b = body.source_span(i, i + 4)
    assert text[a:b] == "caf&eacute;"
    j = body.text.index("São")
    a, b = body.source_span(j, j + 3)
    assert text[a:b] == "S&#xE3;o"
    k = body.text.index("staff")
    assert body.source_span(k, k + 5) == (text.index("staff"), text.index("staff") + 5)
