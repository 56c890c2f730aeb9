"""The search page /sok/: a form, filters and results drawn by the search script.

The filters (facets from the catalog, a range of years, the sort order) are in the HTML, so
nothing moves when the script starts; the script fills in counts and results from the Pagefind
index. A facet's values stay hidden until their counts are known (values without hits are never
shown), which keeps the layout still while the page loads. Without JavaScript the page says so.
"""

from __future__ import annotations

from html import escape

from ..search.records import facet_definitions
from . import GeneratedPage
from .markdown import front_matter

SEARCH_URI = "sok/index.md"
# The year facet is chosen as a range (from, to) rather than year by year.
YEAR_FACET = "year"
SORTS = [("", "Relevans"), ("nyast", "Nyast först"), ("titel", "Titel A–Ö")]


def _facet(definition: dict) -> str:
    values = "".join(
        f'<label class="kb-facett__val" hidden><input type="checkbox" name="{escape(definition["param"])}" '
        f'value="{escape(term["value"])}"><span class="kb-facett__namn">{escape(term["label"])}</span>'
        f'<span class="kb-facett__antal"></span></label>'
        for term in definition["terms"])
    return (f'<fieldset class="kb-facett" data-facet="{escape(definition["key"])}" '
            f'data-param="{escape(definition["param"])}" hidden><legend>{escape(definition["label"])}</legend>'
            f'{values}</fieldset>')


def _year_range(definition: dict) -> str:
    years = sorted((term["value"] for term in definition["terms"]), key=int)

    def options(empty: str) -> str:
        return f'<option value="">{empty}</option>' + "".join(
            f'<option value="{escape(y)}">{escape(y)}</option>' for y in years)

    return (f'<fieldset class="kb-facett kb-facett--ar" data-facet="{escape(definition["key"])}" '
            f'data-param="{escape(definition["param"])}"><legend>{escape(definition["label"])}</legend>'
            f'<div class="kb-sok__ar">'
            f'<label for="kb-sok-fran">Från</label><select id="kb-sok-fran" name="fran">{options("Alla")}</select>'
            f'<label for="kb-sok-till">till</label><select id="kb-sok-till" name="till">{options("Alla")}</select>'
            f'</div></fieldset>')


def render(catalog) -> GeneratedPage:
    definitions = facet_definitions(catalog)
    # The range of years first: it is always there, and the facets below it appear with their counts.
    filters = "".join([_year_range(d) for d in definitions if d["key"] == YEAR_FACET]
                      + [_facet(d) for d in definitions if d["key"] != YEAR_FACET])
    sorts = "".join(f'<option value="{value}">{label}</option>' for value, label in SORTS)
    body = f"""# Sök i Kunskapsbanken

<div class="kb-sok" data-kb-sok>
<form class="kb-sok__form" role="search" action="." method="get">
<label class="kb-sok__label" for="kb-sok-fraga">Sök bland projekt och rapporter</label>
<div class="kb-sok__rad">
<input id="kb-sok-fraga" class="kb-sok__input" type="search" name="q" autocomplete="off" spellcheck="false" aria-describedby="kb-sok-tips">
<button class="md-button md-button--primary" type="submit">Sök</button>
</div>
<p id="kb-sok-tips" class="kb-sok__tips">Skriv ett eller flera ord, till exempel <em>våld ungdomar</em>. Böjningar hittas också: <em>ungdom</em> hittar <em>ungdomarna</em>.</p>
</form>
<div class="kb-sok__layout">
<div class="kb-sok__sida">
<button class="md-button kb-sok__filterknapp" type="button" aria-expanded="false" aria-controls="kb-sok-filter" data-kb-filterknapp>Filter<span data-kb-filterantal></span></button>
<div id="kb-sok-filter" class="kb-sok__filter" data-kb-filter role="region" aria-labelledby="kb-sok-filterrubrik">
<h2 id="kb-sok-filterrubrik" class="kb-sok__filterrubrik" tabindex="-1">Avgränsa</h2>
{filters}
<button class="md-button md-button--primary kb-sok__visa" type="button" data-kb-visa>Visa träffarna</button>
</div>
</div>
<div class="kb-sok__resultat">
<h2 id="kb-sok-traffrubrik" class="kb-dold" tabindex="-1">Träffar</h2>
<div class="kb-sok__huvud">
<p class="kb-sok__status" data-kb-status role="status" aria-live="polite" aria-atomic="true">Söker …</p>
<div class="kb-sok__sortering"><label for="kb-sok-sortera">Sortera</label><select id="kb-sok-sortera" name="sortera" data-kb-sortering>{sorts}</select></div>
</div>
<noscript><p>Sökningen kräver JavaScript. Bläddra annars via <a href="../omraden/">områden</a>, <a href="../ar/">år</a> och <a href="../dokument/">dokument</a>.</p></noscript>
<div class="kb-sok__valda" data-kb-valda hidden><span class="kb-sok__valdarubrik" id="kb-sok-valda">Valda filter:</span><ul class="kb-sok__chips" aria-labelledby="kb-sok-valda" data-kb-chips></ul><button class="kb-sok__rensa" type="button" data-kb-rensa>Rensa alla</button></div>
<ol class="kb-sok__lista" data-kb-resultat></ol>
<button class="md-button kb-sok__fler" type="button" data-kb-fler hidden>Visa fler träffar</button>
</div>
</div>
</div>
"""
    # The whole width for filters and results: no navigation or table of contents beside them.
    front = front_matter(title="Sök", description="Sök bland Kunskapsbankens projekt och rapporter",
                         render_macros=False, hide=["navigation", "toc"])
    return GeneratedPage(SEARCH_URI, front + body)
