"""The search page /sok/: a form, facets and results drawn by the search script.

The page carries the facets' labels and terms (from the catalog) as data; the script
fills in counts and results from the Pagefind index. Without JavaScript the page says so.
"""

from __future__ import annotations

import html

from ..search.records import facet_json
from . import GeneratedPage
from .markdown import front_matter

SEARCH_URI = "sok/index.md"


def render(catalog) -> GeneratedPage:
    facets = html.escape(facet_json(catalog), quote=True)
    body = f"""# Sök i Kunskapsbanken

<div class="kb-sok" data-kb-sok data-facets="{facets}">
<form class="kb-sok__form" role="search" action="." method="get">
<label class="kb-sok__label" for="kb-sok-fraga">Sök bland projekt och rapporter</label>
<div class="kb-sok__rad">
<input id="kb-sok-fraga" class="kb-sok__input" type="search" name="q" autocomplete="off" spellcheck="false" aria-describedby="kb-sok-tips">
<button class="md-button md-button--primary" type="submit">Sök</button>
</div>
<p id="kb-sok-tips" class="kb-sok__tips">Skriv ett eller flera ord, till exempel <em>våld ungdomar</em>. Böjningar hittas också: <em>ungdom</em> hittar <em>ungdomarna</em>.</p>
</form>
<div class="kb-sok__layout">
<div class="kb-sok__facetter" data-kb-facetter aria-label="Avgränsa sökningen" role="region"></div>
<div class="kb-sok__resultat">
<p class="kb-sok__status" data-kb-status role="status" aria-live="polite" aria-atomic="true">Sökningen kräver JavaScript. Bläddra annars via <a href="../omraden/">områden</a>, <a href="../ar/">år</a> och <a href="../dokument/">dokument</a>.</p>
<ol class="kb-sok__lista" data-kb-resultat></ol>
<button class="md-button kb-sok__fler" type="button" data-kb-fler hidden>Visa fler träffar</button>
</div>
</div>
</div>
"""
    return GeneratedPage(SEARCH_URI, front_matter(title="Sök", description="Sök bland Kunskapsbankens projekt och rapporter",
                                                           render_macros=False)
                         + body)
