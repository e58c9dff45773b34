"""The review page in a real headless chromium: paste an article, see the findings, accept the name fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from browser import chromium
from servers import ARTICLE, Server, start

CORRECTED = ARTICLE.replace("Kim Jong-on", "Kim Jong-un")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("page")
    (folder / "newslint.toml").write_text('[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8")
    srv = start(["--config", str(folder / "newslint.toml"), "--workers", "1"], folder)
    yield srv
    srv.stop()


@pytest.fixture()
def page(server: Server, tmp_path: Path):
    driver = chromium(tmp_path / "profile")
    driver.set_page_load_timeout(60)
    driver.get(f"http://127.0.0.1:{server.port}/")
    yield driver
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    driver.quit()
    assert errors == []  # no script error, nothing the page tried to load and could not


def wait(driver, condition, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def paste(driver, text: str) -> None:
    """What a paste does: the text lands in the box and an input event fires."""
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "text")
    box.click()
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true}))",
        box,
        text,
    )


def marks(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#article mark")]


def findings(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [f.find_element(By.CSS_SELECTOR, ".message").text for f in driver.find_elements(By.CSS_SELECTOR, ".finding")]


def test_paste_see_the_findings_accept_the_name_fix_read_the_text_back(page) -> None:
    from selenium.webdriver.common.by import By

    paste(page, ARTICLE)
    wait(page, lambda d: len(marks(d)) == 2)
    assert marks(page) == ["Kim Jong-on", "Soldiers stand guard at the truce village of Panmunjom."]
    assert findings(page) == [
        '"Kim Jong-on" may be a misspelling of "Kim Jong-un"',
        'Caption "Soldiers stand guard at the truce village of..." repeats the caption on line 5',
    ]
    assert page.find_element(By.ID, "status").text == "2 findings."
    # the highlighted name carries its finding
    name = page.find_element(By.CSS_SELECTOR, "#article mark")
    assert "NL101" in name.get_attribute("title") and "warning" in name.get_attribute("class")

    page.find_element(By.XPATH, "//button[normalize-space()='Accept: Kim Jong-un']").click()
    wait(page, lambda d: d.find_element(By.ID, "status").text.startswith("Applied"))
    assert page.find_element(By.ID, "text").get_property("value") == CORRECTED
    assert findings(page) == ['Caption "Soldiers stand guard at the truce village of..." repeats the caption on line 5']
    assert "Kim Jong-un" in page.find_element(By.ID, "article").text

    page.find_element(By.ID, "copy").click()  # the clipboard, or the text selected for Ctrl+C
    wait(
        page,
        lambda d: "copied" in d.find_element(By.ID, "status").text or "Ctrl+C" in d.find_element(By.ID, "status").text,
    )
    selected = page.execute_script("const t = document.getElementById('text'); return t.value.length")
    assert selected == len(CORRECTED)


def test_the_keyboard_alone_accepts_and_dismisses(page) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    paste(page, ARTICLE)
    wait(page, lambda d: len(marks(d)) == 2)
    body = page.find_element(By.TAG_NAME, "body")
    page.find_element(By.ID, "check").send_keys(Keys.TAB)  # focus leaves the text box
    body.send_keys("j")  # the first finding
    focused = page.switch_to.active_element
    assert "finding" in focused.get_attribute("class") and "name-consistency" in focused.get_attribute("aria-label")
    focused.send_keys("a")  # accept its first suggestion
    wait(page, lambda d: d.find_element(By.ID, "text").get_property("value") == CORRECTED)
    wait(page, lambda d: len(findings(d)) == 1)
    page.switch_to.active_element.send_keys("j")
    page.switch_to.active_element.send_keys("d")  # dismiss the caption finding
    wait(page, lambda d: findings(d) == [])
    assert page.find_element(By.ID, "count").text == "(0 of 1)"


def test_filters_by_severity_and_rule(page) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    paste(page, ARTICLE + "\nThe minister said the the plan was TK.\n")
    wait(page, lambda d: len(findings(d)) == 4)  # the name, the caption, the doubled word, the TK
    page.find_element(By.CSS_SELECTOR, "input.sev[value='warning']").click()  # only errors and notes left
    wait(page, lambda d: findings(d) == ['Placeholder "TK" left in copy'])
    page.find_element(By.CSS_SELECTOR, "input.sev[value='warning']").click()
    Select(page.find_element(By.ID, "rule")).select_by_visible_text("doubled-word")
    wait(page, lambda d: findings(d) == ['"the the" repeats a word'])
    assert marks(page) == ["the the"]


def test_open_a_word_file_see_its_findings_in_place(page, tmp_path: Path) -> None:
    """A .docx goes to the service as a raw upload; the page shows its text, its findings, and no fix into it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    docx = pytest.importorskip("docx", reason="the docx extra is not installed")
    doc = docx.Document()
    for paragraph in ARTICLE.strip().split("\n\n"):
        doc.add_paragraph(paragraph)
    doc.save(tmp_path / "korea.docx")

    page.find_element(By.ID, "file").send_keys(str(tmp_path / "korea.docx"))
    wait(page, lambda d: len(marks(d)) == 2)
    assert marks(page) == ["Kim Jong-on", "Soldiers stand guard at the truce village of Panmunjom."]
    assert findings(page) == [
        '"Kim Jong-on" may be a misspelling of "Kim Jong-un"',
        'Caption "Soldiers stand guard at the truce village of..." repeats the caption on line 3',
    ]
    box = page.find_element(By.ID, "text")
    # the document's text, one line a paragraph (what the findings' lines count), read-only
    assert box.get_property("value") == ARTICLE.strip().replace("\n\n", "\n") + "\n"
    assert box.get_property("readOnly") is True
    assert Select(page.find_element(By.ID, "format")).first_selected_option.text == "Word document"
    status = page.find_element(By.ID, "status").text
    assert status.startswith("korea.docx: 2 findings.") and "not written back into a Word document" in status
    where = [w.text for w in page.find_elements(By.CSS_SELECTOR, ".finding .where")]
    assert [w.split()[0] for w in where] == ["4:49", "6:1"]
    # a suggestion is shown, not offered as a fix into the Word file
    assert page.find_elements(By.CSS_SELECTOR, "button.accept") == []
    assert page.find_element(By.CSS_SELECTOR, ".finding .suggested").text == "Suggested: Kim Jong-un"

    # choosing another format turns it into text to edit here, with fixes again
    Select(page.find_element(By.ID, "format")).select_by_visible_text("Plain text")
    wait(page, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Accept: Kim Jong-un']"))
    assert box.get_property("readOnly") is False


def test_the_screenshot_in_the_docs_is_of_the_page_as_it_is() -> None:
    """docs/serve.md shows docs/review-page.png: it must have been taken of the page's present files."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import review_screenshot as tool

    png = Path(tool.ROOT) / "docs" / "review-page.png"
    assert tool.stamped(png) == tool.page_digest(), (
        "the review page changed since docs/review-page.png was taken: run python tools/review_screenshot.py"
    )
