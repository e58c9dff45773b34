"""Caption and credit checks: duplicate-caption, caption-credit, credit-format, reused-caption."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newslint.config import Config, ConfigError
from newslint.diagnostic import Severity
from newslint.loaders.html import parse_html
from newslint.loaders.json import parse_json
from newslint.loaders.markdown import parse_markdown
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
    text = (
        "Headline\n\nFans celebrate in Paris tonight. Photo: AP\n\nBody.\n\nFans celebrate in Lyon tonight. Photo: AP\n"
    )
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
    assert (
        d.message == 'Paragraph "Visitors look through binoculars at the peace park..." repeats the caption on line 3'
    )
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


def test_repeat_of_a_caption_broken_over_lines_with_a_word_dropped():
    text = (
        "Headline\n\nBody copy.\n\nHere's a guide to the plan:\n\nIn the other Group B game\n\n"
        "Cameroon beat South Africa 3-2 in Douala on Sunday. Photograph: Reuters\n\nMore body copy.\n\n"
        "Here's a guide to the plan: In the other B game Cameroon beat South Africa 3-2 in Douala on Sunday. "
        "Photograph: AP\n"
    )
    [d] = check(DuplicateCaption(), parse_text("story.txt", text))
    assert (d.start.line, d.data["first_line"]) == (13, 9)
    assert 0.9 < d.data["similarity"] < 1.0


def test_a_sentence_above_a_caption_is_not_a_lead_in():
    text = (
        "Headline\n\nThe talks ended.\n\nCameroon beat South Africa 3-2 in Douala. Photograph: Reuters\n\n"
        "More copy.\n\nThe talks ended. Cameroon beat South Africa in Douala on Sunday night. Photo: AP\n"
    )
    assert check(DuplicateCaption(), parse_text("story.txt", text)) == []


# -- structured input: the real Markdown, HTML and JSON loaders ------------------------


def _html(figures, between="<p>Body copy.</p>"):
    """An HTML story: ``figures`` are ``(src, caption, credit)``, body paragraphs between them."""
    out = ["<h1>Talks proposed</h1>"]
    for src, caption, credit in figures:
        credit_html = f' <span class="credit">{credit}</span>' if credit else ""
        out.append(f'<figure><img src="{src}"><figcaption>{caption}{credit_html}</figcaption></figure>')
        out.append(between)
    return "\n".join(out) + "\n"


def test_html_same_picture_twice_is_not_a_finding():
    source = _html([("a.jpg", CAP, "Photograph: AP"), ("a.jpg", CAP, "Photograph: AP")])
    assert check(DuplicateCaption(), parse_html("s.html", source)) == []


def test_html_same_caption_on_another_picture_points_into_the_figcaption():
    source = _html([("a.jpg", CAP, "Photograph: AP"), ("b.jpg", CAP + ".", "Photo: Reuters")])
    [d] = check(DuplicateCaption(), parse_html("s.html", source))
    col = len('<figure><img src="b.jpg"><figcaption>') + 1
    assert (d.start.line, d.start.column) == (4, col)
    assert (d.end.line, d.end.column) == (4, col + len(CAP) + 1)  # the words, not the credit
    assert (d.data["first_line"], d.data["first_column"]) == (2, col)


def test_html_picture_shown_again_after_a_wrong_reuse_is_not_reported_again():
    # a.jpg, then its caption wrongly on b.jpg, then a.jpg again with its own caption
    source = _html([("a.jpg", CAP, "Photo: AP"), ("b.jpg", CAP, "Photo: AP"), ("a.jpg", CAP, "Photo: AP")])
    assert [(d.start.line, d.data["first_line"]) for d in check(DuplicateCaption(), parse_html("s.html", source))] == [
        (4, 2)
    ]


def test_html_caption_with_an_entity_maps_back_to_the_source():
    cap = "Fans &amp; players gather outside the stadium before the cup final"
    source = _html([("a.jpg", cap, None), ("b.jpg", cap, None)])
    [d] = check(DuplicateCaption(), parse_html("s.html", source))
    col = len('<figure><img src="b.jpg"><figcaption>') + 1
    assert (d.start.line, d.start.column, d.end.column) == (4, col, col + len(cap))
    assert d.message.startswith('Caption "Fans & players gather outside the stadium before..."')


def test_html_caption_pasted_into_a_paragraph():
    source = _html([("a.jpg", CAP, "Photograph: AP")], between=f"<p>{CAP}</p>")
    [d] = check(DuplicateCaption(), parse_html("s.html", source))
    assert (d.start.line, d.start.column, d.field) == (3, 4, "body")


def test_markdown_image_captions():
    src = (
        "# Talks proposed\n\n"
        f"![Binoculars](a.jpg)\n*{CAP}. Photograph: Getty Images*\n\n"
        "Body copy here.\n\n"
        f"![Binoculars](b.jpg)\n*{CAP} - Photo: AP*\n\n"
        f"![Binoculars](a.jpg)\n*{CAP}. Photograph: Getty Images*\n"
    )
    article = parse_markdown("s.md", src)
    assert [b.data.get("image") for b in article.captions] == ["a.jpg", "b.jpg", "a.jpg"]
    [d] = check(DuplicateCaption(), article)
    assert (d.start.line, d.start.column, d.data["first_line"]) == (9, 2, 4)


def test_json_record_captions_in_reading_order():
    import json

    record = {
        "headline": "Talks proposed",
        "body": ["Body copy.", {"type": "image", "id": "i1"}, "More copy.", {"type": "image", "id": "i2"}],
        "images": [
            {"id": "i1", "src": "a.jpg", "caption": CAP, "credit": "Getty Images"},
            {"id": "i2", "src": "b.jpg", "caption": CAP.replace("peace ", ""), "credit": "AP"},
        ],
    }
    src = json.dumps(record, indent=1)
    article = parse_json("s.json", src)
    [d] = check(DuplicateCaption(), article)
    second = src.index('"caption": "' + CAP.replace("peace ", "")) + len('"caption": "')
    assert (d.start.offset, d.data["first_line"]) == (second, src[: src.index(CAP)].count("\n") + 1)
    assert 0.9 < d.data["similarity"] < 1.0 and "nearly repeats" in d.message
    # the record's credits: present, and a bare agency name is an acceptable form
    assert check(CaptionCredit(), article) == check(CreditFormat(), article) == []


def test_json_same_picture_placed_twice():
    import json

    record = {
        "headline": "Talks proposed",
        "body": ["Body copy.", {"type": "image", "id": "i1"}, "More copy.", {"type": "image", "id": "i1"}],
        "images": [{"id": "i1", "src": "a.jpg", "caption": CAP, "credit": "Photograph: AP"}],
    }
    article = parse_json("s.json", json.dumps(record))
    assert len(article.captions) == 2
    assert check(DuplicateCaption(), article) == []


# -- reused-caption (batch) -----------------------------------------------------------


def test_batch_reports_a_caption_on_another_picture_in_another_article():
    a = parse_html("a.html", _html([("a.jpg", CAP, "Photo: AP")]))
    b = parse_html("b.html", "<h1>Other story</h1>\n<p>Other copy.</p>\n" + _html([("b.jpg", CAP, "Photo: PA")]))
    [d] = check_batch(ReusedCaption(), [a, b])
    col = len('<figure><img src="b.jpg"><figcaption>') + 1
    assert (d.code, d.path, d.start.line, d.start.column) == ("NL204", "b.html", 4, col)
    assert d.message.endswith("is also used in a.html on line 2 under a different picture")
    assert (d.data["first_path"], d.data["first_line"], d.data["first_column"]) == ("a.html", 2, col)
    assert d.severity is Severity.WARNING


def test_batch_same_picture_is_quiet_and_unknown_picture_is_info():
    a = parse_html("a.html", _html([("x.jpg", CAP, "Photo: AP")]))
    b = parse_html("b.html", _html([("x.jpg", CAP, "Photo: AP")]))
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


def test_batch_mixed_formats_and_many_articles():
    rng = random.Random(3)
    vocab = "crowd mayor bridge river storm harbour court rally minister market train school fire".split()
    caps = [" ".join(rng.choice(vocab) for _ in range(9)) for _ in range(50)]
    texts = [parse_text(f"{n}.txt", f"Story {n}\n\nCopy {n}.\n\n{cap}. Photo: AP\n") for n, cap in enumerate(caps)]
    html = parse_html("late.html", _html([("z.jpg", caps[7].capitalize(), "Photo: PA")]))
    [d] = check_batch(ReusedCaption(), [*texts, html])
    assert (d.path, d.data["first_path"], d.data["first_line"]) == ("late.html", "7.txt", 5)


# -- caption-credit and credit-format -------------------------------------------------


def test_caption_without_credit_is_info():
    source = _html([("a.jpg", "Fans outside the stadium on Saturday", None)])
    [d] = check(CaptionCredit(), parse_html("s.html", source))
    col = len('<figure><img src="a.jpg"><figcaption>') + 1
    assert (d.code, d.start.line, d.start.column, d.severity) == ("NL202", 2, col, Severity.INFO)
    assert d.message == 'Caption "Fans outside the stadium on Saturday" has no photo credit'
    # the same caption with a credit element is fine
    assert check(CaptionCredit(), parse_html("s.html", _html([("a.jpg", "Fans", "Photo: AP")]))) == []


def test_plain_text_captions_always_have_credits():
    text = f"Headline\n\n{CAP}. Photograph: Getty Images\n\nBody.\n"
    assert check(CaptionCredit(), parse_text("s.txt", text)) == []


@pytest.mark.parametrize(
    "credit",
    [
        "Photograph: Getty Images",
        "Photo: Reuters",
        "Picture: PA",
        "(c) AFP",
        "\u00a9 AFP",
        "Photograph: AFP/Getty Images",
        "Photos: EPA",
        "(Image: Reuters)",
    ],
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
    assert (
        words("Seoul\u2019s  PEACE-park,2018!") == words("seoul's peace-park 2018") == ("seouls", "peacepark", "2018")
    )
    # a hyphenated word or a decimal is one word: dropping it is one edit
    assert words("The 25-year-old ran 7.98 seconds") == ("the", "25yearold", "ran", "798", "seconds")


def test_similar_pairs_finds_exactly_what_all_pairs_finds():
    # the blocking must never lose a pair that a full comparison would keep
    rng = random.Random(7)
    vocab = [f"w{n}" for n in range(60)]
    seqs = [tuple(rng.choice(vocab) for _ in range(rng.randint(3, 14))) for _ in range(80)]
    seqs += [tuple(rng.choice(vocab[:3]) for _ in range(rng.randint(2, 8))) for _ in range(20)]
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
    for threshold in (0.5, 0.6, 0.8, 0.9, 1.0):
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
        ("NL201", "duplicate-caption"),
        ("NL202", "caption-credit"),
        ("NL203", "credit-format"),
        ("NL204", "reused-caption"),
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
