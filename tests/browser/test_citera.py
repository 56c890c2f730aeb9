"""'Citera' under each document on a project page, used as a reader would: by keyboard, at both
widths, under a sub-path, downloading that document's reference alone."""

from __future__ import annotations

import pybtex.database
import pytest
import rispy

from tests.browser.sites import PROJECT, site_under_subpath  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_citera_opens_with_the_keyboard_and_downloads_that_document_alone(page, site_under_subpath, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_under_subpath.url(PROJECT))
    items = page.locator("#dokument + ul > li")
    assert items.count() == 2
    second = items.nth(1)
    reference = second.locator(".kb-referens")
    assert not reference.is_visible()
    summary = second.locator("details.kb-citera > summary")
    summary.focus()
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Enter")
    reference.wait_for(state="visible")
    assert reference.inner_text().startswith("Farsta (2017). Projektplan Bostad först. Projektplan.")
    assert not items.nth(0).locator(".kb-referens").is_visible()  # the other stays closed
    box = reference.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # fits the narrow screen

    with page.expect_download() as ris_download:
        second.get_by_role("link", name="RIS för Projektplan Bostad först").click()
    download = ris_download.value
    assert download.suggested_filename == "bostad-forst-farsta-projektplan-bostad-forst.ris"
    record, = rispy.loads(open(download.path(), encoding="utf-8").read())
    assert record["title"] == "Projektplan Bostad först" and record["authors"] == ["Farsta,"]

    with page.expect_download() as bib_download:
        second.get_by_role("link", name="BibTeX för Projektplan Bostad först").click()
    entries = pybtex.database.parse_file(bib_download.value.path(), "bibtex").entries
    assert list(entries) == ["bostad-forst-farsta:projektplan-bostad-forst"]


def test_axe_finds_nothing_serious_with_every_citera_open(page, site_under_subpath):
    from tests.browser.test_accessibility import BLOCKING, describe, run_axe

    page.goto(site_under_subpath.url(PROJECT))
    for summary in page.locator("details.kb-citera > summary").all():
        summary.click()
    assert page.locator("details.kb-citera[open]").count() == 2
    blocking = [describe(v) for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not blocking, blocking
