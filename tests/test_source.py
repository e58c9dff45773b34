"""Reading bytes: UTF-8, BOMs, declared charsets, Windows-1252 fallback, binary, size."""

from __future__ import annotations

import codecs

import pytest

from newslint.source import UnreadableFile, decode, looks_binary, read_source


def test_utf8_plain_and_bom():
    assert decode("Café".encode()).encoding == "utf-8"
    d = decode(codecs.BOM_UTF8 + "Café".encode())
    assert (d.text, d.encoding, d.note) == ("Café", "utf-8-sig", None)


def test_utf16_with_bom():
    d = decode("Ünïcode headline\n".encode("utf-16"))
    assert d.text == "Ünïcode headline\n" and d.encoding == "utf-16"


def test_latin1_pound_sign_reads_as_windows_1252_and_says_where():
    d = decode("Headline\n\nA fee of \xa315.8m was paid.\n".encode("latin-1"))
    assert d.text.endswith("£15.8m was paid.\n")
    assert d.encoding == "cp1252"
    assert d.note == "file is not valid UTF-8 (byte 0xA3 at line 3, column 10); read as Windows-1252"


def test_declared_charset_wins():
    html = '<meta charset="iso-8859-7"><p>\xe1\xe2\xe3</p>'.encode("latin-1")
    d = decode(html)
    assert d.text.endswith("<p>αβγ</p>") and "iso8859-7" in d.note


def test_binary_and_oversized_files_are_refused():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not looks_binary(b"plain words\n")
    with pytest.raises(UnreadableFile, match="binary"):
        read_source("x.png", b"\x00\x01\x02" * 100)
    with pytest.raises(UnreadableFile, match="larger than"):
        read_source("big.txt", b"a" * 2048, max_bytes=1024)
