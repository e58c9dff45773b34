"""Rebuild ``newslint/data/names/us-congress.toml`` from the congress-legislators data.

    git clone https://github.com/unitedstates/congress-legislators /tmp/congress-legislators
    python tools/build_names_data.py --congress /tmp/congress-legislators

The source is the ``unitedstates/congress-legislators`` project (CC0 1.0, public domain):
every member of the US Congress with their names as written (first, middle, last,
nickname, suffix, official full name) and Wikidata id, and every president and vice
president. The list takes everyone who sat in Congress since 2015: the file
``legislators-current.yaml`` as it stood at the start of each year (from the git
history of the clone), and presidents and vice presidents in office since 1989 from
``executive.yaml``. Nothing is added by hand; the output is sorted and carries the commit
it was built from, so a rebuild shows its changes as a reviewable diff.

What the list holds per person: the name newsrooms write ("Chuck Schumer": nickname and
surname when the data gives a nickname, else first name and surname), the official full
name and the first-and-last form as aliases, the role, the state and the years served.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

from newslint.names.text import compact_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OUT = Path(__file__).resolve().parent.parent / "newslint" / "data" / "names" / "us-congress.toml"
FIRST_YEAR = 2015
EXEC_SINCE = 1989
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "DC": "District of Columbia", "PR": "Puerto Rico", "GU": "Guam", "VI": "US Virgin Islands",
    "AS": "American Samoa", "MP": "Northern Mariana Islands",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def snapshots(repo: Path, path: str) -> list[str]:
    """The commit of ``path`` in force at the start of each year since FIRST_YEAR, and the newest."""
    commits = []
    for year in range(FIRST_YEAR, 2100):
        c = git(repo, "rev-list", "-1", f"--before={year}-02-01", "HEAD", "--", path).strip()
        if year > FIRST_YEAR and not git(repo, "rev-list", "-1", f"--after={year}-01-01", "HEAD", "--", path).strip():
            break
        if c:
            commits.append(c)
    commits.append(git(repo, "rev-parse", "HEAD").strip())
    return list(dict.fromkeys(commits))


def _clean(s: str | None) -> str:
    return " ".join((s or "").replace("\u00a0", " ").split())


def spellings(name: dict) -> tuple[str, list[str]]:
    """The name to suggest and its accepted aliases."""
    first, last = _clean(name.get("first")), _clean(name.get("last"))
    nick, middle = _clean(name.get("nickname")), _clean(name.get("middle"))
    suffix = _clean(name.get("suffix"))
    full = _clean(name.get("official_full"))
    main = f"{nick or first} {last}"
    aliases = [f"{first} {last}", full, f"{first} {middle} {last}" if middle else ""]
    if suffix:
        aliases.append(f"{main} {suffix}")
    out = []
    for a in aliases:
        for suffix in ("Jr.", "Sr.", "III", "II"):
            a = a.replace(f", {suffix}", f" {suffix}")
        a = a.rstrip(",")
        if a and a != main and a not in out and len(a.split()) >= 2:
            out.append(a)
    return main, out


def people(repo: Path) -> Iterable[dict]:
    seen: dict[str, dict] = {}
    for commit in snapshots(repo, "legislators-current.yaml"):
        for p in yaml.load(git(repo, "show", f"{commit}:legislators-current.yaml"), Loader=yaml.CSafeLoader):
            key = str(p["id"].get("bioguide") or p["id"].get("govtrack"))
            terms = [t for t in p.get("terms", []) if int(t["end"][:4]) >= FIRST_YEAR]
            if not terms:
                continue
            old = seen.get(key)
            if old is None or len(p.get("terms", [])) >= len(old.get("terms", [])):
                seen[key] = p
    head = git(repo, "rev-parse", "HEAD").strip()
    for p in yaml.load(git(repo, "show", f"{head}:executive.yaml"), Loader=yaml.CSafeLoader):
        if any(int(t["end"][:4]) >= EXEC_SINCE for t in p.get("terms", [])):
            key = str(p["id"].get("bioguide") or p["id"].get("govtrack"))
            if key in seen:
                seen[key] = {**seen[key], "terms": seen[key]["terms"] + p["terms"]}
            else:
                seen[key] = p
    return seen.values()


def role_of(terms: list[dict]) -> tuple[str, str | None, int, int | None]:
    """The most senior office (president, vice president, senator, representative)."""
    rank = {"prez": 0, "viceprez": 1, "sen": 2, "rep": 3}
    label = {"prez": "US President", "viceprez": "US Vice President", "sen": "US Senator", "rep": "US Representative"}
    best = min(terms, key=lambda t: (rank[t["type"]], -int(t["start"][:4])))
    recent = [t for t in terms if int(t["end"][:4]) >= FIRST_YEAR] or terms
    start = min(int(t["start"][:4]) for t in terms if t["type"] == best["type"])
    end = max(int(t["end"][:4]) for t in recent)
    state = STATES.get(best.get("state", ""), best.get("state")) if best["type"] in ("sen", "rep") else None
    return label[best["type"]], state, start, end


def a_out_dir(out: Path) -> Path:
    return out.parent


def hand_spellings(folder: Path) -> Iterable[str]:
    """Every name and alias in the hand-reviewed lists beside the generated ones."""
    for path in sorted(folder.glob("*.toml")):
        if "GENERATED" in path.read_text(encoding="utf-8")[:200]:
            continue
        for e in tomllib.loads(path.read_text(encoding="utf-8"))["people"]:
            yield e["name"]
            yield from e.get("aliases", [])


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(repo: Path) -> str:
    head = git(repo, "rev-parse", "HEAD").strip()
    date = git(repo, "show", "-s", "--format=%cs", "HEAD").strip()
    # people the hand-reviewed lists already hold keep their entry there; two people
    # with one name ("Mike Rogers" of Alabama and of Michigan) are one spelling to check
    taken = {compact_key(s) for s in hand_spellings(a_out_dir(OUT))}
    rows = []
    for p in sorted(people(repo), key=lambda p: (p["name"].get("last", ""), p["id"].get("bioguide") or "")):
        main, aliases = spellings(p["name"])
        if compact_key(main) in taken:
            continue
        aliases = [a for a in aliases if compact_key(a) not in taken]
        taken.update(compact_key(s) for s in (main, *aliases))
        role, state, start, end = role_of(p["terms"])
        this_year = int(date[:4])
        fields = [f"name = {toml_str(main)}"]
        if aliases:
            fields.append("aliases = [" + ", ".join(toml_str(a) for a in aliases) + "]")
        fields.append(f"role = {toml_str(role)}")
        fields.append(f"country = {toml_str('United States')}")
        fields.append(f"start = {start}")
        if end < this_year:
            fields.append(f"end = {end}")
        note = f"Wikidata {p['id']['wikidata']}" if p["id"].get("wikidata") else f"bioguide {p['id'].get('bioguide')}"
        if state:
            note += f", {state}"
        fields.append(f"note = {toml_str(note)}")
        rows.append((p["name"].get("last", ""), main, "{ " + ", ".join(fields) + " },"))
    rows.sort(key=lambda r: (r[0], r[1]))
    head_lines = [
        "# newslint default names authority: everyone who sat in the US Congress since 2015, and",
        "# US presidents and vice presidents since 1989. GENERATED: do not edit by hand.",
        "#",
        "# Source: unitedstates/congress-legislators (CC0 1.0), legislators-current.yaml at the",
        f"# start of each year since {FIRST_YEAR} and executive.yaml, at commit {head} ({date}).",
        "# Rebuild: git clone https://github.com/unitedstates/congress-legislators DIR &&",
        "#          python tools/build_names_data.py --congress DIR",
        "",
        "version = 1",
        "people = [",
    ]
    return "\n".join(head_lines + [r[2] for r in rows] + ["]", ""])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--congress", type=Path, required=True, help="a git clone of unitedstates/congress-legislators")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    text = render(a.congress)
    a.out.write_text(text, encoding="utf-8")
    print(f"{a.out}: {text.count(chr(10)) - 11} people", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
