"""The form editor (`kb redigera`) end to end in Chromium: a new project with a PDF, the checker's
errors at their fields, the errors fixed, the page saved, and the built site showing it."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from kunskapsbanken.editor.server import make_server, new_app
from tests.browser.test_accessibility import describe, run_axe
from tests.support import build_site, site_config
from tests.unit.checker_support import pdf_with_text

PERSONNUMMER = "19121212-1212"  # Skatteverket's test number: a valid date and check digit
SCREENSHOTS = os.environ.get("KB_SKARMBILDER")  # a folder: the test also saves screenshots there


class Editor:
    def __init__(self, projects: Path, tmp_path: Path):
        self.projects = projects
        self.app = new_app(projects, site_config(projects, tmp_path / "forhandsgranskning-site"))
        self.httpd = make_server(self.app, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        shutil.rmtree(self.app.work_dir, ignore_errors=True)


@pytest.fixture
def page(browser):
    # The editor's CSP forbids inline scripts; axe is injected as one, so the test context bypasses it.
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def editor(projects, tmp_path):
    running = Editor(projects, tmp_path)
    yield running
    running.close()


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def _submit(page, action: str) -> None:
    """Press a button of the form and wait for the page the server answers with (not the old one)."""
    with page.expect_navigation():
        page.locator(f".knappar button[value={action}], .dokument button[value={action}]").click()
    page.wait_for_selector("form[data-klar]")


def _messages(page, element_id: str) -> str:
    return page.locator(f"#{element_id}-fel").inner_text()


def _no_serious_axe_violations(page) -> None:
    blocking = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not blocking, "\n".join(describe(v) for v in blocking)


@pytest.mark.browser
def test_new_project_with_a_pdf_from_errors_at_fields_to_the_built_site(page, editor, projects, tmp_path):
    bad_pdf = pdf_with_text(tmp_path / "Slutrapport Rinkeby.pdf", f"Intervju med klient {PERSONNUMMER}.")
    good_pdf = pdf_with_text(tmp_path / "Slutrapport Rinkeby (rättad).pdf", "Resultat: fler unga fick stöd.")
    not_a_pdf = tmp_path / "rapport.pdf"
    not_a_pdf.write_bytes(b"PK\x03\x04 a Word file renamed to .pdf")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(editor.url("/nytt"))
    page.wait_for_selector("form[data-klar]")
    _no_serious_axe_violations(page)
    _shot(page, "nytt-1366")
    page.fill("#falt-titel", "Stöd till unga i Rinkeby")
    page.locator("#falt-titel").blur()
    page.wait_for_selector("[data-adress]:not([hidden])")  # the live check tells the page's address
    assert page.inner_text("[data-adress]") == "Sidans adress blir projekt/stod-till-unga-i-rinkeby/."
    page.check("#falt-typ-2")  # LUM: needs an administration
    page.fill("#falt-ar", "20l9")
    page.get_by_label("Barn och unga").check()
    page.fill("#falt-sammanfattning", f"Rinkeby prövar stöd till unga. Kontakt via {PERSONNUMMER}.")
    _submit(page, "nytt-dokument")
    assert page.evaluate("document.activeElement.id") == "dokument-0"  # the new document, for the keyboard
    page.select_option("#dokument-0-typ", "slutrapport")
    page.fill("#dokument-0-titel", "Slutrapport Rinkeby")
    page.set_input_files("#dokument-0-fil", str(bad_pdf))
    _submit(page, "spara")

    summary = page.locator(".felsammanfattning")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('felsammanfattning')")
    assert "inte UTF" not in summary.inner_text()
    assert "heltal" in _messages(page, "falt-ar")
    assert "Obligatoriskt för LUM" in _messages(page, "falt-forvaltning")
    assert "personnummer" in _messages(page, "falt-sammanfattning")
    assert "slutrapport-rinkeby.pdf" in _messages(page, "dokument-0-fil")
    assert "personnummer" in _messages(page, "dokument-0-fil")
    for element_id in ("falt-ar", "falt-forvaltning", "falt-sammanfattning", "dokument-0-fil"):
        control = page.locator(f"#{element_id}")
        assert control.get_attribute("aria-invalid") == "true", element_id
        assert f"{element_id}-fel" in control.get_attribute("aria-describedby"), element_id
    links = summary.locator("a")
    assert {link.get_attribute("href") for link in links.all()} >= {
        "#falt-ar", "#falt-forvaltning", "#falt-sammanfattning", "#dokument-0-fil"}
    assert not (projects / "stod-till-unga-i-rinkeby").exists()
    assert not (projects / "stod-till-unga-i-rinkeby.md").exists()
    _no_serious_axe_violations(page)
    _shot(page, "fel-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "fel-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    # A renamed Word file is refused by its bytes, at the field.
    page.set_input_files("#dokument-0-fil", str(not_a_pdf))
    _submit(page, "kontrollera")
    assert "ingen PDF" in _messages(page, "dokument-0-fil")

    # The fixes; the live check clears a field's message as soon as it is right.
    page.fill("#falt-ar", "2019")
    page.locator("#falt-ar").blur()
    page.wait_for_function("document.querySelector('#falt-ar-fel').hidden")
    page.select_option("#falt-forvaltning", "Rinkeby-Kista")
    page.fill("#falt-sammanfattning", "Rinkeby prövar ett samlat stöd till unga som riskerar att hamna i kriminalitet.")
    page.set_input_files("#dokument-0-fil", str(good_pdf))
    page.fill("#falt-text", "## Syfte\n\nAtt pröva ett samlat stöd.\n")
    _submit(page, "spara")

    # LUM from 2018 without a gender analysis: a warning, saved after a confirmation.
    page.locator("button[value=spara-med-varningar]").wait_for()
    assert "jämställdhetsanalys" in _messages(page, "falt-jamstalldhetsanalys").lower()
    assert not (projects / "stod-till-unga-i-rinkeby").exists()
    _shot(page, "varning-1366")
    _submit(page, "spara-med-varningar")
    page.locator("[data-sparad]").wait_for()
    _shot(page, "sparad-1366")

    saved = projects / "stod-till-unga-i-rinkeby" / "index.md"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("---\ntitel: Stöd till unga i Rinkeby\ntyp: LUM\når: [2019]\nområden: [Barn och unga]\n"
                           "förvaltning: Rinkeby-Kista\n")
    assert "    fil: slutrapport-rinkeby-rattad.pdf\n" in text
    assert (saved.parent / "slutrapport-rinkeby-rattad.pdf").read_bytes() == good_pdf.read_bytes()
    assert not (saved.parent / "slutrapport-rinkeby.pdf").exists()  # the refused upload never got there

    site = build_site(projects, tmp_path / "site")
    built = (site / "projekt" / "stod-till-unga-i-rinkeby" / "index.html").read_text(encoding="utf-8")
    assert "Stöd till unga i Rinkeby" in built
    assert "slutrapport-rinkeby-rattad.pdf" in built
    assert (site / "projekt" / "stod-till-unga-i-rinkeby" / "slutrapport-rinkeby-rattad.pdf").is_file()


@pytest.mark.browser
def test_preview_is_the_built_page_with_unsaved_changes(page, editor, projects):
    page.goto(editor.url("/redigera/alvsjo-hemloshet"))
    page.wait_for_selector("form[data-klar]")
    before = (projects / "alvsjo-hemloshet.md").read_bytes()
    page.fill("#falt-titel", "Älvsjö mot hemlöshet – förhandsgranskad")
    with page.expect_popup() as popup_info:
        page.click("button[value=forhandsgranska]")
    preview = popup_info.value
    preview.wait_for_load_state()
    assert "/forhandsgranskning/" in preview.url and preview.url.endswith("/projekt/alvsjo-hemloshet/")
    assert preview.locator("h1").inner_text() == "Älvsjö mot hemlöshet – förhandsgranskad"
    assert (projects / "alvsjo-hemloshet.md").read_bytes() == before  # nothing saved


@pytest.mark.browser
def test_screenshots_of_an_existing_project_at_both_widths(page, editor):
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(editor.url("/redigera/bostad-forst-farsta"))
        page.wait_for_selector("form[data-klar]")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _no_serious_axe_violations(page)
        _shot(page, f"redigera-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(editor.url("/"))
    _no_serious_axe_violations(page)
    _shot(page, "lista-1366")


@pytest.mark.browser
def test_keyboard_reaches_the_error_summary_and_its_links_move_focus_to_the_field(page, editor, projects):
    page.goto(editor.url("/nytt"))
    page.wait_for_selector("form[data-klar]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.focus(".knappar button[value=spara]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("form[data-klar]")
    assert page.evaluate("document.activeElement.classList.contains('felsammanfattning')")
    page.keyboard.press("Tab")
    first_link = page.evaluate("document.activeElement.getAttribute('href')")
    assert first_link == "#falt-titel"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'falt-titel'")
    page.keyboard.type("Nytt med tangentbordet")
    assert page.input_value("#falt-titel") == "Nytt med tangentbordet"
