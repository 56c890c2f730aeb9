"""The statistics page's figures, checked against a small corpus whose sums are known by hand."""

from __future__ import annotations

import re

import pytest

from kunskapsbanken import statistics
from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.decisions import decisions_path, load_decisions
from kunskapsbanken.views import charts, statistics_page
from tests.support import FIXTURES, VOCABULARY_FILE

STATISTIK = FIXTURES / "statistik"


@pytest.fixture(scope="module")
def corpus():
    catalog, problems = load_catalog(STATISTIK, VOCABULARY_FILE)
    assert not [p for p in problems if p.is_error]
    decisions, decision_problems = load_decisions(decisions_path(STATISTIK))
    assert not decision_problems
    return catalog, decisions


@pytest.fixture(scope="module")
def stats(corpus):
    return statistics.compute(*corpus)


def test_projects_are_counted_by_type_overall_and_per_year(stats):
    assert stats.projects_by_type == {"FUM": 3, "LUM": 3, "MUL": 3}
    assert stats.year(2020).projects_by_type == {"FUM": 2, "LUM": 2, "MUL": 2}
    assert stats.year(2021).projects_by_type == {"FUM": 3, "LUM": 1, "MUL": 1}
    assert [y.year for y in stats.years] == [2020, 2021, 2022]  # 2022: only a final report


def test_a_year_counts_only_amounts_given_for_that_year(stats):
    fum_2020 = stats.year(2020).amounts_by_type["FUM"]
    # 400 000 kr of the split study; the 900 000 kr total over two years belongs to no one year.
    assert (fum_2020.known_sum, fum_2020.known, fum_2020.missing) == (400_000, 1, 1)
    fum_2021 = stats.year(2021).amounts_by_type["FUM"]
    assert (fum_2021.known_sum, fum_2021.known, fum_2021.missing) == (1_600_000, 2, 1)


def test_decided_total_stands_beside_the_known_sum_and_is_never_spread(stats):
    lum_2020 = stats.year(2020).amounts_by_type["LUM"]
    assert lum_2020.decided == 1_000_000
    assert lum_2020.known_sum == 500_000
    assert lum_2020.missing == 1
    assert lum_2020.difference == 500_000
    mul_2020 = stats.year(2020).amounts_by_type["MUL"]
    assert (mul_2020.decided, mul_2020.known_sum, mul_2020.missing) == (50_000, 45_000, 0)
    mul_2021 = stats.year(2021).amounts_by_type["MUL"]
    assert (mul_2021.decided, mul_2021.known_sum, mul_2021.missing) == (None, 0, 1)
    assert stats.decided_total() == 1_350_000


def test_amounts_over_all_years_by_type_area_and_administration(stats):
    totals = {t: (s.known_sum, s.known, s.missing) for t, s in stats.amounts_by_type.items()}
    assert totals == {"FUM": (2_900_000, 3, 0), "LUM": (800_000, 2, 1), "MUL": (45_000, 2, 1)}
    assert stats.known_total() == 3_745_000
    assert stats.amounts_by_area == {
        "Hemlöshet": 2_000_000, "Ekonomiskt bistånd": 900_000, "Barn och unga": 800_000,
        "Missbruk och beroende": 1_000_000, "Ungdomsbrottslighet": 45_000,
    } and list(stats.amounts_by_area)[0] == "Hemlöshet"
    # Owners only, so administrations add up to the known total.
    assert stats.amounts_by_administration == {
        statistics.NO_ADMINISTRATION: 2_900_000, "Farsta": 825_000, "Skärholmen": 20_000}
    assert sum(stats.amounts_by_administration.values()) == stats.known_total()


def test_trips_by_destination_and_final_reports_by_year(stats):
    assert stats.trips_by_destination == {"Oslo, Norge": 2, "Köpenhamn, Danmark": 1}
    assert stats.final_reports_by_year == {2021: 1, 2022: 1}
    assert stats.undated_final_reports == 1


def test_the_page_shows_the_figures_in_swedish_format(corpus):
    page = statistics_page.render(*corpus)
    text = page.markdown.replace("\u00a0", " ")
    assert page.src_uri == "statistik/index.md"
    assert "1 000 000 kr" in text and "3 745 000 kr" in text
    row = next(line for line in text.splitlines() if line.startswith("| 2020 | LUM |"))
    assert [c.strip() for c in row.strip("|").split("|")] == ["2020", "LUM", "1 000 000 kr", "2", "500 000 kr", "2",
                                                              "1 av 2"]
    assert "Källa: Fixturbeslut 2020. Beslutsdatum: 12 december 2019. Diarienummer: 3.2.1-1/2019." in text


def test_every_chart_has_a_text_alternative_and_a_table_with_the_same_figures(corpus):
    html = statistics_page.render(*corpus).markdown
    figures = re.findall(r'<figure class="kb-diagram".*?</figure>', html)
    assert len(figures) >= 7
    for figure in figures:
        assert 'role="img"' in figure
        chart_id = re.search(r'id="([^"]+)"', figure).group(1)
        assert f'aria-labelledby="{chart_id}-titel {chart_id}-beskrivning"' in figure
        assert re.search(r"<desc[^>]*>[^<]{20,}</desc>", figure)
        value_texts = re.findall(r"<text (?![^>]*text-anchor)[^>]*>([^<]+)</text>", figure)
        svg_values = [v for v in value_texts if v[0].isdigit()]
        assert svg_values
        table_values = re.findall(r'<td style="text-align:right">([^<]+)</td>', figure)
        assert set(svg_values) <= set(table_values), figure[:200]


def test_a_stacked_chart_scales_bars_to_the_largest_total():
    html = charts.bar_chart("test", "Titel", "Beskrivning", "År", [charts.Row("2020", (1, 3)), charts.Row("2021", (2, 0))],
                            ["A", "B"])
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="16"', html)]
    assert widths == pytest.approx([95.0, 285.0, 190.0])
    assert "<td style=\"text-align:right\">4</td>" in html  # the total column
    assert charts.bar_chart("tom", "T", "B", "År", [], ["A"]).startswith("<p><em>Inga")
