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


def test_in_quote_on_a_block_of_many_quotations():
    from newslint.article import Block

    text = 'He said "one" and "two" and "three".'
    block = Block("paragraph", text, 0, quotes=tuple(reversed(find_quotes(text))))
    assert block.quotes == find_quotes(text)  # kept in order
    inside = [w for w in ("one", "two", "three") if block.in_quote(text.index(w), text.index(w) + len(w))]
    assert inside == ["one", "two", "three"]
    assert not block.in_quote(text.index("and"), text.index("and") + 3)
    assert not block.in_quote(0, 2)
