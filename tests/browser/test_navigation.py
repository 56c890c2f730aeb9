"""A social worker browses from the start page to an area, a year and a project."""

import pytest

pytestmark = pytest.mark.browser


def test_from_start_page_to_area_year_and_project(page, served_site):
    page.goto(served_site.url("/"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").first.inner_text() == "Kunskapsbanken"

    # the start page lists the areas with their counts
    page.locator("article.md-content__inner ul.kb-omradeslista").get_by_role("link", name="Hemlöshet", exact=True).click()
    page.wait_for_url("**/omraden/hemloshet/")
    assert page.locator("h1").inner_text() == "Område: Hemlöshet"
    cards = page.locator(".kb-projektkort h3")
    assert cards.all_inner_texts() == ["Bostad först i Farsta", "Vräkningsförebyggande arbete i Älvsjö"]

    cards.first.get_by_role("link").click()
    page.wait_for_url("**/projekt/bostad-forst-farsta/")
    assert page.locator("h1").inner_text() == "Bostad först i Farsta"
    fact_box = page.locator(".kb-faktaruta")
    assert "Farsta" in fact_box.inner_text()

    fact_box.get_by_role("link", name="2019", exact=True).click()
    page.wait_for_url("**/ar/2019/")
    assert page.locator("h1").inner_text() == "År: 2019"
    assert "Studieresa till Oslo" in page.locator("article.md-content__inner").inner_text()
    page.locator("article.md-content__inner").get_by_role("link", name="Studieresa till Oslo").click()
    page.wait_for_url("**/projekt/studieresa-till-oslo/")
    assert "Oslo, Norge" in page.locator(".kb-faktaruta").inner_text()
    assert page.title().startswith("Studieresa till Oslo")


def test_pdf_link_downloads_the_attachment_under_a_sub_path(page, served_site_subpath):
    page.goto(served_site_subpath.url("projekt/bostad-forst-farsta/"))
    link = page.get_by_role("link", name="Slutrapport: Bostad först i Farsta (PDF, 1,9 kB)")
    href = link.get_attribute("href")
    response = page.request.get(served_site_subpath.url("projekt/bostad-forst-farsta/") + href)
    assert response.ok and response.body().startswith(b"%PDF")
    page.get_by_role("link", name="Hemlöshet").first.click()
    page.wait_for_url("**/kunskapsbanken/omraden/hemloshet/")
