"""Ordering a document from the programme's mailbox: a mailto that every mail program reads alike."""

from urllib.parse import parse_qs, urlsplit

from kunskapsbanken.views.contact import mailto


def test_mailto_percent_encodes_subject_and_body_with_crlf_line_breaks():
    address = mailto("fou.kunskapsbanken@stockholm.se", "Beställning: A & B? 100 %", "Rad ett\r\nRad två = klar#")
    parts = urlsplit(address)
    assert parts.scheme == "mailto" and parts.path == "fou.kunskapsbanken@stockholm.se"
    assert "+" not in address and " " not in address and address.count("&") == 1 and address.count("?") == 1
    assert "%0D%0A" in address and "%C3%A4" in address  # CRLF and 'ä' as UTF-8
    query = parse_qs(parts.query)
    assert query == {"subject": ["Beställning: A & B? 100 %"], "body": ["Rad ett\r\nRad två = klar#"]}

