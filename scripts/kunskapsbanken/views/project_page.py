"""The page of one project: fact box, documents, body and related projects.

Only the editor's body goes through Markdown; the rest is HTML from the catalog."""

from __future__ import annotations

import posixpath
import re

from .. import swedish
from ..catalog import Catalog, DocumentEntry
from ..facets import FACET_BY_KEY
from ..model import Project, Status
from ..text import years_text
from ..urls import project_dir, project_uri
from . import GeneratedPage, PageParts, html
from .citation import document_citation, page_citation_box
from .contact import contact_html, order_link
from .links import BROWSE_URI, facet_uri, href, relative, term_uri
from .markdown import front_matter
from .results_page import results_table

# Body links an editor writes between files in projects/: 'annat-projekt.md',
# '../annat-projekt/index.md'. They are pointed at the generated project pages.
_MD_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+?\.md)(#[^)\s]*)?\)")


def document_link_text(entry: DocumentEntry, vocabulary) -> str:
    """'Slutrapport: Bostad först (PDF, 1,2 MB)': a link text that makes sense alone."""
    kind = entry.document.kind.capitalize()
    text = f"{kind}: {entry.document.title}"
    if entry.document.file:
        size = entry.size
        suffix = posixpath.splitext(entry.document.file)[1].lstrip(".").upper() or "fil"
        text += f" ({suffix}, {swedish.format_bytes(size)})" if size is not None else f" ({suffix})"
    elif entry.document.link:
        text += " (extern länk)"
    return text


def document_target(entry: DocumentEntry, from_uri: str) -> str | None:
    if entry.document.file:
        return href(from_uri, posixpath.join(project_dir(entry.project.id), entry.document.file))
    return entry.document.link


def document_html(entry: DocumentEntry, from_uri: str, vocabulary, mailbox: str | None = None) -> str:
    """The document's link; one that is not in the bank can be ordered from the programme's mailbox."""
    label = html.text(document_link_text(entry, vocabulary))
    target = document_target(entry, from_uri)
    if target:
        return html.a(label, target)
    if mailbox:
        return f"{label} – finns inte digitalt. {order_link(entry, mailbox)}"
    return f"{label} – <em>finns ännu inte digitalt i Kunskapsbanken</em>"


def _term_links(facet: str, names: list[str], here: str) -> str:
    return ", ".join(html.link(name, href(here, term_uri(facet, name))) for name in names)


def fact_box(catalog: Catalog, project: Project, here: str, mailbox: str | None = None) -> str:
    vocabulary = catalog.vocabulary
    facts: list[tuple[str, str]] = [
        ("Typ", html.link(f"{project.type.value} – {vocabulary.type_label(project.type)}",
                          href(here, term_uri("type", project.type.value)))),
        ("År", ", ".join(html.link(str(y), href(here, term_uri("year", str(y)))) for y in project.years)),
        ("Områden" if len(project.areas) > 1 else "Område", _term_links("area", list(project.areas), here)),
    ]
    if project.target_groups:
        facts.append(("Målgrupper" if len(project.target_groups) > 1 else "Målgrupp",
                      _term_links("target_group", list(project.target_groups), here)))
    if project.knowledge_kinds:
        facts.append(("Kunskapstyp", _term_links("knowledge_kind", list(project.knowledge_kinds), here)))
    if project.administration:
        facts.append(("Förvaltning", _term_links("administration", [project.administration], here)))
    if project.co_applicants:
        facts.append(("Medsökande", _term_links("administration", list(project.co_applicants), here)))
    if project.performers:
        facts.append(("Utförare", _term_links("performer", list(project.performers), here)))
    if project.amount is not None:
        facts.append(("Belopp", html.text(amount_text(project))))
    facts.append(("Status", html.link(project.status.label, href(here, term_uri("status", project.status.value)))))
    if project.start:
        facts.append(("Start", html.text(project.start.swedish())))
    if project.end:
        facts.append(("Slut", html.text(project.end.swedish())))
    if project.destination:
        facts.append(("Resmål", html.text(str(project.destination))))
    contact = contact_html(project, mailbox)
    if contact:
        facts.append(("Kontakt", contact))
    if project.diarienummer:
        facts.append(("Diarienummer", html.text(project.diarienummer)))
    return ('<div class="kb-faktaruta">\n<h2 class="kb-faktaruta__rubrik" id="fakta">Fakta</h2>\n'
            f"{html.definition_list(facts)}\n</div>")


def amount_text(project: Project) -> str:
    if isinstance(project.amount, dict):
        parts = [f"{year}: {swedish.format_kronor(value)}" for year, value in sorted(project.amount.items())]
        return "; ".join(parts) + f" (totalt {swedish.format_kronor(project.total_amount)})"
    return swedish.format_kronor(project.amount)


def _linked_id(target: str) -> str:
    """The project id a body link to a page file names: 'annat.md', '../annat/index.md' -> 'annat'."""
    return posixpath.basename(posixpath.dirname(target)) if target.endswith("index.md") else \
        posixpath.splitext(posixpath.basename(target))[0]


def _rewrite_body_links(catalog: Catalog, project: Project, here: str) -> str:
    def replace(match: re.Match) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        name = _linked_id(target)
        if name in catalog.by_id:
            return f"]({relative(here, project_uri(name))}{anchor})"
        return match.group(0)

    return _MD_LINK.sub(replace, project.body)


def inputs(catalog: Catalog, project: Project, mailbox: str | None = None, facts=lambda p: p) -> tuple:
    """Everything render() reads, for views.PageMemo: the project, the vocabulary, the projects it
    shows (related and similar ones, as facts() gives them: their titles, types and years), which
    of its keywords link to a list and which of its body's links lead to a project. Keep it in
    step with render()."""
    keywords = FACET_BY_KEY["keyword"].terms_of(project, catalog.vocabulary)
    return (project, catalog.vocabulary, mailbox, tuple(facts(p) for p in catalog.related(project)),
            tuple(facts(p) for p in catalog.similar(project)),
            tuple(catalog.term("keyword", k).linked for k in keywords),
            tuple(_linked_id(target) in catalog.by_id for target, _ in _MD_LINK.findall(project.body)))


def render(catalog: Catalog, project: Project, mailbox: str | None = None) -> GeneratedPage:
    here = project_uri(project.id)
    vocabulary = catalog.vocabulary
    page = PageParts(front_matter(title=project.title, description=project.summary, render_macros=False))
    page.heading(1, project.title)
    page.html(html.paragraph(html.text(f"{project.type.value} · {years_text(list(project.years))}"), "kb-typmarkering"))
    if project.status is Status.CANCELLED:
        page.html(html.admonition("warning", "Avbrutet projekt",
                                  "<p>Projektet genomfördes inte som planerat.</p>"))
    page.html(html.paragraph(html.text(project.summary), "kb-ingress"))
    page.html(fact_box(catalog, project, here, mailbox))
    entries = catalog.documents(projects=[project])
    page.heading(2, "Dokument")
    if entries:
        items = []
        for entry in entries:
            date = f" ({entry.document.date.swedish()})" if entry.document.date else ""
            items.append(f"{document_html(entry, here, vocabulary, mailbox)}{date} {document_citation(entry, here)}")
        page.html(html.bullet_list(items))
    else:
        page.html(html.paragraph("Inga dokument har publicerats för projektet ännu."))
    if project.results:
        page.heading(2, "Mätta resultat")
        page.html(results_table(project.results))
    if project.body.strip():
        page.heading(2, "Om projektet")
        page.markdown(_demote_headings(_rewrite_body_links(catalog, project, here)).strip())
    if project.gender_analysis:
        page.heading(2, "Jämställdhetsanalys")
        page.html(html.paragraph(html.text(project.gender_analysis)))
    related = catalog.related(project)
    if related:
        page.heading(2, "Relaterade projekt")
        page.html(_project_list(related, here))
    similar = catalog.similar(project)
    if similar:
        page.heading(2, "Liknande projekt")
        page.html(html.paragraph("Förslag som räknats fram ur projektens texter och rapporter, inte valda av en "
                                 "redaktör.", "kb-forslag") + "\n" + _project_list(similar, here))
    if not entries:
        page.html(page_citation_box(project))
    keywords = FACET_BY_KEY["keyword"].terms_of(project, vocabulary)
    if keywords:
        # A keyword that other projects share leads to their list; one only this project has is text.
        words = [html.link(k, href(here, term_uri("keyword", k))) if catalog.term("keyword", k).linked
                 else html.text(k) for k in keywords]
        index = html.a("Alla nyckelord A–Ö", href(here, facet_uri("keyword")))
        page.html(html.paragraph(f"<strong>Nyckelord:</strong> {', '.join(words)} · {index}"))
    if project.sources:
        page.html(html.paragraph(f"Källa: {html.text(swedish.join_list(list(project.sources)))}", "kb-kalla"))
    return page.page(here, trail=trail(project))


def trail(project: Project) -> tuple[tuple[str, str], ...]:
    """Start › Områden › Hemlöshet › the project: reached through its first area."""
    area = project.areas[0]
    return (("Bläddra", BROWSE_URI), ("Områden", facet_uri("area")), (area, term_uri("area", area)))


def _project_list(projects: list[Project], here: str) -> str:
    return html.bullet_list(f"{html.link(other.title, href(here, project_uri(other.id)))} "
                            f"({other.type.value}, {years_text(list(other.years))})" for other in projects)


def _demote_headings(body: str) -> str:
    """The body sits under 'Om projektet' (h2), so its headings start at h3 and keep their order."""
    out, fenced = [], False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else re.match(r"^(#{1,5}) ", line)
        if heading:
            level = max(len(heading.group(1)) + 1, 3)
            line = "#" * level + line[len(heading.group(1)):]
        out.append(line)
    return "\n".join(out)
