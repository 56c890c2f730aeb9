"""The programme's rules are warnings, with limits read from the vocabulary's 'typer'."""

import yaml

from kunskapsbanken.checks import check_all

from tests.unit.checker_support import GOOD, OTHER, make_corpus, problems_of


def warnings(found):
    assert not [p for p in found if p.is_error], found
    return [(p.field, p.message) for p in found]


def test_lum_over_the_yearly_limit(tmp_path):
    found = warnings(problems_of(tmp_path, {"bo-kvar.md": GOOD.replace("belopp: 400000", "belopp: 650000")}))
    assert found == [("belopp", "650\u00a0000\u00a0kr är mer än de 500\u00a0000\u00a0kr per år som ett LUM-projekt "
                                "kan beviljas")]


def test_lum_amount_per_year_names_the_year(tmp_path):
    page = GOOD.replace("år: 2019", "år: [2019, 2020]").replace("belopp: 400000", "belopp: {2019: 400000, 2020: 600000}")
    found = warnings(problems_of(tmp_path, {"bo-kvar.md": page}))
    assert [f for f, _ in found] == ["belopp.2020"]
    ok = page.replace("2020: 600000", "2020: 500000")
    assert problems_of(tmp_path / "ok", {"bo-kvar.md": ok}) == []


def test_lum_more_than_three_years_in_a_row(tmp_path):
    page = GOOD.replace("år: 2019", "år: [2016, 2017, 2018, 2019]").replace("belopp: 400000\n", "")
    found = warnings(problems_of(tmp_path, {"bo-kvar.md": page}))
    assert found == [("år", "medel 2016–2019 är 4 år i rad; ett LUM-projekt kan beviljas högst 3 år i rad")]
    gap = page.replace("[2016, 2017, 2018, 2019]", "[2015, 2017, 2018, 2019]")
    assert problems_of(tmp_path / "ok", {"bo-kvar.md": gap}) == []


def test_mul_over_25000(tmp_path):
    trip = GOOD.replace("typ: LUM", "typ: MUL").replace("status: avslutat", "status: avslutat\nresmål: Oslo, Norge")
    found = warnings(problems_of(tmp_path, {"resa.md": trip.replace("400000", "30000")}))
    assert [f for f, _ in found] == ["belopp"] and "studieresa" in found[0][1]
    assert problems_of(tmp_path / "ok", {"resa.md": trip.replace("400000", "25000")}) == []


def test_more_than_two_lum_projects_for_one_administration_in_a_year(tmp_path):
    pages = {f"p{n}.md": GOOD.replace("titel: Bo kvar", f"titel: Projekt {n}") for n in range(3)}
    found = warnings(problems_of(tmp_path, pages))
    assert len(found) == 3 and all(f == "förvaltning" for f, _ in found)
    assert "Skärholmen har 3 LUM-projekt 2019 (högst 2 per förvaltning och år)" in found[0][1]
    del pages["p2.md"]
    assert problems_of(tmp_path / "ok", pages) == []


def test_more_than_two_trips_for_one_administration_in_a_year(tmp_path):
    trip = GOOD.replace("typ: LUM", "typ: MUL").replace("status: avslutat", "status: avslutat\nresmål: Oslo, Norge") \
        .replace("400000", "20000")
    pages = {f"r{n}.md": trip.replace("titel: Bo kvar", f"titel: Resa {n}") for n in range(3)}
    found = warnings(problems_of(tmp_path, pages))
    assert len(found) == 3 and "3 studieresor 2019" in found[0][1]


def test_missing_gender_analysis_from_2018(tmp_path):
    page = GOOD.replace("jämställdhetsanalys: Kvinnor och män fick samma stöd.\n", "")
    found = warnings(problems_of(tmp_path, {"bo-kvar.md": page}))
    assert [f for f, _ in found] == ["jämställdhetsanalys"]
    before = page.replace("år: 2019", "år: 2017").replace("2019-", "2017-")
    assert problems_of(tmp_path / "ok", {"bo-kvar.md": before}) == []


def test_limits_come_from_the_vocabulary(tmp_path):
    corpus = make_corpus(tmp_path, {"bo-kvar.md": GOOD, "annat-projekt.md": OTHER})
    vocabulary = yaml.safe_load((corpus / "vokabular.yml").read_text(encoding="utf-8"))
    lum = next(t for t in vocabulary["typer"] if t["namn"] == "LUM")
    lum["högsta_belopp_per_år"] = 300000
    (corpus / "vokabular.yml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    found = check_all(corpus)[1]
    assert [p.field for p in found] == ["belopp", "belopp"] and "300\u00a0000\u00a0kr" in found[0].message
    del lum["högsta_belopp_per_år"]
    (corpus / "vokabular.yml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    assert check_all(corpus)[1] == []


def test_planned_project_whose_last_year_has_passed_is_a_warning_with_line_and_field(tmp_path):
    import datetime as dt

    from kunskapsbanken.catalog import load_catalog
    from kunskapsbanken.checks import rules

    page = GOOD.replace("status: avslutat", "status: planerat").replace("slutdatum: 2019-12-31\n", "")
    corpus = make_corpus(tmp_path, {"bo-kvar.md": page})
    catalog, _ = load_catalog(corpus)
    found = rules.check(catalog, today=dt.date(2026, 11, 23))
    assert [(p.field, p.line, p.is_error) for p in found] == [("status", 8, False)]
    assert "sista år (2019) har passerat" in found[0].message and "'okänd'" in found[0].message
    assert str(found[0]).startswith(f"{corpus / 'bo-kvar.md'}:8:")
    # The same page in its own year, and a finished or unknown one, say nothing.
    assert rules.check(catalog, today=dt.date(2019, 3, 1)) == []
    for status in ("okänd", "avslutat"):
        other = make_corpus(tmp_path / status, {"bo-kvar.md": page.replace("status: planerat", f"status: {status}")})
        assert rules.check(load_catalog(other)[0], today=dt.date(2026, 11, 23)) == []


def test_the_real_content_has_no_stale_plan():
    """The 15 projects that said 'planerat' long after their year now say what the papers say."""
    import datetime as dt

    from kunskapsbanken.catalog import load_catalog
    from kunskapsbanken.checks import rules
    from tests.support import REPO

    catalog, _ = load_catalog(REPO / "projects")
    assert not [p for p in rules.check(catalog, today=dt.date(2026, 11, 23)) if p.field == "status"]
    unknown = {p.id for p in catalog.projects if p.status.value == "okänd"}
    assert len(unknown) == 15 and "studieresa-till-london" in unknown and "utvardering-av-lagtroskelboende" in unknown
