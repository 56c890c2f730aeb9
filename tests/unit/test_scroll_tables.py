"""Wide tables scroll in their own named, focusable box; a view's own box is not doubled."""

from kunskapsbanken.views.scroll_tables import wrap_tables


def test_every_table_gets_one_named_scroll_box():
    html = ('<h2 id="a">Belopp &amp; år</h2><table><tr><th>x</th></tr></table>'
            '<table><caption>Resmål</caption><tr><th>y</th></tr></table>'
            '<div class="kb-tabellruta" role="region" tabindex="0" aria-label="Karta"><table><tr><th>z</th></tr></table></div>')
    out = wrap_tables(html, "Sidan")
    assert out.count('class="kb-tabellruta"') == 3  # the third had its box already
    assert 'aria-label="Tabell: Belopp &amp; år"' in out and 'aria-label="Tabell: Resmål"' in out
    assert wrap_tables("<p>x</p><table></table>", 'Sidan "A"').count('aria-label="Tabell: Sidan &quot;A&quot;"') == 1
