"""House style as data: rule kinds and their examples, layering, scopes, quotes, loud failures, audit, fixes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config import Config
from newslint.diagnostic import Applicability
from newslint.fix import apply_fixes
from newslint.housestyle import (
    HOUSE_CODE,
    StyleError,
    build_style,
    check_rule_examples,
    compile_rule,
    starter_style,
)
from newslint.loaders.text import parse_text
from newslint.manager import collect_rules, make_manager
from newslint.rule import RuleContext
from newslint.rules import style
from newslint.rules.style import DataRule, HouseStyleRule

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"


def rules_by_name():
    return {r.name: r for r in collect_rules(make_manager(autoload=False))}


#: British copy: the configuration under which the en-GB starter rules always run
BRITISH = Config(language="en-GB")


def check(rule, text, config=None, path="story.txt"):
    config = config or Config()
    article = parse_text(path, text)
    ctx = RuleContext(config=config, options=config.rule_options(rule), cache={})
    return article, list(rule.check(article, ctx))


def write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


# -- the starter style -----------------------------------------------------------------------


def test_starter_rules_are_listed_with_stable_codes():
    rules = rules_by_name()
    expected = {
        "per-cent": "NL550", "ordinal-dates": "NL551", "honorific-full-stop": "NL552",
        "whilst-amongst": "NL553", "wordy-phrases": "NL554", "avoid-words": "NL555",
        "consistent-forms": "NL556", "headline-case": "NL557", "double-space": "NL558",
        "space-before-punctuation": "NL559", "house-style": "NL590",
    }
    assert {n: rules[n].code for n in expected} == expected
    assert all(rules[n].default_enabled for n in expected)


def test_every_starter_rule_passes_its_examples():
    s = starter_style()
    kinds = {r.kind for r in s.rules.values()}
    assert kinds == {"substitution", "existence", "consistency", "capitalisation"}
    for r in s.rules.values():
        assert r.examples_bad and r.examples_good, r.name
        check_rule_examples(r)  # raises on a broken rule


def test_substitution_reports_position_suggestion_and_safe_fix():
    rule = rules_by_name()["per-cent"]
    article, (d,) = check(rule, "Headline\n\nSales rose 5 percent in March.\n", BRITISH)
    assert (d.code, d.rule, d.start.line, d.start.column, d.end.column) == ("NL550", "per-cent", 3, 14, 21)
    assert d.message == 'Use "per cent" not "percent"'
    assert d.suggestions == ("per cent",)
    assert d.fix.applicability is Applicability.SAFE
    assert d.field == "body"
    assert d.data["style_rule"] == "per-cent"
    assert apply_fixes(article, [d])[0] == "Headline\n\nSales rose 5 per cent in March.\n"


def test_substitution_regex_with_groups():
    rule = rules_by_name()["ordinal-dates"]
    _, (d,) = check(rule, "Headline\n\nTalks are scheduled for January 9th, officials said.\n")
    assert (d.start.line, d.start.column) == (3, 25)
    assert d.suggestions == ("January 9",)


def test_existence_has_no_fix():
    rule = rules_by_name()["avoid-words"]
    _, (d,) = check(rule, "Headline\n\nIt was a very unique case.\n")
    assert d.message == 'Avoid "very unique"' and d.fix is None


def test_consistency_reports_the_minority_form():
    rule = rules_by_name()["consistent-forms"]
    text = "Headline\n\nThey coordinate aid. Coordination is hard.\n\nThe co-ordinator quit.\n"
    article, diags = check(rule, text)
    assert [(d.start.line, d.start.column, d.suggestions) for d in diags] == [(5, 5, ("coordinator",))]
    assert diags[0].message == '"co-ordinator" and "coordinate" are both used; keep to one form'
    assert diags[0].fix.applicability is Applicability.UNSAFE
    assert apply_fixes(article, diags, unsafe=True)[0].endswith("The coordinator quit.\n")


def test_consistency_one_form_only_is_quiet_and_names_do_not_count():
    rule = rules_by_name()["consistent-forms"]
    assert check(rule, "Headline\n\nThe e-mail came from Email Systems, a firm.\n")[1] == []
    assert check(rule, "Headline\n\nThe e-mail came. Email Systems sent it.\n")[1] == []
    assert check(rule, "Headline\n\nThe e-mail came. Another e-mail followed.\n")[1] == []


def test_consistency_word_counts_for_its_longest_form_only():
    table = {"name": "x", "kind": "consistency", "stem": True, "either": [["focuss", "focus"]]}
    r = compile_rule(table, "<t>", check_examples=False)
    one_form = parse_text("s.txt", "Head\n\nHe focussed on it. He focussed again.\n")
    assert list(r.find(one_form)) == []
    both = parse_text("s.txt", "Head\n\nThe focus is new. He focused on it. He focussed.\n")
    assert [(h.match, h.replacement) for h in r.find(both)] == [("focussed", "focused")]


def test_capitalisation_headline_case():
    rule = rules_by_name()["headline-case"]
    _, (d,) = check(rule, "South Korea Proposes Talks With North\n\nBody text here.\n")
    assert (d.start.line, d.start.column, d.field) == (1, 1, "headline")
    assert d.message == "Headline is in title case; house style is sentence case"
    assert check(rule, "South Korea proposes talks with North\n\nBody Text Here Is Title Case Too.\n")[1] == []


def test_title_style_capitalisation_from_a_house_file(tmp_path):
    p = write(tmp_path, "house.toml", """
        [[rule]]
        name = "title-headlines"
        kind = "capitalisation"
        style = "title"
        message = 'Capitalise "{match}" in a headline'
        examples.bad = [{ text = "Minister resigns in row over pay", fixed = "Minister Resigns in Row Over Pay" }]
        examples.good = ["Minister Resigns in Row Over Pay"]
    """)
    _, diags = check(HouseStyleRule(), "Minister resigns in a row\n\nBody.\n", Config(style=(p,)))
    assert [(d.code, d.rule, d.start.column, d.suggestions) for d in diags] == [
        (HOUSE_CODE, "house-style", 10, ("Resigns",)),
        (HOUSE_CODE, "house-style", 23, ("Row",)),
    ]


# -- scopes and quotations -------------------------------------------------------------------


def test_quotations_are_excluded_by_default():
    rule = rules_by_name()["per-cent"]
    text = 'Headline\n\nHe said: "It rose 5 percent." It rose 5 percent.\n'
    _, diags = check(rule, text, BRITISH)
    assert [d.start.column for d in diags] == [41]


def test_merged_quotation_paragraphs_still_count_as_quotation():
    # the loader pairs straight marks in turn; a run-on quotation would fall outside
    rule = rules_by_name()["whilst-amongst"]
    text = 'Headline\n\nShe said: "Figures are odd. "Whilst firms may suffer, it will pass." Whilst true, it hurt.\n'
    _, diags = check(rule, text, BRITISH)
    assert [d.start.column for d in diags] == [70]


def test_quotation_opened_without_a_space_still_counts():
    rule = rules_by_name()["double-space"]
    text = 'Headline\n\nA statement read:"We have a zero tolerance policy  towards drugs." It  ended.\n'
    _, diags = check(rule, text)
    assert [(d.start.column, d.suggestions) for d in diags] == [(68, ("It ended.",))]


def test_quotes_true_reads_quotations(tmp_path):
    p = write(tmp_path, "house.toml", """
        [[rule]]
        name = "per-cent"
        quotes = true
        examples.good = ["Sales rose 5 per cent in March."]
    """)
    rule = rules_by_name()["per-cent"]
    _, diags = check(rule, 'Headline\n\nHe said: "It rose 5 percent."\n', Config(style=(p,), language="en-GB"))
    assert [d.start.column for d in diags] == [21]


def test_scope_body_only_leaves_headline_and_caption(tmp_path):
    p = write(tmp_path, "house.toml", """
        [[rule]]
        name = "mumbai"
        kind = "substitution"
        scope = ["body"]
        swap = { Bombay = "Mumbai" }
        examples.bad = ["Flights to Bombay resumed."]
    """)
    text = (
        "Flights to Bombay resume\n\n"
        "Passengers in Bombay wait. Photograph: Getty Images\n\n"
        "Flights to Bombay resumed on Monday.\n"
    )
    _, diags = check(HouseStyleRule(), text, Config(style=(p,)))
    assert [(d.start.line, d.field) for d in diags] == [(5, "body")]


def test_caption_credit_is_never_read(tmp_path):
    p = write(tmp_path, "house.toml", """
        [[rule]]
        name = "no-getty"
        kind = "existence"
        scope = ["caption"]
        tokens = ["Getty"]
        examples.bad = ["Getty is here"]
    """)
    text = "Headline\n\nVisitors at Getty museum. Photograph: Getty Images\n\nBody.\n"
    _, diags = check(HouseStyleRule(), text, Config(style=(p,)))
    assert [(d.start.line, d.start.column, d.field) for d in diags] == [(3, 13, "caption[1]")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # British copy: "per cent" elsewhere, "Mr Lee" without a stop, "colour"
        ("Headline\n\nSales rose 5 per cent. Mr Lee said the colour had gone, up 5 percent.\n", [("NL550", 3, 62)]),
        # American copy: percent throughout and "Mr." with a stop
        ("Headline\n\nSales rose 5 percent, Mr. Lee said. The color had gone.\n", []),
        # nothing to tell the varieties apart but the word itself: "percent" reads as American
        ("Headline\n\nSales rose 5 percent.\n", []),
    ],
)
def test_language_en_decides_the_variety_from_the_copy(text, expected):
    rules = rules_by_name()
    found = [(d.code, d.start.line, d.start.column) for d in check(rules["per-cent"], text)[1]]
    found += [(d.code, d.start.line, d.start.column) for d in check(rules["honorific-full-stop"], text)[1]]
    assert found == expected


def test_american_rule_runs_on_american_copy_only():
    rule = rules_by_name()["percent-us"]
    us = "Headline\n\nThe color faded, Mr. Lee said, and sales rose 5 per cent.\n"
    (d,) = check(rule, us)[1]
    assert (d.code, d.start.line, d.start.column, d.suggestions) == ("NL560", 3, 49, ("percent",))
    assert check(rule, "Headline\n\nThe colour faded, and sales rose 5 per cent.\n")[1] == []
    assert len(check(rule, "Headline\n\nSales rose 5 per cent.\n", Config(language="en-US"))[1]) == 1


def test_rules_list_shows_each_rules_varieties(capsys):
    assert main(["rules", "--no-autoload"]) == 0
    lines = {line.split()[1]: line.split()[4] for line in capsys.readouterr().out.splitlines()}
    assert lines["per-cent"] == "en-GB" and lines["percent-us"] == "en-US" and lines["doubled-word"] == "any"


def test_language_limits_british_rules():
    rule = rules_by_name()["per-cent"]
    text = "Headline\n\nSales rose 5 percent.\n"
    assert check(rule, text, Config(language="en-US"))[1] == []
    assert len(check(rule, text, Config(language="en-GB"))[1]) == 1


# -- layering --------------------------------------------------------------------------------


def test_house_then_desk_layers_merge_key_by_key(tmp_path):
    house = write(tmp_path, "house.toml", """
        [[rule]]
        name = "per-cent"
        severity = "error"
        link = "https://style.example.com/p#per-cent"

        [[rule]]
        name = "mumbai"
        kind = "substitution"
        swap = { Bombay = "Mumbai" }
        safe = true
        exceptions = ["Bombay Stock Exchange"]
        examples.bad = [{ text = "Flights to Bombay resumed.", fixed = "Flights to Mumbai resumed." }]
        examples.good = ["Shares on the Bombay Stock Exchange rose."]
    """)
    desk = write(tmp_path, "desk.toml", """
        [[rule]]
        name = "whilst-amongst"
        enabled = false

        [[rule]]
        name = "mumbai"
        severity = "info"
    """)
    cfg = Config(style=(house, desk), language="en-GB")
    text = "Headline\n\nWhilst shares rose 5 percent, flights to Bombay and the Bombay Stock Exchange shut.\n"
    rules = rules_by_name()
    _, pc = check(rules["per-cent"], text, cfg)
    assert [(d.severity.value, d.url) for d in pc] == [("error", "https://style.example.com/p#per-cent")]
    assert check(rules["whilst-amongst"], text, cfg)[1] == []
    assert len(check(rules["whilst-amongst"], text, Config(style=(house,), language="en-GB"))[1]) == 1
    _, house_diags = check(HouseStyleRule(), text, cfg)
    (d,) = house_diags
    assert (d.code, d.rule, d.severity.value, d.suggestions) == ("NL590", "house-style", "info", ("Mumbai",))
    assert d.data["style_rule"] == "mumbai" and d.data["style_file"].endswith("desk.toml (over " + str(house) + ")")
    assert d.fix.applicability is Applicability.SAFE


def test_starter_only_config_runs_no_house_rules():
    assert check(HouseStyleRule(), "Headline\n\nFlights to Bombay.\n")[1] == []


# -- loud failures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("""
            [[rule]]
            name = "mumbai"
            kind = "substitution"
            swap = { Bombay = "Mumbai" }
            examples.bad = ["Flights to Mumbai resumed."]
         """, "rule 'mumbai': bad example 'Flights to Mumbai resumed.' is not reported"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "substitution"
            swap = { Bombay = "Mumbai" }
            examples.bad = ["Flights to Bombay."]
            examples.good = ["Bombay Stock Exchange"]
         """, "rule 'mumbai': good example 'Bombay Stock Exchange' is reported at 'Bombay'"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "substitution"
            swap = { Bombay = "Mumbai" }
            examples.bad = [{ text = "To Bombay.", fixed = "To Bombay city." }]
         """, "is fixed as 'To Mumbai.', not 'To Bombay city.'"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "substitutoin"
         """, "rule 'mumbai': 'kind' must be one of"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "substitution"
            swapp = { Bombay = "Mumbai" }
         """, "rule 'mumbai': unknown key 'swapp'"),
        ("""
            [[rule]]
            name = "dates"
            kind = "substitution"
            regex = true
            swap = { '(January) (\\d+)th' = '\\1 \\3' }
         """, "rule 'dates': bad replacement"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "existence"
            code = "NL551"
            tokens = ["Bombay"]
         """, "a house rule has no code of its own"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "existence"
            tokens = ["Bombay"]
            message = "Avoid {word}"
         """, "unknown placeholder {word}"),
        ("[[rule]]\nname = \"Bad Name\"\n", "needs a kebab-case 'name'"),
        ("""
            [[rule]]
            name = "mumbai"
            kind = "substitution"
            swap = { Bombay = "Mumbai" }
         """, "rule 'mumbai': needs at least one bad example"),
        ("[[rule]\n", "invalid TOML"),
    ],
)
def test_broken_rule_fails_loudly_naming_file_and_rule(tmp_path, body, error):
    p = write(tmp_path, "house.toml", body)
    with pytest.raises(StyleError) as e:
        build_style((p,))
    assert str(p) in str(e.value)
    assert error in str(e.value)


def test_broken_house_file_stops_the_run_with_exit_status_2(tmp_path, capsys):
    write(tmp_path, "house.toml", """
        [[rule]]
        name = "mumbai"
        kind = "substitution"
        swap = { Bombay = "Mumbai" }
        examples.bad = ["Flights to Mumbai resumed."]
    """)
    write(tmp_path, "newslint.toml", 'style = ["house.toml"]\n')
    story = write(tmp_path, "story.txt", "Headline\n\nFlights to Bombay.\n")
    assert main(["check", "--config", str(tmp_path / "newslint.toml"), str(story)]) == 2
    assert "rule 'mumbai': bad example" in capsys.readouterr().err


def test_html_fix_is_escaped(tmp_path):
    from newslint.api import check_text

    p = write(tmp_path, "house.toml", """
        [[rule]]
        name = "att"
        kind = "substitution"
        ignore-case = false
        swap = { ATT = "AT&T" }
        examples.bad = ["ATT rose."]
    """)
    from newslint.api import load_article

    source = "<h1>Head</h1><p>ATT rose.</p>"
    diags = [d for d in check_text(source, path="a.html", config=Config(style=(p,))) if d.rule == "house-style"]
    assert [d.suggestions for d in diags] == [("AT&T",)]
    from newslint.manager import fix_escape, make_manager

    escape = fix_escape(make_manager(autoload=False), "html")
    fixed, applied = apply_fixes(load_article(source, path="a.html"), diags, unsafe=True, escape=escape)
    assert fixed == "<h1>Head</h1><p>AT&amp;T rose.</p>" and applied == diags


def test_compile_rule_direct():
    r = compile_rule({"name": "x", "kind": "existence", "tokens": ["foo bar"]}, "<test>", check_examples=False)
    art = parse_text("s.txt", "Headline\n\nA foo\nbar here.\n")
    assert [h.match for h in r.find(art)] == ["foo\nbar"]


def test_data_rule_docs_have_the_sections():
    r = rules_by_name()["per-cent"]
    assert isinstance(r, DataRule)
    doc = r.doc
    for heading in ("What it does", "Why it matters", "Example", "Options", "Fix safety"):
        assert heading in doc.splitlines()
    assert "Bad:  Sales rose 5 percent in March." in doc


# -- the command line: rules, audit, --fix and --diff ----------------------------------------


def test_rules_command_lists_data_rules(capsys):
    assert main(["rules", "--no-autoload"]) == 0
    out = capsys.readouterr().out
    assert "NL550  per-cent" in out.replace("   ", "  ") or "NL550 " in out and "per-cent" in out
    assert "house-style" in out


def _archive(tmp_path):
    d = tmp_path / "archive"
    d.mkdir()
    # "colour": British copy, where the British rule runs under language = "en"
    (d / "a.txt").write_text("Colour one\n\nSales rose 5 percent, or 5 per cent.\n", encoding="utf-8")
    (d / "b.txt").write_text("Headline two\n\nFlights to Bombay resumed on Monday.\n", encoding="utf-8")
    return d


def test_audit_prints_rate_and_samples(tmp_path, capsys):
    d = _archive(tmp_path)
    assert main(["audit", "--no-autoload", "--rule", "per-cent", str(d)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 articles, 18 words"
    assert out[1] == "NL550 per-cent: 1 hit, 55.556 per 1,000 words, in 1 article"
    assert "a.txt:3:14: Sales rose 5 [percent], or 5 per cent.  -- Use \"per cent\" not \"percent\"" in out[2]


def test_audit_a_house_rule_switched_off(tmp_path, capsys):
    d = _archive(tmp_path)
    house = write(tmp_path, "house.toml", """
        [[rule]]
        name = "mumbai"
        kind = "substitution"
        enabled = false
        swap = { Bombay = "Mumbai" }
        examples.bad = ["Flights to Bombay resumed."]
    """)
    assert main(["audit", "--rule", "mumbai", "--style", str(house), "--format", "json", str(d)]) == 0
    report = json.loads(capsys.readouterr().out)
    (r,) = report["rules"]
    assert (r["code"], r["name"], r["hits"], r["articles_hit"]) == ("NL590", "mumbai", 1, 1)
    assert r["samples"][0]["context"] == "Flights to [Bombay] resumed on Monday."
    assert report["words"] == 18


def test_audit_by_code_prefix_totals_every_rule(tmp_path, capsys):
    d = _archive(tmp_path)
    assert main(["audit", "--no-autoload", "--rule", "NL55", "--samples", "0", str(d)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("NL550 per-cent: 1 hit,")
    assert all(line.startswith("NL55") for line in out[1:-1])
    assert out[-1] == f"all {len(out) - 2} rules: 1 hit, 55.556 per 1,000 words"


def test_audit_unknown_rule_is_a_usage_error(tmp_path, capsys):
    assert main(["audit", "--rule", "no-such-rule", str(_archive(tmp_path))]) == 2
    assert "no-such-rule" in capsys.readouterr().err


def test_check_fix_applies_safe_fixes_only_and_keeps_quotes(tmp_path, capsys):
    p = tmp_path / "story.txt"
    original = 'Headline\r\n\r\nSales rose 5 percent amongst firms.\r\n\r\nHe said: "It rose 5 percent."\r\n'
    p.write_bytes(original.encode("utf-8"))
    status = main(["check", "--no-autoload", "--select", "NL5", "--language", "en-GB", "--fix", str(p)])
    assert p.read_bytes() == original.replace("5 percent amongst", "5 per cent among").encode("utf-8")
    assert status == 0  # nothing left to report
    capsys.readouterr()


def test_check_diff_writes_nothing(tmp_path, capsys):
    p = tmp_path / "story.txt"
    original = "Headline\n\nThe end result was a draw on January 9th.\n"
    p.write_text(original, encoding="utf-8")
    status = main(["check", "--no-autoload", "--select", "NL5", "--diff", str(p)])
    out = capsys.readouterr().out
    assert p.read_text(encoding="utf-8") == original
    assert status == 1
    assert "-The end result was a draw on January 9th.\n+The end result was a draw on January 9.\n" in out
    # "end result" is an unsafe fix: only --unsafe-fixes shows it
    main(["check", "--no-autoload", "--select", "NL5", "--diff", "--unsafe-fixes", str(p)])
    assert "+The result was a draw on January 9.\n" in capsys.readouterr().out


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc is not here")
def test_starter_style_is_quiet_on_published_copy(capsys):
    sample = sorted(BBC.glob("business/*.txt"))[:150]
    assert main(["audit", "--rule", "NL5", "--samples", "0", "--format", "json", *map(str, sample)]) == 0
    report = json.loads(capsys.readouterr().out)
    total = sum(r["hits"] for r in report["rules"])
    assert 1000 * total / report["words"] <= 0.5


def test_style_module_exposes_hooks():
    assert callable(style.newslint_add_rules) and not hasattr(style, "newslint_add_commands")


def test_regex_rules_needles_are_strings_every_match_holds():
    """A regex rule skips a block without one of its needles, so each must stand in every match."""
    import re

    from newslint.housestyle import _regex_needles

    cases = {
        r"\b(Mr|Dr)\.(?=\s+[A-Z])": ("dr.", "mr."),
        r"(?<!\S)(\S++)[ ]{2,}(\S+)": ("  ",),
        r"([A-Za-z]++)[ ]+([,;])": (" ,", " ;"),  # the last space, then the mark
        r"x(?:a{1,3})b": ("xa",),  # not "xab": "xaab" holds no "xab"
        r"(?:the )?\bcolou?r": ("colo",),
        r"\w+": None,
    }
    for pattern, needles in cases.items():
        assert _regex_needles(re.compile(pattern)) == needles, pattern
    texts = ["Mr.  Kim ,  xaaab", "the colour", "Dr. Who ; xab"]
    for pattern, needles in cases.items():
        for text in texts:
            if needles and re.search(pattern, text):
                assert any(n in text.lower() for n in needles), (pattern, text)
