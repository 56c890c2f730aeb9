"""What the search finds, in headless Chromium: inflections, several words, synonyms, compounds,
spelling and å/ä/ö, on a small corpus written for it (each page says only what a test needs).

Every failing assertion prints the search page's status text.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.conftest import SiteServer
from tests.support import build_site

pytestmark = pytest.mark.browser

PAGE = "[data-kb-sok]"
BOX = "[data-kb-sokruta]"


def project(title: str, areas: str, summary: str, body: str = "", keywords: str = "[]") -> str:
    return (f"---\ntitel: {title}\ntyp: FUM\når: 2020\nområden: [{areas}]\nförvaltning: Socialförvaltningen\n"
            f"status: avslutat\nnyckelord: {keywords}\nsammanfattning: >-\n  {summary}\n---\n\n{body}\n")


CORPUS = {
    "hemloshet": project("Bostad som första insats", "Hemlöshet",
                         "Projektet prövade en ny väg ut ur hemlösheten för personer utan bostad.",
                         "## Syfte\n\nSyftet var att minska hemlöshet i staden.",
                         keywords="[nyckelordsomintevisas]"),
    "ungdomar": project("Samtalsgrupper för ungdomar", "Barn och unga",
                        "Samtalsgrupper för ungdomar som utsatts för våld i skolan. Föräldrar får stöd av en kurator."),
    "kriminell": project("Unga vuxna med kriminell livsstil", "Ungdomsbrottslighet",
                         "En utvärdering av ett program för unga vuxna som vill lämna kriminalitet."),
    "vald-modell": project("Uppföljning av vald arbetsmodell", "Kunskapsbaserad socialtjänst",
                           "Den arbetsmodell som blev vald av nämnden följdes upp under ett år."),
    "relationer": project("Skyddat boende i samverkan", "Våld i nära relationer",
                          "Kvinnor och barn som utsatts för våld i nära relationer fick skyddat boende."),
    "foraldrar": project("Gruppverksamhet för familjer", "Förebyggande arbete",
                         "En gruppverksamhet med stöd till föräldrar till små barn."),
    "bistand": project("Vägar till egen försörjning", "Ekonomiskt bistånd",
                       "Ett arbetssätt för hushåll med långvarigt behov av bistånd."),
    "skolteam": project("Utvärdering av skolsociala team", "Barn och unga",
                        "Skolsociala team med kurator och socialsekreterare på skolor."),
}
SYNONYMS = "- [unga, ungdomar]\n- [brott, kriminalitet]\n"
TITLE = {key: text.split("titel: ")[1].split("\n")[0] for key, text in CORPUS.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("relevans")
    projects = base / "projects"
    projects.mkdir()
    for name, text in CORPUS.items():
        (projects / f"{name}.md").write_text(text, encoding="utf-8")
    (projects / "synonymer.yml").write_text(SYNONYMS, encoding="utf-8")
    server = SiteServer(build_site(projects, base / "site"))
    yield server
    server.close()


class Search:
    """The search page for one query: its hits and its status text, for assertions that explain themselves."""

    def __init__(self, page, server, query: str):
        page.goto(server.url("sok/") + "?q=" + quote(query))
        page.wait_for_selector(f"{PAGE}[data-klar]", state="attached", timeout=15000)
        self.page = page
        self.query = query
        self.status = page.locator(f"{PAGE} [data-kb-status]").inner_text()
        self.titles = page.locator(f"{PAGE} .kb-traff__titel").all_inner_texts()
        self.excerpts = page.locator(f"{PAGE} .kb-traff__utdrag").all_inner_texts()

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"<sök ”{self.query}”: status ”{self.status}”, träffar {self.titles}>"

    def finds(self, *keys: str) -> bool:
        return all(TITLE[key] in self.titles for key in keys)


def test_inflections_and_derivations_find_each_other(page, site):
    for query in ["hemlösa", "hemlöshet", "hemlösheten"]:
        search = Search(page, site, query)
        assert search.finds("hemloshet"), search
    for query in ["ungdom", "ungdomar", "ungdomarna"]:
        search = Search(page, site, query)
        assert search.finds("ungdomar"), search
    for query in ["kriminell", "kriminella"]:
        search = Search(page, site, query)
        assert search.finds("kriminell"), search


def test_a_word_with_a_ring_never_finds_the_word_without_it(page, site):
    search = Search(page, site, "våld")
    assert search.finds("ungdomar", "relationer") and not search.finds("vald-modell"), search
    search = Search(page, site, "vald")  # without å: also 'våld', the exact word first
    assert search.titles[0] == TITLE["vald-modell"] and search.finds("ungdomar"), search


def test_pages_with_all_the_words_come_alone_when_there_are_any(page, site):
    search = Search(page, site, "våld ungdomar")
    assert search.titles == [TITLE["ungdomar"]], search
    assert "några av dem" not in search.status, search


def test_when_no_page_has_all_words_pages_with_some_follow_under_a_note(page, site):
    search = Search(page, site, "hemlöshet kurator")
    assert search.status.startswith("Inga träffar på alla orden – här är träffar på några av dem."), search
    assert search.finds("hemloshet", "ungdomar", "skolteam"), search
    search = Search(page, site, "hemlöshet qwxzyk")  # a word nothing has never empties the answer
    assert search.finds("hemloshet") and "några av dem" in search.status, search


def test_a_quoted_phrase_matches_as_a_phrase(page, site):
    search = Search(page, site, '"stöd till föräldrar"')
    assert search.titles == [TITLE["foraldrar"]], search  # not 'Föräldrar får stöd'
    search = Search(page, site, "stöd föräldrar")
    assert search.finds("foraldrar", "ungdomar"), search


def test_vocabulary_aliases_and_the_synonym_list_are_synonyms(page, site):
    search = Search(page, site, "försörjningsstöd")  # alias of Ekonomiskt bistånd
    assert search.finds("bistand"), search
    search = Search(page, site, "bostadslöshet")  # alias of Hemlöshet
    assert search.finds("hemloshet"), search
    search = Search(page, site, "brott")  # synonymer.yml: brott = kriminalitet
    assert search.finds("kriminell"), search
    search = Search(page, site, "unga")  # synonymer.yml: unga = ungdomar
    assert search.finds("ungdomar"), search


def test_compounds_find_their_parts_and_parts_the_compound(page, site):
    search = Search(page, site, "relationsvåld")
    assert search.finds("relationer"), search
    search = Search(page, site, "föräldrastöd")  # 'stöd till föräldrar'
    assert search.finds("foraldrar"), search
    search = Search(page, site, "skolsocial")
    assert search.titles[0] == TITLE["skolteam"], search


def test_a_misspelt_word_gets_menade_du_from_the_index_and_its_hits(page, site):
    search = Search(page, site, "kriminallitet")
    assert "Inga träffar för ”kriminallitet”" in search.status and "Menade du kriminalitet?" in search.status, search
    assert search.finds("kriminell"), search
    page.locator(f"{PAGE} [data-kb-menade-du]").click()
    page.wait_for_url("**q=kriminalitet*")
    page.wait_for_selector(f"{PAGE}[data-klar]", state="attached", timeout=15000)
    assert page.locator(f"{PAGE} input[name=q]").input_value() == "kriminalitet"


def test_snippets_are_body_text_without_keywords_or_headings(page, site):
    search = Search(page, site, "hemlösa")
    assert search.excerpts, search
    text = " ".join(search.excerpts)
    assert "nyckelordsomintevisas" not in text and "Hemlöshet Förebyggande" not in text, search
    assert "Syfte Syftet" not in text, search


def test_the_header_box_says_when_only_some_words_matched(page, site):
    page.goto(site.url(""))
    page.wait_for_selector(f"{BOX}[data-kb-startad]", state="attached", timeout=15000)
    box = page.locator(f"{BOX} input[name=q]")
    box.fill("hemlöshet qwxzyk")
    page.wait_for_selector(f"{BOX}[data-klar]", state="attached", timeout=15000)
    text = page.locator(f"{BOX} [data-kb-status]").inner_text()
    assert text.startswith("Inga träffar på alla orden"), text


def test_the_pages_stemmer_agrees_with_snowball(page, site):
    """The query's stems (kunskapsbanken-sok-fraga.js) against Python's Snowball on the real content's words."""
    import json

    from kunskapsbanken.search.words import tokens
    from kunskapsbanken.swedish import stem
    from tests.support import REPO

    words = sorted({w for path in (REPO / "projects").glob("*.md") for w in tokens(path.read_text(encoding="utf-8"))
                    if len(w) > 2})
    page.goto(site.url("sok/"))
    stems = page.evaluate("""async ([module, words]) => {
      const { stem } = await import(module);
      return words.map(stem);
    }""", [site.url("assets/javascripts/kunskapsbanken-sok-fraga.js"), words])
    differ = [(w, s, stem(w)) for w, s in zip(words, stems) if s != stem(w)]
    assert len(differ) <= len(words) // 50, json.dumps(differ[:30], ensure_ascii=False)  # Snowball 3 refines a few endings
    by_word = dict(zip(words, stems))
    assert by_word["hemlöshet"] == "hemlös" and by_word["ungdomar"] == "ungdom"


def test_searches_just_made_are_not_made_again(page, site):
    """Typing on ("ungdomar" -> "ungdomar skolan") or going back asks Pagefind only for what is new."""
    page.goto(site.url("sok/"))
    searched = page.evaluate("""async ([module, engine]) => {
      const { find } = await import(module);
      const pagefind = (await import(engine)).createInstance({ noWorker: true });
      await pagefind.init();
      const terms = [];
      const counting = {
        options: (o) => pagefind.options(o),
        preload: (term, o) => pagefind.preload(term, o),
        search: (term, o) => { terms.push(term); return pagefind.search(term, o); },
      };
      const titles = async (query) => Promise.all((await find(counting, query)).results.map(async (r) => (await r.data()).meta.title));
      const seen = {};
      for (const query of ["ungdomar", "ungdomar skolan", "ungdomar"]) {
        const before = terms.length;
        seen[query + " " + before] = { titles: await titles(query), terms: terms.slice(before) };
      }
      return seen;
    }""", [site.url("assets/javascripts/kunskapsbanken-sok-fraga.js"), site.url("pagefind/pagefind.js")])
    first, typed_on, again = searched.values()
    assert first["terms"] and TITLE["ungdomar"] in first["titles"], searched
    assert "ungdomar" not in typed_on["terms"] and typed_on["terms"], searched  # only the new word (and both)
    assert again["terms"] == [] and again["titles"] == first["titles"], searched


def test_the_likeliest_first_hits_are_fetched_while_the_answer_is_refined(page, site):
    """"vald" is searched again exactly (so that "vald" comes before "våld"); the fragments of the
    first search's hits are already on their way by then."""
    page.goto(site.url("sok/"))
    events = page.evaluate("""async ([module, engine]) => {
      const { find } = await import(module);
      const pagefind = (await import(engine)).createInstance({ noWorker: true });
      await pagefind.init();
      const events = [];
      const observed = {
        options: (o) => pagefind.options(o),
        preload: (term, o) => pagefind.preload(term, o),
        search: async (term, o) => {
          events.push("sök " + term);
          const found = await pagefind.search(term, o);
          for (const result of found.results) {
            const data = result.data;
            result.data = () => { events.push("utdrag"); return data(); };
          }
          return found;
        },
      };
      const found = await find(observed, "vald", { prefetch: 10 });
      events.push("svar " + found.results.length);
      return events;
    }""", [site.url("assets/javascripts/kunskapsbanken-sok-fraga.js"), site.url("pagefind/pagefind.js")])
    searches = [i for i, e in enumerate(events) if e.startswith("sök ")]
    assert len(searches) >= 2, events
    assert "utdrag" in events[searches[0]:searches[1]], events
