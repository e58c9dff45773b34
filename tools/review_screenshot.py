"""Take the screenshot of the review page that docs/serve.md shows.

    python tools/review_screenshot.py [ARTICLE] [--out docs/review-page.png]

Starts ``newslint serve`` on a free loopback port, opens the page in Debian's headless
chromium (``apt-get install chromium chromium-driver``; nothing is downloaded), pastes the
article (default: ``docs/examples/korea-talks.txt``, a misspelt name and a repeated
caption) and saves the window as a PNG, stamped with a digest of the page's files and the
article, so a test can tell when the page has changed since (``tests/test_review_page.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import chromium  # tools/chromium.py: how chromium is found and started, for the tests too

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "docs" / "examples" / "korea-talks.txt"
#: The PNG text chunk's keyword for the digest of what the screenshot shows.
KEYWORD = b"newslint-page"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("article", nargs="?", default=str(ARTICLE))
    ap.add_argument("--out", default=str(ROOT / "docs" / "review-page.png"))
    args = ap.parse_args()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "newslint.toml"
        config.write_text('[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8")
        log = Path(tmp) / "server.log"
        with open(log, "wb") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "newslint", "serve", "--port", "0", "--config", str(config)],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            for _ in range(600):
                m = re.search(r"listening on (http://\S+/)", log.read_text(errors="replace"))
                if m:
                    break
                time.sleep(0.1)
            else:
                raise SystemExit("newslint serve did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.5)
            try:
                driver = chromium.driver(f"{tmp}/profile", window=(1280, 1000), extra=("--hide-scrollbars",))
            except RuntimeError as e:  # not installed
                raise SystemExit(str(e)) from None
            try:
                driver.get(m.group(1))
                box = driver.find_element(By.ID, "text")
                text = Path(args.article).read_text(encoding="utf-8")
                driver.execute_script(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", box, text
                )
                WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".finding"))
                time.sleep(0.3)
                driver.save_screenshot(args.out)
                stamp(Path(args.out), page_digest(Path(args.article)))
            finally:
                driver.quit()
        finally:
            server.terminate()
            server.wait(10)
    print(f"wrote {args.out}")
    return 0


def page_digest(article: Path = ARTICLE) -> str:
    """A digest of what the screenshot shows: the page's own files and the article pasted into it."""
    h = hashlib.sha256()
    for f in sorted((ROOT / "newslint" / "server" / "static").iterdir()):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    h.update(article.read_bytes())
    return h.hexdigest()[:16]


def stamp(png: Path, digest: str) -> None:
    """Add a ``tEXt`` chunk holding ``digest`` before the PNG's end chunk."""
    data = png.read_bytes()
    body = KEYWORD + b"\0" + digest.encode("ascii")
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))
    end = data.rindex(b"IEND") - 4
    png.write_bytes(data[:end] + chunk + data[end:])


def stamped(png: Path) -> str | None:
    """The digest a screenshot was stamped with, or None."""
    data, at = png.read_bytes(), 8
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        if kind == b"tEXt" and body.startswith(KEYWORD + b"\0"):
            return body[len(KEYWORD) + 1 :].decode("ascii")
        at += 12 + size
    return None


if __name__ == "__main__":
    sys.exit(main())
