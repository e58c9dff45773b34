"""Learning names from an archive (``newslint names build``) and finding name runs in text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newslint.commands.names import build_archive
from newslint.names.authority import load_authority
from newslint.names.text import compact_key, find_runs

# three short "published" articles: Mr Pennington is introduced in two of them
ARTICLES = {
    "politics/1.txt": (
        "Council votes on budget\n\n"
        "Council leader Graham Pennington said the budget was fair. Mr Pennington added that "
        "taxes would not rise, and the council agreed.\n"
    ),
    "politics/2.txt": (
        "Budget passed\n\n"
        "The budget proposed by Graham Pennington passed on Tuesday. Mr Pennington thanked the "
        "council and said the council would meet again.\n"
    ),
    "sport/3.md": (
        "# Harbour wins\n\n"
        "Graham Pennington watched the council team win the final, and the crowd said the "
        "council had earned it.\n"
    ),
}


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    for rel, text in ARTICLES.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "politics" / "latin1.txt").write_bytes("Caf\xe9 owner Jos\xe9 Pe\xf1a said so.\n".encode("latin-1"))
    (root / "politics" / "notes.csv").write_text("Graham Penington,1\n", encoding="utf-8")
    return root


def test_build_learns_names_with_counts_and_vocabulary(archive):
    warn = io.StringIO()
    doc = build_archive([archive], warn=warn)
    assert doc["version"] == 1 and doc["kind"] == "newslint-names"
    assert doc["articles"] == 4  # three articles and the Latin-1 one; the CSV is not an article
    names = {n["name"]: n["count"] for n in doc["names"]}
    assert names["Graham Pennington"] == 3
    assert doc["vocabulary"]["council"] == 3  # lower-case words seen in at least three articles
    assert "budget" not in doc["vocabulary"]  # seen in two
    assert doc["tokens"]["pennington"] == 3
    assert warn.getvalue() == ""


def test_undecodable_file_is_skipped_with_a_warning(tmp_path):
    root = tmp_path / "a"
    root.mkdir()
    (root / "good.txt").write_text("Headline\n\nGraham Pennington spoke.\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"\x00\xff\xfe\x00" * 64 + bytes(range(256)) * 4)
    warn = io.StringIO()
    doc = build_archive([root], warn=warn)
    lines = warn.getvalue().splitlines()
    assert doc["articles"] == 1
    assert len(lines) == 1 and "bad.txt" in lines[0] and "file is binary, not text" in lines[0]


def test_cli_build_then_check(run_cli, archive, tmp_path):
    out = tmp_path / "names.json"
    r = run_cli("names", "build", "--out", out, archive)
    assert r.status == 0, r.err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {"version", "kind", "names", "vocabulary"} <= set(doc)
    story = tmp_path / "story.txt"
    story.write_text("Budget row\n\nGraham Penington defended the plan.\n", encoding="utf-8")
    r = run_cli("check", "--format", "json", "--select", "NL1", "--names", out, story)
    found = [d for d in r.json["diagnostics"] if d["rule"] == "name-consistency"]
    assert [(d["line"], d["column"], d["suggestions"][0], d["data"]["source"]) for d in found] == [
        (3, 1, "Graham Pennington", "archive")
    ]


def test_cli_build_does_not_read_its_own_output(run_cli, archive):
    out = archive / "names.json"
    assert run_cli("names", "build", "-q", "--out", out, archive).status == 0
    first = json.loads(out.read_text(encoding="utf-8"))
    r = run_cli("names", "build", "--out", out, archive)
    assert r.status == 0 and "skipping" not in r.err
    assert json.loads(out.read_text(encoding="utf-8"))["articles"] == first["articles"] == 4


def test_cli_build_missing_folder(run_cli, tmp_path):
    r = run_cli("names", "build", "--out", tmp_path / "n.json", tmp_path / "nope")
    assert r.status == 2 and "no such file or folder" in r.err


def test_archive_slips_are_not_learned(tmp_path):
    root = tmp_path / "a"
    root.mkdir()
    for i in range(12):
        (root / f"{i}.txt").write_text(f"Story {i}\n\nMr Pennington said Graham Pennington won.\n", encoding="utf-8")
    (root / "slip.txt").write_text("Slip\n\nGraham Penningtun spoke.\n", encoding="utf-8")
    names = {n["name"] for n in build_archive([root], warn=io.StringIO())["names"]}
    assert "Graham Pennington" in names and "Graham Penningtun" not in names


def test_a_title_before_a_name_is_not_learned_as_part_of_it(tmp_path):
    # American copy: no "Mr", and the office runs into the name after "of"
    root = tmp_path / "a"
    root.mkdir()
    for i in range(3):
        (root / f"{i}.txt").write_text(
            f"Story {i}\n\nSecretary of State Rex Tillerson spoke. Rex Tillerson left.\n", encoding="utf-8"
        )
    doc = build_archive([root], warn=io.StringIO())
    learnt = {n["name"] for n in doc["names"]} | set(doc["phrases"])
    assert "Rex Tillerson" in learnt and "State Rex Tillerson" not in learnt


def test_load_authority_reads_archive_json(archive, tmp_path):
    out = tmp_path / "names.json"
    out.write_text(json.dumps(build_archive([archive], warn=io.StringIO())), encoding="utf-8")
    auth = load_authority([out], include_default=False)
    assert auth.has_archive and auth.is_known("Graham Pennington")
    assert [auth.people[h.person].name for h in auth.near("Graham Penington")] == ["Graham Pennington"]


# -- finding runs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prime Minister Tony Blair's plan", [("Minister", ("Tony", "Blair"), True)]),
        ("But Mr Lee said", [("Mr", ("Lee",), False)]),
        ("Home Office Minister Hazel Blears said", [("Minister", ("Hazel", "Blears"), False)]),
        ("Ursula von der Leyen met al-Assad", [(None, ("Ursula", "von", "der", "Leyen"), False),
                                              (None, ("al-Assad",), False)]),
        ("George W. Bush and Martin Luther King Jr spoke",
         [(None, ("George", "W.", "Bush"), False), (None, ("Martin", "Luther", "King", "Jr"), False)]),
        ("the offer from Kim\nJong-un, he said", [(None, ("Kim", "Jong-un"), False)]),
        ("Jake White of South Africa", [(None, ("Jake", "White"), False), (None, ("South", "Africa"), False)]),
        ("Will Smith starred", [(None, ("Will", "Smith"), False)]),
        # a lower-case role word right before the run is its title; after a comma it is not
        ("the England defender Reece James is out", [(None, ("England",), False),
                                                     ("Defender", ("Reece", "James"), False)]),
        ("a defender, Reece James", [(None, ("Reece", "James"), False)]),
        ("France coach Didier Deschamps", [(None, ("France",), False), ("Coach", ("Didier", "Deschamps"), False)]),
        ("Son will captain South Korea", [(None, ("Son",), False), (None, ("South", "Korea"), False)]),
        ("National Security Adviser Michael Flynn", [("Adviser", ("Michael", "Flynn"), False)]),
    ],
)
def test_find_runs(text, expected):
    got = [(r.title, r.words, r.possessive) for r in find_runs(text) if r.words != ("But",)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a capital inside a word starts no run: the scan reads "pre-Christmas" as one word
        ("the pre-Christmas Day rush", [("Day",)]),
        ("rock'n'Roll Hall", [("Hall",)]),
        ("a 3D Printer and x3 Tony", [("D", "Printer"), ("Tony",)]),
        # after a quotation mark (straight or curly) or a digit a capital starts a word
        ("'Tony Blair' and \u201cGordon Brown\u201d", [("Tony", "Blair"), ("Gordon", "Brown")]),
        # a run may start with a lower-case prefix, and a curly quote is no letter
        ("al-Qaeda and d\u2019Estaing", [("al-Qaeda",), ("d\u2019Estaing",)]),
    ],
)
def test_find_runs_word_edges(text, expected):
    assert [r.words for r in find_runs(text)] == expected


@pytest.mark.parametrize(
    "text, said",
    [
        ("he said Tony Blair", [True]),
        ("he said: 'Tony Blair", [True]),
        ("the chairman's said, Tony", [True]),  # "said" alone is the word before
        ("it was unsaid Tony", [False]),
        ("he said2 Tony", [False]),
        ("said Mr Blair", [False]),  # the title stands between
        ("according to Tony", [False]),
        ("he said Tony, Gordon", [True, False]),
    ],
)
def test_find_runs_after_said(text, said):
    assert [r.after_said for r in find_runs(text)] == said


def test_find_runs_role_word_is_a_whole_word():
    assert [r.title for r in find_runs("the vice-president Dick Cheney")] == [None]
    assert [r.title for r in find_runs("the president Dick Cheney")] == ["President"]
    assert [r.title for r in find_runs("the president's Dick Cheney")] == [None]


def test_compact_key():
    assert compact_key("Kim Jong-un") == compact_key("KIM Jong Un") == "kimjongun"
    assert compact_key("Recep Tayyip Erdoğan") == "receptayyiperdogan"
    assert compact_key("George W. Bush") == compact_key("George Bush")
    assert compact_key("Ferdinand Marcos Jr") == "ferdinandmarcos"


def test_default_lists_parse_and_hold_the_kims():
    auth = load_authority([])
    kims = {auth.people[pi].name for pi, _ in auth.lookup("Kim Jong-un") + auth.lookup("Kim Jong-il")}
    assert kims == {"Kim Jong-un", "Kim Jong-il"}
    assert auth.is_known("Kim Jong Un")
    assert len(auth.people) > 1000
    # every default entry has a role or a country, so an editor can tell who is meant
    assert all(p.role or p.country for p in auth.people if "default" in p.sources)


def test_default_lists_have_no_duplicate_people():
    import tomllib

    seen: dict[str, str] = {}
    for path in sorted((Path(__file__).resolve().parents[1] / "newslint" / "data" / "names").glob("*.toml")):
        for e in tomllib.loads(path.read_text(encoding="utf-8"))["people"]:
            k = compact_key(e["name"])
            assert k not in seen, f"{e['name']} in {path.name} and {seen[k]}"
            seen[k] = path.name
