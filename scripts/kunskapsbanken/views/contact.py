"""The programme's functional mailbox: ordering a document that is not in the bank, and the contact.

The mailbox is one setting of the site (the plugin's 'mailbox' in mkdocs.yml); without it
nothing here makes a link, so no page offers a mailto that leads nowhere.
"""

from __future__ import annotations

from urllib.parse import quote

from ..catalog import DocumentEntry
from ..exports import REPORT_KINDS
from ..model import Project
from . import html

MAILBOX_NAME = "Kunskapsbankens funktionsbrevlåda"


def mailto(mailbox: str, subject: str, body: str) -> str:
    """A mailto address with subject and body percent-encoded (RFC 6068): spaces as %20, å as UTF-8."""
    return f"mailto:{quote(mailbox, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def order_word(entry: DocumentEntry) -> str:
    return "rapporten" if entry.document.kind in REPORT_KINDS else "dokumentet"


def order_address(entry: DocumentEntry, mailbox: str) -> str:
    """An e-mail to the mailbox asking for one document, with everything the unit needs to find it."""
    document, project = entry.document, entry.project
    facts = [f"Dokument: {document.kind.capitalize()}: {document.title}"]
    if document.date:
        facts.append(f"Datum: {document.date.swedish()}")
    facts.append(f"Projekt: {project.title} ({project.type.value}, {', '.join(str(y) for y in project.years)})")
    facts.append(f"Diarienummer: {project.diarienummer or 'anges inte i Kunskapsbanken'}")
    body = (f"Hej!\n\nJag vill beställa {order_word(entry)} som inte finns digitalt i Kunskapsbanken:\n\n"
            + "\n".join(facts) + "\n\nSkicka gärna en tillgänglig PDF om det går.\n\nHälsningar\n")
    return mailto(mailbox, f"Beställning: {document.title}", body.replace("\n", "\r\n"))  # RFC 6068: CRLF


def order_link(entry: DocumentEntry, mailbox: str) -> str:
    """'Beställ rapporten' as an HTML link; the hidden title makes the link unique for screen readers."""
    label = f'Beställ {order_word(entry)}<span class="kb-dold"> {html.text(entry.document.title)}</span>'
    return html.a(label, order_address(entry, mailbox), class_="kb-bestall")


def contact_html(project: Project, mailbox: str | None) -> str | None:
    """The project's contact: the unit the page names, else the programme's mailbox."""
    if project.contact:
        return html.text(project.contact)
    if mailbox:
        return mailbox_link(mailbox, named=True)
    return None


def mailbox_link(mailbox: str, named: bool = False) -> str:
    """The address as an HTML link (also inside a hand-written page's Markdown); named adds what it
    is: 'adress (Kunskapsbankens funktionsbrevlåda)'."""
    address = html.link(mailbox, f"mailto:{quote(mailbox, safe='@')}")
    return f"{address} ({MAILBOX_NAME})" if named else address
