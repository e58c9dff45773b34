"""Direct quotations: one reading of quote marks for every loader and check."""

from __future__ import annotations

import pytest

from newslint.article import find_quotes


def quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\u201cHi,\u201d he said. \u201cBye.\u201d", ["Hi,", "Bye."]),
        ('He said "yes" and left.', ["yes"]),
        # a quotation run on from a merged paragraph: the second opening mark continues it
        ('He said: "Figures are odd. "Sales fell." Then he left.', ['Figures are odd. "Sales fell.']),
        ('He read:"We go" now.', ["We go"]),
        ("A 6' 2\" tall man", []),  # an inch mark, not a quotation
        ("x \u00abnon\u00bb y", ["non"]),
        ("\u201cIt goes on into the next paragraph", ["It goes on into the next paragraph"]),
        ('She said the word "teh."', ["teh."]),
    ],
)
def test_find_quotes(text, expected):
    assert quoted(text) == expected
