"""`kb redigera` over real HTTP: conflicts, refused uploads, forged forms and paths that try to leave."""

from __future__ import annotations

import json
import re
import shutil
import threading
import urllib.error
import urllib.request
import uuid

import pytest

from kunskapsbanken.editor.server import make_server, new_app
from tests.support import site_config


@pytest.fixture
def editor(projects, tmp_path):
    app = new_app(projects, site_config(projects, tmp_path / "site"), upload_limit=200_000)
    httpd = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    shutil.rmtree(app.work_dir, ignore_errors=True)


def _request(url, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), error.headers


def _multipart(fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes]] | None = None):
    boundary = uuid.uuid4().hex
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, payload) in (files or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     "Content-Type: application/pdf\r\n\r\n".encode() + payload + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def _form_fields(html: str) -> dict[str, list[str]]:
    """The form's current values as a browser would send them (text inputs, checked boxes, selects)."""
    fields: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag).group(1)
        if not name or kind == "file" or (kind in ("radio", "checkbox") and " checked" not in tag):
            continue
        fields.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, body in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        fields[name] = [chosen.group(1) if chosen else ""]
    for name, body in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = [body.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")]
    return {k: v for k, v in fields.items()}


def test_the_second_of_two_editors_gets_a_clear_conflict_and_nothing_is_lost(editor, projects):
    page = projects / "alvsjo-hemloshet.md"
    _, first_html, _ = _request(editor + "/redigera/alvsjo-hemloshet")
    _, second_html, _ = _request(editor + "/redigera/alvsjo-hemloshet")
    first = _form_fields(first_html) | {"status": ["avslutat"], "atgard": ["spara-med-varningar"]}
    second = _form_fields(second_html) | {"kontakt": ["FoU-enheten"], "atgard": ["spara-med-varningar"]}
    status, _, _ = _request(editor + "/redigera/alvsjo-hemloshet", *_multipart(first))
    assert status == 200 and "status: avslutat" in page.read_text(encoding="utf-8")
    status, html, _ = _request(editor + "/redigera/alvsjo-hemloshet", *_multipart(second))
    assert status == 409
    assert "Någon annan har sparat sidan sedan du öppnade den" in html
    assert 'value="FoU-enheten"' in html  # the second editor's work is still in the form
    assert "kontakt" not in page.read_text(encoding="utf-8")


def test_a_page_with_errors_is_never_written(editor, projects):
    before = (projects / "alvsjo-hemloshet.md").read_bytes()
    _, html, _ = _request(editor + "/redigera/alvsjo-hemloshet")
    fields = _form_fields(html) | {"år": ["tjugonitton"], "atgard": ["spara-med-varningar"]}
    status, html, _ = _request(editor + "/redigera/alvsjo-hemloshet", *_multipart(fields))
    assert status == 422
    assert 'href="#falt-ar"' in html and 'aria-invalid="true"' in html
    assert (projects / "alvsjo-hemloshet.md").read_bytes() == before


def test_the_live_check_answers_with_messages_by_field(editor):
    fields = {"titel": "Ny", "typ": "LUM", "år": "2019", "områden": "Hemlöshe", "status": "planerat",
              "sammanfattning": "Kort.", "atgard": "kontrollera"}
    status, body, headers = _request(editor + "/nytt", *_with_accept(_multipart(fields)))
    result = json.loads(body)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert result["fält"]["falt-omraden"] == [
        {"text": "Okänt område 'Hemlöshe' – menade du 'Hemlöshet'?", "varning": False}]
    assert result["fält"]["falt-forvaltning"][0]["text"] == "Obligatoriskt för LUM"


def _with_accept(request):
    data, headers = request
    return data, headers | {"Accept": "application/json"}


def test_uploads_are_refused_unless_they_are_pdfs_within_the_limit(editor, projects):
    fields = {"titel": "Ny rapport", "typ": "FUM", "år": "2020", "områden": "Hemlöshet", "status": "planerat",
              "sammanfattning": "Kort.", "dokument-0-typ": "slutrapport", "dokument-0-titel": "R",
              "atgard": "spara-med-varningar"}
    status, html, _ = _request(editor + "/nytt", *_multipart(fields, {
        "dokument-0-uppladdning": ("rapport.pdf", b"PK\x03\x04 not a pdf")}))
    assert status == 422 and "är ingen PDF" in html
    status, html, _ = _request(editor + "/nytt", *_multipart(fields, {
        "dokument-0-uppladdning": ("rapport.pdf", b"%PDF-1.4" + b"0" * 1_500_000)}))
    assert status == 413 and "för stort" in html
    assert not (projects / "ny-rapport").exists() and not (projects / "ny-rapport.md").exists()


def test_an_upload_named_to_escape_lands_beside_the_page(editor, projects, tmp_path):
    from tests.unit.checker_support import pdf_with_text

    pdf = pdf_with_text(tmp_path / "r.pdf", "Rapport").read_bytes()
    fields = {"titel": "Ny rapport", "typ": "FUM", "år": "2020", "områden": "Hemlöshet", "status": "planerat",
              "sammanfattning": "Kort.", "dokument-0-typ": "slutrapport", "dokument-0-titel": "R",
              "atgard": "spara-med-varningar"}
    status, _, _ = _request(editor + "/nytt", *_multipart(fields, {
        "dokument-0-uppladdning": ("../../../../utanfor.pdf", pdf)}))
    assert status == 200
    assert (projects / "ny-rapport" / "utanfor.pdf").read_bytes() == pdf
    assert not (tmp_path / "utanfor.pdf").exists() and not (projects.parent / "utanfor.pdf").exists()


def test_a_forged_file_name_in_the_form_is_refused_by_the_checker(editor, projects):
    fields = {"titel": "Ny rapport", "typ": "FUM", "år": "2020", "områden": "Hemlöshet", "status": "planerat",
              "sammanfattning": "Kort.", "dokument-0-typ": "slutrapport", "dokument-0-titel": "R",
              "dokument-0-fil": "../../../../etc/passwd", "atgard": "spara-med-varningar"}
    status, html, _ = _request(editor + "/nytt", *_multipart(fields))
    assert status == 422 and "ska ligga i samma mapp som projektsidan" in html
    assert not (projects / "ny-rapport.md").exists()


@pytest.mark.parametrize("path", ["/redigera/..%2F..%2Fetc%2Fpasswd", "/redigera/../vokabular",
                                  "/forhandsgranskning/" + "a" * 32 + "/../../../etc/passwd",
                                  "/resurser/../server.py", "/redigera/vokabular"])
def test_paths_that_try_to_leave_are_not_found(editor, path):
    status, body, _ = _request(editor + path)
    assert status == 404 and "root:" not in body and "import" not in body


def test_a_form_posted_from_another_site_is_refused(editor, projects):
    data, headers = _multipart({"titel": "Ny", "atgard": "spara-med-varningar"})
    status, html, _ = _request(editor + "/nytt", data, headers | {"Origin": "http://example.com"})
    assert status == 403 and "annan webbplats" in html


def test_the_editor_pages_forbid_inline_and_external_scripts(editor):
    _, html, headers = _request(editor + "/nytt")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert not re.search(r"(src|href)=\"https?://", html)
    assert "<script>" not in html and " style=" not in html


def test_behind_nginx_only_signed_in_editors_reach_the_form_and_it_works_under_the_sub_path(editor, projects,
                                                                                          tmp_path):
    import base64

    from tests.site.nginx_server import Nginx, _free_port, _nginx_binary

    _nginx_binary()
    editor_port = editor.rsplit(":", 1)[1]
    passwords = tmp_path / "redaktorer"
    passwords.write_text("anna:{PLAIN}hemligt\n", encoding="utf-8")
    port = _free_port()
    nginx = Nginx(tmp_path / "nginx", tmp_path / "www", port, (
        ("proxy_pass http://127.0.0.1:8765/;", f"proxy_pass http://127.0.0.1:{editor_port}/;"),
        ("auth_basic_user_file /etc/nginx/kunskapsbanken-redaktorer;", f"auth_basic_user_file {passwords};")))
    base = f"http://127.0.0.1:{port}/kunskapsbanken-redigera/"
    signed_in = {"Authorization": "Basic " + base64.b64encode(b"anna:hemligt").decode()}
    try:
        assert _request(base)[0] == 401
        assert _request(base, headers={"Authorization": "Basic " + base64.b64encode(b"anna:fel").decode()})[0] == 401
        status, html, _ = _request(base, headers=signed_in)
        assert status == 200 and 'href="./resurser/redigera.css"' in html and 'href="./redigera/alvsjo-hemloshet"' in html
        assert _request(base + "resurser/redigera.css", headers=signed_in)[0] == 200
        status, html, _ = _request(base + "redigera/alvsjo-hemloshet", headers=signed_in)
        assert 'href="../resurser/redigera.css"' in html
        fields = _form_fields(html) | {"status": ["avslutat"], "atgard": ["spara-med-varningar"]}
        data, headers = _multipart(fields)
        status, html, _ = _request(base + "redigera/alvsjo-hemloshet", data,
                                   headers | signed_in | {"Origin": f"http://127.0.0.1:{port}"})
        assert status == 200 and "data-sparad" in html  # the redirect stayed under the sub-path
        assert "status: avslutat" in (projects / "alvsjo-hemloshet.md").read_text(encoding="utf-8")
    finally:
        nginx.stop()
