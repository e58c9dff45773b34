"""Caption and credit checks: duplicate-caption, caption-credit, credit-format, reused-caption."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newslint.article import Article, Block, find_credit
from newslint.config import Config, ConfigError
from newslint.diagnostic import Severity
from newslint.loaders.text import parse_text
from newslint.rule import DOC_SECTIONS, RuleContext
from newslint.rules import captions
from newslint.rules.captions import (
    CaptionCredit,
    CreditFormat,
    DuplicateCaption,
    ReusedCaption,
    similar_pairs,
    similarity,
    words,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

CAP = "Visitors look through binoculars at the peace park near the border in Paju"


def check(rule, article, **options):
    ctx = RuleContext(config=Config(), options={**rule.options, **options})
    return list(rule.check(article, ctx))


def check_batch(rule, articles, **options):
    ctx = RuleContext(config=Config(), options={**rule.options, **options})
    return list(rule.check_batch(articles, ctx))


def where(diags):
    return [(d.code, d.start.line, d.start.column) for d in diags]


def article_of(path, parts, fmt="html"):
    """An Article built by hand, as a structured loader would: ``parts`` are
    ``(kind, source_before, text, data)``; captions get their credit found."""
    source, blocks, counts = "", [], {}
    for kind, before, text, data in parts:
        source += before
        idx = counts.get(kind, 0)
        counts[kind] = idx + 1
        credit = find_credit(text) if kind == "caption" else None
        blocks.append(Block(kind, text, len(source), idx, credit=credit, data=data or {}))
        source += text
    return Article(path=path, source=source, blocks=tuple(blocks), format=fmt)


# -- duplicate-caption, plain text ----------------------------------------------------


def test_exact_repeat_ignores_case_punctuation_whitespace_and_credit():
    shouted = CAP.upper().replace(" ", "  ") + "!"
    text = (
        "Talks proposed\n\n"
        f"{CAP}. Photograph: Getty Images\n\n"
        "South Korea responded to the offer on Tuesday.\n\n"
        f"{shouted} Photo: Reuters\n"
    )
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert (d.code, d.rule, d.start.line, d.start.column) == ("NL201", "duplicate-caption", 7, 1)
    # the span covers the caption's words, not the credit
    assert (d.end.line, d.end.column) == (7, 1 + len(shouted))
    assert d.message.startswith('Caption "VISITORS LOOK THROUGH BINOCULARS AT THE PEACE PARK...')
    assert d.message.endswith("repeats the caption on line 3")
    assert d.data == {"first_line": 3, "first_column": 1, "first_field": "caption[1]", "similarity": 1.0}
    assert d.field == "caption[2]"
    assert d.severity is Severity.WARNING


def test_founding_article_shape_one_finding_at_the_repeat():
    cap = f"{CAP}. Photograph: Getty Images"
    text = f"Headline\n\nStandfirst here\n\n{cap}\n\n{cap}\n\n\nBody text starts here.\n"
    assert where(check(DuplicateCaption(), parse_text("ft.txt", text))) == [("NL201", 7, 1)]


@pytest.mark.parametrize(
    "repeat",
    [
        "Visitors look through binoculars at the park near the border in Paju. Photograph: AP",  # word dropped
        "Visitors look through binoculars at the peace park near the border in Paju. Picture: PA",  # credit
        "Tourists look through binoculars at the peace park near the frontier in Paju. (c) AFP",  # two changed
    ],
)
def test_near_repeat_is_reported_with_its_similarity(repeat):
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\nA paragraph of body copy.\n\n{repeat}\n"
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert where([d]) == [("NL201", 7, 1)]
    assert d.data["first_line"] == 3
    if d.data["similarity"] < 1.0:
        assert "nearly repeats the caption on line 3" in d.message
        assert d.data["similarity"] >= 0.8


def test_threshold_option_decides_near_repeats():
    repeat = "Tourists look through binoculars at the peace park near the frontier in Paju. (c) AFP"
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\nBody copy.\n\n{repeat}\n"
    article = parse_text("story.txt", text)
    assert check(DuplicateCaption(), article, threshold=0.9) == []
    assert len(check(DuplicateCaption(), article, threshold=0.8)) == 1


def test_far_apart_repeat_is_found():
    body = "\n\n".join(f"Paragraph number {n} of the story, with a full stop." for n in range(40))
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\n{body}\n\n{CAP}. Photograph: EPA\n"
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert d.start.line == 85 and d.data["first_line"] == 3


def test_distinct_captions_are_quiet():
    other = "Police officers stand guard outside the court in central London on Monday"
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\nBody copy.\n\n{other}. Photograph: PA\n"
    assert check(DuplicateCaption(), parse_text("story.txt", text)) == []


def test_short_near_captions_are_not_near_repeats():
    # one word of five changed: a gallery, not a slip
    text = "Headline\n\nFans celebrate in Paris tonight. Photo: AP\n\nBody.\n\nFans celebrate in Lyon tonight. Photo: AP\n"
    assert check(DuplicateCaption(), parse_text("story.txt", text)) == []
    text2 = "Headline\n\nFile picture. Photo: AP\n\nBody.\n\nFile picture. Photo: AP\n"
    assert check(DuplicateCaption(), parse_text("story.txt", text2)) == []


def test_third_copy_also_points_at_the_first():
    cap = f"{CAP}. Photograph: Getty Images"
    text = f"Headline\n\n{cap}\n\nBody one.\n\n{cap}\n\nBody two.\n\n{cap}\n"
    diags = check(DuplicateCaption(), parse_text("story.txt", text))
    assert [(d.start.line, d.data["first_line"]) for d in diags] == [(7, 3), (11, 3)]


def test_caption_pasted_into_the_body():
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\nBody copy here.\n\n{CAP}.\n"
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert (d.start.line, d.field) == (7, "body")
    assert d.message == 'Paragraph "Visitors look through binoculars at the peace park..." repeats the caption on line 3'
    assert check(DuplicateCaption(), parse_text("story.txt", text), check_body=False) == []


def test_caption_repeating_an_earlier_paragraph_points_at_the_paragraph():
    text = f"Headline\n\nBody copy here.\n\n{CAP}.\n\n{CAP}. Photograph: Getty Images\n"
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert d.start.line == 7 and d.message.endswith("repeats the paragraph on line 5")


def test_paragraph_holding_the_caption_among_other_sentences_is_quiet():
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\n{CAP}, officials said. Talks start next week.\n"
    assert check(DuplicateCaption(), parse_text("story.txt", text)) == []


def test_repeat_of_a_titled_caption_run_together():
    # the CMS put a title line above the first caption; the repeat has it on the same line
    text = (
        "Headline\n\nBody copy.\n\nSearch wars hit desktop PCs\n\n"
        "Another front in the battle between Microsoft and Google is about to open. Photograph: EPA\n\n"
        "More body copy.\n\n"
        "Search wars hit desktop PCs Another front in the battle between Microsoft and Google is "
        "about to open. Photograph: AP\n"
    )
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert (d.start.line, d.data["first_line"]) == (11, 7)


# -- structured input: the same picture, HTML offsets, Markdown, JSON ------------------


def _figure(image):
    return {"image": image} if image else None


def test_same_picture_twice_is_not_a_finding():
    parts = [
        ("headline", "<h1>", "Talks proposed", None),
        ("caption", "</h1>\n<figure><img src='a.jpg'><figcaption>", f"{CAP}. Photograph: AP", _figure("a.jpg")),
        ("paragraph", "</figcaption></figure>\n<p>", "Body copy.", None),
        ("caption", "</p>\n<figure><img src='a.jpg'><figcaption>", f"{CAP}. Photograph: AP", _figure("a.jpg")),
    ]
    assert check(DuplicateCaption(), article_of("story.html", parts)) == []


def test_same_caption_on_different_pictures_in_html_points_at_the_right_column():
    parts = [
        ("headline", "<h1>", "Talks proposed", None),
        ("caption", "</h1>\n<figure><img src='a.jpg'><figcaption>", f"{CAP}. Photograph: AP", _figure("a.jpg")),
        ("paragraph", "</figcaption></figure>\n<p>", "Body copy.", None),
        ("caption", "</p>\n<figure><img src='b.jpg'><figcaption>", f"{CAP}. Photograph: AP", _figure("b.jpg")),
    ]
    [d] = check(DuplicateCaption(), article_of("story.html", parts))
    # after "<figure><img src='b.jpg'><figcaption>" (37 characters)
    assert (d.start.line, d.start.column) == (4, 38)
    assert d.data["first_line"] == 2 and d.data["first_column"] == 38


def test_html_caption_with_an_entity_maps_through_segments():
    # "Fans &amp; players ..." in the source, "Fans & players ..." in the block
    words_ = "Fans & players gather outside the stadium before the cup final"
    src_cap = words_.replace("&", "&amp;")
    source = f"<h1>Cup final</h1>\n<figcaption>{src_cap}</figcaption>\n<p>Body.</p>\n<figcaption>{src_cap}</figcaption>\n"
    first = source.index("<figcaption>") + len("<figcaption>")
    second = source.rindex("<figcaption>") + len("<figcaption>")
    amp = words_.index("&")

    def cap(start, idx):
        return Block("caption", words_, start, idx, segments=((0, start), (amp + 1, start + amp + 5)))

    blocks = (
        Block("headline", "Cup final", 4),
        cap(first, 0),
        Block("paragraph", "Body.", source.index("Body.")),
        cap(second, 1),
    )
    article = Article("story.html", source, blocks, format="html")
    [d] = check(DuplicateCaption(), article)
    assert (d.start.line, d.start.column) == (4, 13)
    assert (d.end.line, d.end.column) == (4, 13 + len(src_cap))


def test_markdown_image_captions():
    src = (
        "# Talks proposed\n\n"
        f"![{CAP}](a.jpg)\n*{CAP}. Photograph: AP*\n\n"
        "Body copy.\n\n"
        f"![{CAP}](b.jpg)\n*{CAP}. Photograph: AP*\n"
    )
    first = src.index("*") + 1
    second = src.rindex("\n*") + 2
    text = f"{CAP}. Photograph: AP"
    blocks = (
        Block("headline", "Talks proposed", 2),
        Block("caption", text, first, 0, credit=find_credit(text), data={"image": "a.jpg"}),
        Block("paragraph", "Body copy.", src.index("Body copy.")),
        Block("caption", text, second, 1, credit=find_credit(text), data={"image": "b.jpg"}),
    )
    [d] = check(DuplicateCaption(), Article("story.md", src, blocks, format="markdown"))
    assert (d.start.line, d.start.column, d.data["first_line"]) == (9, 2, 4)


def test_json_record_captions():
    import json

    record = {"headline": "Talks proposed", "images": [
        {"id": "img-1", "caption": CAP, "credit": "Getty Images"},
        {"id": "img-2", "caption": CAP.replace("peace ", ""), "credit": "AP"},
    ]}
    src = json.dumps(record, indent=1)
    blocks = [Block("headline", "Talks proposed", src.index("Talks proposed"))]
    for n, img in enumerate(record["images"]):
        start = src.index(f'"caption": "{img["caption"]}"') + len('"caption": "')
        blocks.append(Block("caption", img["caption"], start, n, data={"image": img["id"], "credit": img["credit"]}))
    article = Article("story.json", src, tuple(blocks), format="json")
    [d] = check(DuplicateCaption(), article)
    assert d.start.line == src[: blocks[2].start].count("\n") + 1
    assert 0.9 < d.data["similarity"] < 1.0
    # the loader kept the credit beside the caption: no missing-credit finding
    assert check(CaptionCredit(), article) == []


# -- reused-caption (batch) -----------------------------------------------------------


def _story(path, cap, image=None, before="Body copy.\n"):
    parts = [("headline", "", "Headline", None), ("paragraph", "\n", before, None),
             ("caption", "\n", f"{cap}. Photograph: AP", _figure(image))]
    return article_of(path, parts)


def test_batch_reports_a_caption_on_another_picture_in_another_article():
    a = _story("a.html", CAP, "a.jpg")
    b = _story("b.html", CAP, "b.jpg", before="Other body.\nMore lines.\n")
    [d] = check_batch(ReusedCaption(), [a, b])
    assert (d.code, d.path, d.start.line, d.start.column) == ("NL204", "b.html", 5, 1)
    assert d.message.endswith("is also used in a.html on line 4 under a different picture")
    assert d.data["first_path"] == "a.html" and d.data["first_line"] == 4
    assert d.severity is Severity.WARNING


def test_batch_same_picture_is_quiet_and_unknown_picture_is_info():
    a, b = _story("a.html", CAP, "x.jpg"), _story("b.html", CAP, "x.jpg")
    assert check_batch(ReusedCaption(), [a, b]) == []
    t1 = parse_text("a.txt", f"Headline\n\nBody.\n\n{CAP}. Photograph: AP\n")
    t2 = parse_text("b.txt", f"Headline\n\n{CAP.replace('peace ', '')}. Photograph: EPA\n")
    [d] = check_batch(ReusedCaption(), [t1, t2])
    assert (d.path, d.start.line, d.severity) == ("b.txt", 3, Severity.INFO)
    assert "is nearly the same as a caption in a.txt on line 5" in d.message


def test_batch_leaves_repeats_inside_one_article_to_duplicate_caption():
    t = parse_text("a.txt", f"Headline\n\n{CAP}. Photo: AP\n\nBody.\n\n{CAP}. Photo: AP\n")
    other = parse_text("b.txt", "Headline\n\nA different caption about the weather today. Photo: PA\n")
    assert check_batch(ReusedCaption(), [t, other]) == []


# -- caption-credit and credit-format -------------------------------------------------


def test_caption_without_credit_is_info():
    parts = [("headline", "<h1>", "Headline", None),
             ("caption", "</h1>\n<figcaption>", "Fans outside the stadium on Saturday", None)]
    [d] = check(CaptionCredit(), article_of("s.html", parts))
    assert (d.code, d.start.line, d.start.column, d.severity) == ("NL202", 2, 13, Severity.INFO)
    assert d.message == 'Caption "Fans outside the stadium on Saturday" has no photo credit'


def test_plain_text_captions_always_have_credits():
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\nBody.\n"
    assert check(CaptionCredit(), parse_text("s.txt", text)) == []


@pytest.mark.parametrize(
    "credit", ["Photograph: Getty Images", "Photo: Reuters", "Picture: PA", "(c) AFP", "\u00a9 AFP",
               "Photograph: AFP/Getty Images", "Photos: EPA"],
)
def test_default_credit_format_accepts_ordinary_credits(credit):
    assert check(CreditFormat(), parse_text("s.txt", f"Headline\n\n{CAP}. {credit}\n")) == []


def test_credit_format_flags_a_lower_case_name_and_a_house_pattern():
    [d] = check(CreditFormat(), parse_text("s.txt", f"Headline\n\n{CAP}. Photograph: getty\n"))
    assert (d.code, d.start.line, d.start.column) == ("NL203", 3, len(CAP) + 3)
    assert d.message == 'Credit "Photograph: getty" is not in the house format'
    house = r"Photograph: [^/]+(/[^/]+)?"
    article = parse_text("s.txt", f"Headline\n\n{CAP}. Photo: Reuters\n\nBody.\n\n{CAP} Photograph: AFP/Getty\n")
    assert where(check(CreditFormat(), article, pattern=house)) == [("NL203", 3, len(CAP) + 3)]


def test_credit_format_bad_pattern_is_a_config_error():
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        check(CreditFormat(), parse_text("s.txt", f"Headline\n\n{CAP}. Photo: AP\n"), pattern="(")


# -- the matcher ----------------------------------------------------------------------


def test_words_fold_case_punctuation_and_curly_quotes():
    assert words("Seoul\u2019s  PEACE-park, 2018!") == words("seoul's peace park 2018")


def test_similar_pairs_finds_exactly_what_all_pairs_finds():
    # the blocking must never lose a pair that a full comparison would keep
    rng = random.Random(7)
    vocab = [f"w{n}" for n in range(60)]
    seqs = [tuple(rng.choice(vocab) for _ in range(rng.randint(3, 14))) for _ in range(80)]
    for _ in range(60):  # near copies: words changed, dropped and added
        s = list(rng.choice(seqs))
        for _ in range(rng.randint(0, 3)):
            op = rng.choice("cda")
            k = rng.randrange(len(s))
            if op == "c":
                s[k] = rng.choice(vocab)
            elif op == "d" and len(s) > 1:
                del s[k]
            else:
                s.insert(k, rng.choice(vocab))
        seqs.append(tuple(s))
    for threshold in (0.6, 0.8, 1.0):
        got = {(i, j) for i, j, _ in similar_pairs(seqs, threshold)}
        want = {
            (i, j)
            for i in range(len(seqs))
            for j in range(i + 1, len(seqs))
            if similarity(seqs[i], seqs[j]) >= threshold - 1e-9
        }
        assert got == want and want


# -- registration and documentation ---------------------------------------------------


def test_rules_are_registered_with_codes_and_doc_sections():
    rules = captions.newslint_add_rules()
    assert [(r.code, r.name) for r in rules] == [
        ("NL201", "duplicate-caption"), ("NL202", "caption-credit"),
        ("NL203", "credit-format"), ("NL204", "reused-caption"),
    ]
    for r in rules:
        for section in DOC_SECTIONS:
            assert f"\n{section}\n" in f"\n{r.doc}\n", (r.name, section)
        doc = Path(__file__).resolve().parents[1] / "docs" / "rules" / f"{r.name}.md"
        assert doc.is_file(), doc


# -- the shared corpora (skipped without ../shared) -----------------------------------


def _shared(path: str) -> Path:
    p = SHARED / path
    if not p.exists():
        pytest.skip(f"{p} not present: evaluation material is not in this checkout")
    return p


def test_founding_article():
    p = _shared("corpora/ft-korea-talks.txt")
    article = parse_text(str(p), p.read_text(encoding="utf-8"))
    [d] = check(DuplicateCaption(), article)
    assert (d.start.line, d.data["first_line"]) == (7, 5)
    assert check(CaptionCredit(), article) == check(CreditFormat(), article) == []


def test_credit_rules_are_quiet_on_the_devset():
    folder = _shared("eval/devset/articles")
    for p in sorted(folder.iterdir()):
        article = parse_text(p.name, p.read_text(encoding="utf-8"))
        assert check(CaptionCredit(), article) == [], p.name
        assert check(CreditFormat(), article) == [], p.name
