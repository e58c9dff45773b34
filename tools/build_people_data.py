"""Rebuild the generated film, football, UK Parliament and notable-people lists of the default names authority.

    git clone https://github.com/DLu/oscar_data /tmp/oscar_data
    git clone https://github.com/openfootball/worldcup.json /tmp/worldcup.json
    git clone https://github.com/mysociety/parlparse /tmp/parlparse
    python tools/build_people_data.py --oscars /tmp/oscar_data --worldcup /tmp/worldcup.json \
        --parlparse /tmp/parlparse --pantheon /tmp/pantheon.tsv

(each option rebuilds its own list; give the ones to refresh). Reviewable public sources,
each giving people who are in the news in its field or in general:

* ``newslint/data/names/film.toml`` from ``DLu/oscar_data`` (BSD 2-Clause): everyone
  nominated for an Academy Award for acting or directing at a ceremony for the films of
  1995 or later (``oscars.csv``, with IMDb ids to tell apart two people of one name);
* ``newslint/data/names/football.toml`` from ``openfootball/worldcup.json`` (CC0 1.0,
  public domain): the players of the newest World Cup squads file and every goal scorer
  at the World Cups since 2014;
* ``newslint/data/names/uk-parliament.toml`` from ``mysociety/parlparse`` (members data
  from parliament.uk, Open Parliament Licence v3.0; the repository's code is AGPL-3.0 and
  none of it is used): every MP who sat in the House of Commons from 1997 to 2015, with
  the first and last year, the last constituency and party (``members/all-members.xml``
  and ``all-members-2010.xml`` at the commits in PARLPARSE_MEMBERS: later members are
  only in ``people.json``, which the copy read here lacks);
* ``newslint/data/names/notable.toml`` from Pantheon 1.0 (Yu et al., "Pantheon 1.0, a
  manually verified dataset of globally famous biographies", Scientific Data 3, 150075,
  2016; data doi:10.7910/DVN/28201; CC BY 4.0): the 11,341 people with a Wikipedia
  biography in more than 25 languages, a popularity measure that does not depend on
  one field or one country. Taken: people born in PANTHEON_SINCE or later (politicians,
  royalty, business people, musicians, actors, sports people, writers, scientists), with
  Wikipedia's title turned into the name copy writes ("Charles, Prince of Wales" is
  "Prince Charles", "Martin Luther King, Jr." is "Martin Luther King Jr."); titles with
  a regnal number or "of" ("Juan Carlos I of Spain") are left out. ``pantheon.tsv`` is
  the Dataverse file; a UTF-8 copy is in the history of
  https://github.com/HasteKhai/Fictional-Name-Classification (commit 8a455dd, then
  ``git show 8a455dd:pantheon.tsv > /tmp/pantheon.tsv``).

Only names of two words or more are taken: one word ("Cher", "Rodrigo") is no person's
name to check a near miss against. People the hand-reviewed lists or ``us-congress.toml``
already hold keep their entry there, and film comes before football, so each person is
listed once. Nothing is added by hand; the output is sorted and names the commit it was
built from, so a rebuild shows its changes as a reviewable diff.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from newslint.names.text import compact_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent.parent / "newslint" / "data" / "names"
FILM_SINCE = 1995
SCORERS_SINCE = 2014
PANTHEON_SINCE = 1900
#: generated lists, in the order they claim a person (a later one leaves out the earlier ones' people)
GENERATED = ("us-congress.toml", "film.toml", "football.toml", "uk-parliament.toml", "notable.toml")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def _clean(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split())


def _person_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and all(len(w.rstrip(".")) > 1 for w in words)


def film_people(repo: Path) -> Iterable[tuple[str, str, str, int]]:
    """(name, role, note, first year) for each acting or directing nominee since FILM_SINCE."""
    rows = csv.DictReader(io.StringIO(git(repo, "show", "HEAD:oscars.csv")), delimiter="\t")
    seen: dict[str, tuple[str, str, str, int]] = {}
    for r in rows:
        if r["Class"] not in ("Acting", "Directing") or int(r["Year"][:4]) < FILM_SINCE:
            continue
        role = "Actor" if r["Class"] == "Acting" else "Film director"
        for name, imdb in zip(r["Nominees"].split("|"), r["NomineeIds"].split("|"), strict=False):
            name = _clean(name)
            if not _person_name(name):
                continue
            year = int(r["Year"][:4])
            old = seen.get(imdb)
            if old is None or year < old[3]:
                seen[imdb] = (name, old[1] if old else role, f"Academy Award nominee, IMDb {imdb}", year)
    return seen.values()


def football_people(repo: Path) -> Iterable[tuple[str, str, str, int]]:
    """(name, role, note, year) for the newest World Cup squads and the scorers since SCORERS_SINCE."""
    files = git(repo, "ls-tree", "-r", "--name-only", "HEAD").split()
    seen: dict[str, tuple[str, str, str, int]] = {}
    squads = sorted(f for f in files if f.endswith("/worldcup.squads.json"))
    if squads:
        newest = squads[-1]
        year = int(newest.split("/")[0])
        for team in json.loads(git(repo, "show", f"HEAD:{newest}")):
            for p in team["players"]:
                name = _clean(p["name"])
                if _person_name(name):
                    seen.setdefault(name, (name, "Footballer", f"{team['name']}, World Cup {year} squad", year))
    for f in sorted(files):
        if not f.endswith("/worldcup.json") or not f.split("/")[0].isdigit():
            continue
        year = int(f.split("/")[0])
        if year < SCORERS_SINCE:
            continue
        for m in json.loads(git(repo, "show", f"HEAD:{f}")).get("matches", []):
            for side, goals in (("team1", "goals1"), ("team2", "goals2")):
                team = m.get(side)
                country = team.get("name") if isinstance(team, dict) else team
                for g in m.get(goals, []):
                    name = _clean(g["name"])
                    if _person_name(name) and name not in seen:
                        seen[name] = (name, "Footballer", f"{country}, World Cup {year} scorer", year)
    return seen.values()


#: "Charles, Prince of Wales" -> "Prince Charles"; "Prince William, Duke of Cambridge" -> "Prince William"
_ROYAL_AFTER = re.compile(r"^(?P<given>[^\W\d_]+), (?:The )?(?P<title>Prince|Princess) (?:of |Royal\b).*$")
_ROYAL_BEFORE = re.compile(r"^(?P<name>(?:Prince|Princess) [^\W\d_]+)(?:,| of )")
_REGNAL = re.compile(r"\b[IVX]+\b|\b(?:of|the)\b|,")


def pantheon_name(title: str) -> str | None:
    """The name copy writes for a Pantheon (Wikipedia) title, or None for a title that is no such name."""
    title = _clean(title)
    if m := _ROYAL_AFTER.match(title):
        return f"{m['title']} {m['given']}"
    if m := _ROYAL_BEFORE.match(title):
        return m["name"]
    title = re.sub(r"^SIR ", "", title).replace(", Jr.", " Jr.")
    if _REGNAL.search(title) or not _person_name(title):
        return None
    return title


def pantheon_people(path: Path) -> Iterable[Row]:
    """A row for each Pantheon 1.0 person born in PANTHEON_SINCE or later, the best known first."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    for r in sorted(rows, key=lambda r: -int(r["numlangs"])):  # the most widely known keeps a shared name
        born = r["birthyear"].strip()
        name = pantheon_name(r["Name"])
        if not name or not born.lstrip("-").isdigit() or int(born) < PANTHEON_SINCE:
            continue
        role = r["occupation"].capitalize().replace("Soccer player", "Footballer")
        country = r["countryName"].title() if r["countryName"] not in ("", "Unknown") else ""
        note = f"Pantheon 1.0, Wikipedia in {r['numlangs']} languages, born {born}"
        out.append(Row(name, role, note + (f", {country}" if country else "")))
    return out


#: parlparse's lists of MPs, at the newest commits whose copies of them were read here:
#: 1997-2009 (the file was later replaced by people.json) and 2010-2015
PARLPARSE_MEMBERS = (
    ("099e19359a9d1a750e2234906f6c902368f6b857", "members/all-members.xml"),
    ("fc622e3b69ed20120ab74505480325a9a5f2097a", "members/all-members-2010.xml"),
)
_PARTIES = {
    "Lab": "Labour", "Con": "Conservative", "LDem": "Liberal Democrat", "SNP": "SNP", "PC": "Plaid Cymru",
    "DU": "DUP", "UU": "UUP", "SF": "Sinn Féin", "SDLP": "SDLP", "Ind": "Independent", "Res": "Respect",
}


def parliament_people(repo: Path) -> Iterable[Row]:
    """A row for each MP in PARLPARSE_MEMBERS: first and last year, the last seat and party."""
    import xml.etree.ElementTree as ET

    terms: dict[str, list[dict[str, str]]] = {}
    for commit, path in PARLPARSE_MEMBERS:
        blob = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True)
        for m in ET.fromstring(blob.stdout).iter("member"):
            if m.get("house", "commons") != "commons":
                continue
            name = _clean(f"{m.get('firstname', '')} {m.get('lastname', '')}")
            if _person_name(name):
                terms.setdefault(name, []).append(dict(m.attrib))
    out = []
    for name, ts in terms.items():
        ts.sort(key=lambda t: t["fromdate"])
        last = ts[-1]
        end = None if last["todate"].startswith("9999") else int(last["todate"][:4])
        party = _PARTIES.get(last.get("party", ""), last.get("party", ""))
        note = f"House of Commons, {last['constituency']}" + (f" ({party})" if party else "")
        out.append(Row(name, "MP", note, int(ts[0]["fromdate"][:4]), end, "United Kingdom"))
    return out


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def taken_before(out_name: str) -> set[str]:
    """Keys of every name in the hand-reviewed lists and in the generated lists before ``out_name``."""
    earlier = set(GENERATED[: GENERATED.index(out_name)])
    keys: set[str] = set()
    for path in sorted(DATA.glob("*.toml")):
        if path.name in GENERATED and path.name not in earlier:
            continue
        for e in tomllib.loads(path.read_text(encoding="utf-8"))["people"]:
            keys.update(compact_key(s) for s in (e["name"], *e.get("aliases", [])))
    return keys


class Row(NamedTuple):
    """One person of a generated list; a year of None is left out (a birth year is no year in office)."""

    name: str
    role: str
    note: str
    start: int | None = None
    end: int | None = None
    country: str | None = None


def render(out_name: str, people: Iterable[tuple[Any, ...]], head: list[str]) -> tuple[str, int]:
    """The TOML text of one generated list (people as :class:`Row` fields), and how many it holds."""
    taken = taken_before(out_name)
    rows = {}
    for r in map(lambda t: Row(*t), people):
        k = compact_key(r.name)
        if not k or k in taken or k in rows:
            continue
        fields = [f"name = {toml_str(r.name)}", f"role = {toml_str(r.role)}"]
        fields += [f"country = {toml_str(r.country)}"] if r.country else []
        fields += [f"start = {r.start}"] if r.start is not None else []
        fields += [f"end = {r.end}"] if r.end is not None else []
        rows[k] = "{ " + ", ".join([*fields, f"note = {toml_str(r.note)}"]) + " },"
    lines = sorted(rows.values(), key=lambda r: (r.split('"')[1].split()[-1], r))
    return "\n".join([*head, "", "version = 1", "people = [", *lines, "]", ""]), len(lines)


def _git_source(repo: Path) -> str:
    date = git(repo, "show", "-s", "--format=%cs", "HEAD").strip()
    return f"at commit {git(repo, 'rev-parse', 'HEAD').strip()} ({date})"


def _parlparse_source(repo: Path) -> str:
    return "files " + ", ".join(f"{path} at commit {commit}" for commit, path in PARLPARSE_MEMBERS)


def _file_source(path: Path) -> str:
    return f"file {path.name}, sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oscars", type=Path, help="a git clone of DLu/oscar_data")
    ap.add_argument("--worldcup", type=Path, help="a git clone of openfootball/worldcup.json")
    ap.add_argument("--parlparse", type=Path, help="a git clone of mysociety/parlparse (with its history)")
    ap.add_argument("--pantheon", type=Path, help="Pantheon 1.0's pantheon.tsv (UTF-8)")
    a = ap.parse_args()
    if not (a.oscars or a.worldcup or a.parlparse or a.pantheon):
        ap.error("give at least one of --oscars, --worldcup, --parlparse, --pantheon")
    jobs = (
        ("film.toml", a.oscars, film_people, _git_source,
         f"Academy Award nominees for acting and directing, films of {FILM_SINCE} on",
         "DLu/oscar_data (BSD 2-Clause)", "git clone https://github.com/DLu/oscar_data DIR"),
        ("football.toml", a.worldcup, football_people, _git_source,
         f"the newest World Cup squads and World Cup goal scorers since {SCORERS_SINCE}",
         "openfootball/worldcup.json (CC0 1.0)", "git clone https://github.com/openfootball/worldcup.json DIR"),
        ("uk-parliament.toml", a.parlparse, parliament_people, _parlparse_source,
         "everyone who sat in the House of Commons from 1997 to 2015",
         "mysociety/parlparse members data (from parliament.uk, Open Parliament Licence v3.0)",
         "git clone https://github.com/mysociety/parlparse DIR"),
        ("notable.toml", a.pantheon, pantheon_people, _file_source,
         f"people with a Wikipedia biography in more than 25 languages, born {PANTHEON_SINCE} or later",
         "Pantheon 1.0, Yu et al., Scientific Data 3, 150075 (2016), doi:10.7910/DVN/28201 (CC BY 4.0)",
         "git clone https://github.com/HasteKhai/Fictional-Name-Classification DIR && "
         "git -C DIR show 8a455dd:pantheon.tsv > pantheon.tsv"),
    )
    for out_name, src, people, source, what, origin, fetch in jobs:
        if src is None:
            continue
        head = [
            f"# newslint default names authority: {what}. GENERATED: do not edit by hand.",
            "#",
            f"# Source: {origin}, {source(src)}.",
            f"# Rebuild: {fetch}, then python tools/build_people_data.py (see its help).",
        ]
        text, n = render(out_name, people(src), head)
        (DATA / out_name).write_text(text, encoding="utf-8")
        print(f"{out_name}: {n} people", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
