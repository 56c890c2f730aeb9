"""Attachments named under 'dokument': missing, not a PDF, unreadable – and the good one."""

from kunskapsbanken import pdf

from tests.unit.checker_support import GOOD, pdf_with_text, problems_of

WITH_FILE = GOOD.replace("status: avslutat", """status: avslutat
dokument:
  - typ: slutrapport
    titel: Slutrapport
    fil: slutrapport.pdf""")


def errors(found):
    return [(p.field, p.line, p.message, p.suggestion) for p in found if p.is_error]


def test_a_readable_pdf_beside_the_page_passes(tmp_path):
    pdf = pdf_with_text(tmp_path / "r.pdf", "Slutrapport om vräkningsförebyggande arbete.")
    assert problems_of(tmp_path, {"bo-kvar/index.md": WITH_FILE, "bo-kvar/slutrapport.pdf": pdf.read_bytes()}) == []


def test_a_missing_attachment_names_the_field_and_the_likely_file(tmp_path):
    pdf = pdf_with_text(tmp_path / "r.pdf", "Text")
    found = problems_of(tmp_path, {"bo-kvar/index.md": WITH_FILE, "bo-kvar/slutrapporten.pdf": pdf.read_bytes()})
    assert errors(found) == [("dokument.1.fil", 12, "bilagan 'slutrapport.pdf' finns inte bredvid projektsidan",
                              "slutrapporten.pdf")]


def test_an_attachment_that_is_not_a_pdf_is_an_error(tmp_path):
    page = WITH_FILE.replace("slutrapport.pdf", "slutrapport.docx")
    found = problems_of(tmp_path, {"bo-kvar/index.md": page, "bo-kvar/slutrapport.docx": b"PK\x03\x04word"})
    assert len(errors(found)) == 1 and "är ingen PDF" in errors(found)[0][2]


def test_a_renamed_file_that_only_pretends_to_be_a_pdf_is_an_error(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar/index.md": WITH_FILE, "bo-kvar/slutrapport.pdf": b"PK\x03\x04 word"})
    assert len(errors(found)) == 1 and "heter .pdf men är ingen PDF-fil" in errors(found)[0][2]


def test_a_damaged_pdf_is_unreadable(tmp_path):
    pdf = pdf_with_text(tmp_path / "r.pdf", "Text").read_bytes()
    found = problems_of(tmp_path, {"bo-kvar/index.md": WITH_FILE, "bo-kvar/slutrapport.pdf": pdf[:40]})
    assert len(errors(found)) == 1 and "kan inte läsas (filen är skadad)" in errors(found)[0][2]


def test_a_password_protected_pdf_is_unreadable(tmp_path):
    from pypdf import PdfReader, PdfWriter

    source = pdf_with_text(tmp_path / "r.pdf", "Text")
    writer = PdfWriter()
    writer.append(PdfReader(str(source)))
    writer.encrypt(user_password="hemligt", owner_password="hemligt", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert pdf.read(locked).failure == "lösenordsskyddad"
    found = problems_of(tmp_path, {"bo-kvar/index.md": WITH_FILE, "bo-kvar/slutrapport.pdf": locked.read_bytes()})
    assert len(errors(found)) == 1 and "lösenordsskyddad" in errors(found)[0][2]


def test_an_attachment_outside_the_page_folder_is_an_error(tmp_path):
    pdf = pdf_with_text(tmp_path / "r.pdf", "Text").read_bytes()
    page = WITH_FILE.replace("fil: slutrapport.pdf", "fil: ../slutrapport.pdf")
    found = problems_of(tmp_path, {"bo-kvar/index.md": page, "slutrapport.pdf": pdf})
    assert errors(found)[0][3] == "slutrapport.pdf" and "samma mapp" in errors(found)[0][2]
