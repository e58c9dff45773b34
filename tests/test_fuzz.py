"""Fuzzing the loaders and the whole check path with hypothesis (issue 12).

Arbitrary bytes, and text built from the pieces hostile copy is made of
(markup, entities, front matter, quotes, invisible and control characters,
deep nesting), under every suffix a loader claims. Whatever comes in: no
exception escapes, every diagnostic is well formed and inside its article,
and no file takes longer than its limit. Bounded (a fixed number of examples,
derandomised so CI runs the same ones) so it runs in CI with the suite.
"""

from __future__ import annotations

import io
import time

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint.config import ConfigResolver  # noqa: E402
from newslint.guard import problem  # noqa: E402
from newslint.manager import collect_reporters, make_manager  # noqa: E402
from newslint.reporters import Report, printable  # noqa: E402
from newslint.session import Session  # noqa: E402

#: Seconds one file may take through the whole check path (the slowest real article takes ~0.1 s).
FILE_LIMIT = 5.0

PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<figure><img src=x><figcaption>", "</figcaption>",
    "<![CDATA[", "]]>", "<!--", "-->", "<script>", "&amp;", "&#233;", "&#x1F600;", "&#0;", "&#99999999;", "&",
    "---\n", "+++\n", "title: x\n", "title = [[[", "# ", "> ", "- ", "```", "**", "_", "[a](b)", "\\",
    '{"headline": "', '", "body": "', '"}', "[", "]", "{", "}", "\u201c", "\u201d", "\u2018", "\u2019", '"', "'",
    "\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\x1b[31m", "\x00", "\r\n", "\n\n", "\t", "\u2028",
    "Kim Jong-un", "Kim Jong-on", "teh", "5 percent", "Photograph: Getty Images", "By Jane Smith", "Mr",
    "the the", "  ", " .", "(", ")", "Monday 3 March", "caf\u00e9", "\U0001f600", "\u0301", "\ud800",
]
SUFFIXES = [".txt", ".md", ".html", ".json", ".xml", ".nitf", ".wxr"]

hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=60).map("".join)
hostile_bytes = st.one_of(
    hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    hostile_text.map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.binary(max_size=400),
    st.integers(1, 3000).map(lambda n: (b"<div>" * n) + b"text" + (b"</div>" * n)),
    st.integers(1, 3000).map(lambda n: b"+++\na = " + b"[" * n + b"]" * n + b"\n+++\n# H\n\nBody.\n"),
)

_SESSION: Session | None = None
REPORTERS = collect_reporters(make_manager(autoload=False))


def session() -> Session:
    global _SESSION
    if _SESSION is None:
        _SESSION = Session(resolver=ConfigResolver(), jobs=1)
    return _SESSION


FUZZ = settings(
    max_examples=100,
    deadline=None,  # the limit below is per file and explicit
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(data=hostile_bytes, suffix=st.sampled_from(SUFFIXES))
def test_no_input_escapes_the_loaders(data, suffix):
    result = session().read_article(f"fuzz{suffix}", data)
    for part in result.each():
        if part.article is None:
            assert part.diagnostics and {d.code for d in part.diagnostics} <= {"NL001", "NL002", "NL003"}
            assert not any(d.code == "NL001" for d in part.diagnostics), part.diagnostics  # no loader crashed


@FUZZ
@given(data=hostile_bytes, suffix=st.sampled_from(SUFFIXES))
def test_no_input_escapes_the_whole_check_path(data, suffix):
    t = time.process_time()
    result = session().check_source(f"fuzz{suffix}", data)
    assert time.process_time() - t < FILE_LIMIT
    for part in result.each():
        assert not any(d.code == "NL001" for d in part.diagnostics), [d.message for d in part.diagnostics]
        if part.article is not None:
            for d in part.diagnostics:
                assert problem(d, part.article) is None, d
    assert not result.internal_error
    # and every output format renders it as valid UTF-8
    parts = result.each()
    report = Report(
        diagnostics=[d for p in parts for d in p.diagnostics],
        files=[result.path],
        articles={p.path: p.article for p in parts if p.article is not None},
        rules={r.code: r for r in session().rules},
    )
    for reporter in REPORTERS.values():
        out = io.StringIO()
        reporter.render(report, out)
        printable(out.getvalue()).encode("utf-8")
