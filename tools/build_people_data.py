"""Rebuild the generated film and football lists of the default names authority.

    git clone https://github.com/DLu/oscar_data /tmp/oscar_data
    git clone https://github.com/openfootball/worldcup.json /tmp/worldcup.json
    python tools/build_people_data.py --oscars /tmp/oscar_data --worldcup /tmp/worldcup.json

Two reviewable public sources, each giving people who are in the news in its field:

* ``newslint/data/names/film.toml`` from ``DLu/oscar_data`` (BSD 2-Clause): everyone
  nominated for an Academy Award for acting or directing at a ceremony for the films of
  1995 or later (``oscars.csv``, with IMDb ids to tell apart two people of one name);
* ``newslint/data/names/football.toml`` from ``openfootball/worldcup.json`` (CC0 1.0,
  public domain): the players of the newest World Cup squads file and every goal scorer
  at the World Cups since 2014.

Only names of two words or more are taken: one word ("Cher", "Rodrigo") is no person's
name to check a near miss against. People the hand-reviewed lists or ``us-congress.toml``
already hold keep their entry there, and film comes before football, so each person is
listed once. Nothing is added by hand; the output is sorted and names the commit it was
built from, so a rebuild shows its changes as a reviewable diff.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from newslint.names.text import compact_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent.parent / "newslint" / "data" / "names"
FILM_SINCE = 1995
SCORERS_SINCE = 2014
#: generated lists, in the order they claim a person (a later one leaves out the earlier ones' people)
GENERATED = ("us-congress.toml", "film.toml", "football.toml")


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


def render(out_name: str, people: Iterable[tuple[str, str, str, int]], head: list[str]) -> tuple[str, int]:
    taken = taken_before(out_name)
    rows = {}
    for name, role, note, year in people:
        k = compact_key(name)
        if not k or k in taken or k in rows:
            continue
        rows[k] = f"{{ name = {toml_str(name)}, role = {toml_str(role)}, start = {year}, note = {toml_str(note)} }},"
    lines = sorted(rows.values(), key=lambda r: (r.split('"')[1].split()[-1], r))
    return "\n".join([*head, "", "version = 1", "people = [", *lines, "]", ""]), len(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oscars", type=Path, required=True, help="a git clone of DLu/oscar_data")
    ap.add_argument("--worldcup", type=Path, required=True, help="a git clone of openfootball/worldcup.json")
    a = ap.parse_args()
    for out_name, repo, people, what, licence, rebuild in (
        ("film.toml", a.oscars, film_people,
         f"Academy Award nominees for acting and directing, films of {FILM_SINCE} on", "BSD 2-Clause",
         "https://github.com/DLu/oscar_data"),
        ("football.toml", a.worldcup, football_people,
         f"the newest World Cup squads and World Cup goal scorers since {SCORERS_SINCE}", "CC0 1.0",
         "https://github.com/openfootball/worldcup.json"),
    ):
        commit = git(repo, "rev-parse", "HEAD").strip()
        date = git(repo, "show", "-s", "--format=%cs", "HEAD").strip()
        head = [
            f"# newslint default names authority: {what}. GENERATED: do not edit by hand.",
            "#",
            f"# Source: {rebuild.removeprefix('https://github.com/')} ({licence}) at commit {commit} ({date}).",
            f"# Rebuild: git clone {rebuild} DIR, then python tools/build_people_data.py (see its help).",
        ]
        text, n = render(out_name, people(repo), head)
        (DATA / out_name).write_text(text, encoding="utf-8")
        print(f"{out_name}: {n} people", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
