"""The article model: quotations, credits, source spans and positions."""

from __future__ import annotations

import pytest

from newslint.article import BLOCK_KINDS, Article, Block, BlockKind, find_credit, find_quotes
from newslint.diagnostic import Position


def quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in find_quotes(text)]


# -- find_quotes --------------------------------------------------------------------


def test_quotes_curly_straight_and_guillemets():
    text = "He said \u201cwe will meet\u201d and \"soon\", adding \u00abbientôt\u00bb."
    assert quoted(text) == ["we will meet", "soon", "bientôt"]


def test_quote_left_open_runs_to_the_end_of_the_paragraph():
    text = 'Kim said: "This is the first step. We hope to continue'
    assert find_quotes(text) == ((11, len(text)),)


def test_single_quotes_and_apostrophes_are_not_quotations():
    assert find_quotes("Kim's 'historic' visit, the leaders' talks") == ()
    assert find_quotes("") == ()


def test_mismatched_curly_quote_is_not_closed_by_a_straight_one():
    text = "\u201cone\" two\u201d three"
    assert quoted(text) == ['one" two']


# -- find_credit ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Kim and Moon shake hands. Photograph: Getty Images", "Photograph: Getty Images"),
        ("The summit venue Photo: Reuters", "Photo: Reuters"),
        ("Crowds in Seoul. Picture: PA", "Picture: PA"),
        ("Fireworks over the river (c) AFP", "(c) AFP"),
        ("Fireworks over the river \u00a9 AFP/Jung Yeon-je", "\u00a9 AFP/Jung Yeon-je"),
        ("Photograph: Ahn Young-joon/AP", "Photograph: Ahn Young-joon/AP"),
        ("Leaders meet. Photograph: Getty Images  ", "Photograph: Getty Images"),
        ("The brand's image: damaged. Photo: AP", "Photo: AP"),  # the first match was prose
        ("PHOTO: EPA", "PHOTO: EPA"),
    ],
)
def test_credit_found(caption, credit):
    span = find_credit(caption)
    assert span is not None
    assert caption[span[0] : span[1]] == credit


@pytest.mark.parametrize(
    "text",
    [
        "The talks went on into the night.",
        "A Photographer: not a credit",  # "Photo" inside a longer word
        "Kim Jong-un arrived at noon",
        # prose that happens to hold a credit keyword is not a credit
        "Under clause (c) the deal lapses.",
        "The company's image: tarnished by the scandal.",
        "Watch the video: it shows the crash.",
    ],
)
def test_no_credit(text):
    assert find_credit(text) is None


# -- Block: spans, fields, captions ---------------------------------------------------------


def test_contiguous_block_maps_offsets_directly():
    block = Block("paragraph", "Kim Jong-on spoke.", start=100)
    assert block.source_offset(0) == 100
    assert block.source_span(0, 11) == (100, 111)
    assert block.end == 118


def test_segments_map_text_back_through_removed_markup():
    # source: "<p>Kim &amp; <b>Moon</b> met</p>" -> text "Kim & Moon met"
    source = "<p>Kim &amp; <b>Moon</b> met</p>"
    text = "Kim & Moon met"
    block = Block(
        "paragraph", text, start=3,
        segments=((0, 3), (4, 7), (5, 12), (6, 16), (10, 24)),
    )
    s, e = block.source_span(text.index("Moon"), text.index("Moon") + 4)
    assert source[s:e] == "Moon"
    s, e = block.source_span(4, 5)  # the "&" came from the five characters "&amp;": a fix replaces them all
    assert source[s:e] == "&amp;"
    assert block.source_offset(4) == 7
    s, e = block.source_span(text.index("met"), len(text))
    assert source[s:e] == "met"
    assert block.source_span(6, 6) == (16, 16)  # an empty span stays empty


def test_fields_name_the_article_part():
    assert Block("headline", "H", 0).field == "headline"
    assert Block("subheading", "S", 0).field == "body"
    assert Block("blockquote", "Q", 0).field == "body"
    assert Block("caption", "C", 0, index=1).field == "caption[2]"
    assert Block("credit", "Photo: AP", 0, index=0).field == "credit[1]"


def test_block_kinds_are_one_vocabulary_of_strings():
    # a member is its string: loaders may write kind="caption", rules compare with either
    assert BlockKind.CAPTION == "caption" and f"{BlockKind.CAPTION}[1]" == "caption[1]"
    assert "caption" in BlockKind.COPY and "byline" not in BlockKind.COPY
    assert BLOCK_KINDS == tuple(k.value for k in BlockKind)
    assert Block(BlockKind.CAPTION, "C", 0).field == Block("caption", "C", 0).field == "caption[1]"
    # the groups nest as the checks rely on: body copy is copy, copy is prose
    assert BlockKind.RUNNING < BlockKind.BODY < BlockKind.COPY < BlockKind.PROSE < frozenset(BlockKind)
    assert BlockKind.PROSE - BlockKind.COPY == {BlockKind.BYLINE}
    assert BlockKind.UNQUOTED & BlockKind.BODY == set()


def test_quotations_are_marked_only_outside_the_unquoted_kinds():
    from newslint.loaders.text import parse_text

    text = 'Kim meets Moon\n\nHe said "we will talk".\n\nKim and Moon "shake hands". Photograph: AP\n'
    article = parse_text("a.txt", text)
    quoted = {b.kind for b in article.blocks if b.quotes}
    assert quoted == {"paragraph"} and "caption" in {b.kind for b in article.blocks}


def test_caption_text_drops_the_credit():
    text = "Kim and Moon shake hands. Photograph: Getty Images"
    block = Block("caption", text, 0, credit=find_credit(text))
    assert block.caption_text == "Kim and Moon shake hands."
    assert block.credit_text == "Photograph: Getty Images"
    assert Block("caption", "No credit", 0).caption_text == "No credit"


def test_in_quote():
    text = 'He said "Kim Jong-on is here" today'
    block = Block("paragraph", text, 0, quotes=find_quotes(text))
    i = text.index("Kim")
    assert block.in_quote(i, i + 11)
    assert not block.in_quote(text.index("today"))
    assert not block.in_quote(text.index("said"), i + 3)  # straddling the quote mark


# -- Article: positions and lines ------------------------------------------------------


def test_positions_with_crlf_line_endings():
    source = "Headline\r\n\r\nKim Jong-on spoke.\r\nSecond line\r\n"
    article = Article("a.txt", source, ())
    i = source.index("Kim")
    assert article.position(i) == Position(3, 1, i)
    j = source.index("Second")
    assert (article.position(j).line, article.position(j).column) == (4, 1)
    k = source.index("spoke")
    assert (article.position(k).line, article.position(k).column) == (3, 13)
    assert article.line_text(3) == "Kim Jong-on spoke."
    assert article.line_text(1) == "Headline"


def test_positions_with_lone_cr_and_columns_in_characters():
    source = "Séoul summit\rKim 日本 Jong-on"
    article = Article("a.txt", source, ())
    i = source.index("Jong")
    assert (article.position(i).line, article.position(i).column) == (2, 8)
    assert (article.position(source.index("summit")).column) == 7  # "é" is one column


def test_position_clamps_and_line_text_out_of_range():
    article = Article("a.txt", "one\ntwo\n", ())
    assert article.position(-5).offset == 0
    end = article.position(10_000)
    assert (end.line, end.column, end.offset) == (3, 1, 8)
    assert article.line_text(0) == "" and article.line_text(99) == ""
    assert article.line_text(3) == ""


def test_parts_and_word_count():
    blocks = (
        Block("headline", "Kim meets Moon", 0),
        Block("standfirst", "A first step", 20),
        Block("paragraph", "They met today.", 40),
        Block("caption", "Kim and Moon. Photo: AP", 60, credit=(14, 23)),
        Block("boilerplate", "Copyright 2026", 90),
    )
    article = Article("a.txt", " " * 120, blocks)
    assert article.headline is blocks[0] and article.standfirst is blocks[1]
    assert article.body == (blocks[2],) and article.captions == (blocks[3],)
    assert blocks[4] not in tuple(article.prose_blocks())
    assert article.word_count == 3 + 3 + 3 + 5


def test_credit_is_looked_for_only_at_the_end_of_a_long_line():
    prose = "Watch the video: it shows the crash. " * 50_000
    assert find_credit(prose) is None
    span = find_credit(prose + "Photo: AP")
    assert span is not None and (prose + "Photo: AP")[span[0] :] == "Photo: AP"
    # a "credit" that runs for a whole paragraph is prose
    assert find_credit("Photo: " + "words " * 100) is None
