"""`kb redigera`: the form editor as a small web app on the standard library's HTTP server.

Routes: / (all projects), /nytt (a new project), /redigera/<id> (an existing one), the
preview under /forhandsgranskning/<token>/ and the editor's own CSS and JavaScript. Every
POST runs the same checker as `kb kontrollera` on the draft; nothing is written while it
finds errors, and warnings are saved only after the editor confirms.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import mimetypes
import re
import secrets
import tempfile
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import authoring, swedish
from ..loader import discover, project_id_for, read_source, split_page, vocabulary_path
from ..problems import Problem
from ..urls import project_url
from ..vocabulary import Vocabulary
from . import drafts
from .form import (BODY, FormData, FormSpec, body_text, document_field_id, document_indices, enum_value, field_id, form_spec, form_values,
                   front_matter, place)
from .page_file import digest, edited_text
from .preview import PreviewError, Previews
from .uploads import MAX_UPLOAD_BYTES, Staging, UploadError

_STATIC = Path(__file__).parent / "static"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The editor's own pages: no inline script or style, nothing from elsewhere.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# The preview is the published site: the same policy as deploy/nginx.
_SITE_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
             "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
             "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


@dataclass
class EditorApp:
    """What every request needs: the content folder, the form, and where drafts wait."""

    projects_dir: Path
    mkdocs_file: Path
    work_dir: Path
    upload_limit: int = MAX_UPLOAD_BYTES

    def __post_init__(self) -> None:
        self.projects_dir = self.projects_dir.resolve()
        self.staging_root = self.work_dir / "uppladdningar"
        self._vocabulary: tuple[tuple[int, int], Vocabulary] | None = None
        self.content = drafts.ContentCopy(self.projects_dir, self.work_dir / "innehall")
        self.previews = Previews(self.mkdocs_file, self.projects_dir, self.work_dir / "forhandsgranskning")
        self.templates = Environment(loader=PackageLoader("kunskapsbanken.editor", "templates"),
                                     autoescape=select_autoescape(default=True), trim_blocks=True,
                                     lstrip_blocks=True)
        self.templates.globals.update(problem_text=problem_text, document_field_id=document_field_id)

    @property
    def vocabulary(self) -> Vocabulary:
        # Read again when the file changes: IT may change the vocabulary while the editor runs.
        path = vocabulary_path(self.projects_dir)
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        if self._vocabulary is None or self._vocabulary[0] != key:
            self._vocabulary = (key, Vocabulary.load(path))
        return self._vocabulary[1]

    def spec(self, vocabulary: Vocabulary) -> FormSpec:
        return form_spec(vocabulary)

    def page_file(self, page_id: str) -> Path | None:
        for candidate in (self.projects_dir / f"{page_id}.md", self.projects_dir / page_id / "index.md"):
            if candidate.is_file():
                return candidate
        return None

    def projects(self) -> list[dict]:
        found = []
        for path in discover(self.projects_dir):
            raw, _ = split_page(path, read_source(path).text)
            title = raw.data.get("titel") if raw else None
            page_id = project_id_for(path, self.projects_dir)
            found.append({"id": page_id, "title": str(title or page_id),
                          "type": enum_value("typ", raw.data.get("typ", "")) if raw else "",
                          "years": _years(raw.data.get("år")) if raw else ""})
        return sorted(found, key=lambda p: swedish.sort_key(p["title"]))


def _years(value) -> str:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return ", ".join(str(v) for v in items)


def problem_text(problem: Problem) -> str:
    text = problem.message
    if problem.suggestion:
        text += f" – menade du '{problem.suggestion}'?"
    return text[:1].upper() + text[1:]


class Request:
    """A parsed POST: the form's text fields and its uploaded files."""

    def __init__(self, form: FormData, files: dict[str, tuple[str, bytes]]):
        self.form = form
        self.files = files

    @classmethod
    def parse(cls, content_type: str, body: bytes) -> "Request":
        if content_type.startswith("application/x-www-form-urlencoded"):
            return cls(parse_qs(body.decode("utf-8"), keep_blank_values=True), {})
        if not content_type.startswith("multipart/form-data"):
            raise ValueError("okänd formulärtyp")
        # The standard library's MIME parser reads multipart/form-data (RFC 7578) as it reads mail.
        header = b"Content-Type: " + content_type.encode("latin-1") + b"\r\nMIME-Version: 1.0\r\n\r\n"
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(header + body)
        form: FormData = {}
        files: dict[str, tuple[str, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not name:
                continue
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                filename = filename.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                if filename or payload:
                    files[name] = (filename, payload)
            else:
                form.setdefault(name, []).append(payload.decode("utf-8", "replace"))
        return cls(form, files)


class Handler(BaseHTTPRequestHandler):
    app: EditorApp
    server_version = "kunskapsbanken-redigera"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    # --- routing ---------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = unquote(urlsplit(self.path).path)
        query = parse_qs(urlsplit(self.path).query)
        if path == "/":
            return self._html(self._render("index.html", projects=self.app.projects(), title="Projekt"))
        if path == "/nytt":
            vocabulary = self.app.vocabulary
            return self._form_page(vocabulary, {"status": ["planerat"]}, None, None, None)
        match = re.fullmatch(r"/redigera/([^/]+)", path)
        if match:
            return self._edit_page(match.group(1), saved="sparad" in query)
        match = re.fullmatch(r"/resurser/([a-z\-]+\.(?:css|js))", path)
        if match and (_STATIC / match.group(1)).is_file():
            return self._file(_STATIC / match.group(1), _CSP)
        match = re.fullmatch(r"/forhandsgranskning/([0-9a-f]{32})(/.*)?", path)
        if match:
            return self._preview(match.group(1), match.group(2) or "/")
        self._not_found()

    def do_POST(self) -> None:  # noqa: N802
        if not self._same_origin():
            return self._error(HTTPStatus.FORBIDDEN, "Formuläret kom från en annan webbplats och togs inte emot.")
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.app.upload_limit + 1024 * 1024:
            self._discard(length)
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"Det som skickades är för stort: en PDF får vara högst "
                               f"{swedish.format_bytes(self.app.upload_limit)}.")
        try:
            request = Request.parse(self.headers.get("Content-Type", ""), self.rfile.read(length))
        except (ValueError, UnicodeDecodeError):
            return self._error(HTTPStatus.BAD_REQUEST, "Formuläret kunde inte läsas.")
        path = unquote(urlsplit(self.path).path)
        if path == "/nytt":
            return self._submit(request, None)
        match = re.fullmatch(r"/redigera/([^/]+)", path)
        if match:
            page_id = match.group(1)
            original = self.app.page_file(page_id) if _ID.match(page_id) else None
            if original is None:
                return self._not_found()
            return self._submit(request, page_id)
        self._not_found()

    def _discard(self, length: int) -> None:
        """Read a body that is refused, so that the browser gets the answer and not a broken
        connection; one far beyond the limit is cut off instead."""
        self.close_connection = True
        if length > 10 * self.app.upload_limit:
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 20))
            if not chunk:
                return
            length -= len(chunk)

    # --- pages -----------------------------------------------------------------------

    def _edit_page(self, page_id: str, saved: bool = False) -> None:
        original = self.app.page_file(page_id) if _ID.match(page_id) else None
        if original is None:
            return self._not_found()
        data = original.read_bytes()
        vocabulary = self.app.vocabulary
        raw, problems = split_page(original, read_source(original).text)
        if raw is None:
            return self._error(HTTPStatus.UNPROCESSABLE_ENTITY,
                               f"Sidan kan inte öppnas i formuläret: {problems[0].message}. "
                               "Be IT rätta filen, eller kör 'kb kontrollera'.")
        form = form_values(self.app.spec(vocabulary), raw.data, vocabulary, raw.body)
        self._form_page(vocabulary, form, page_id, digest(data), None, saved=saved,
                        check_now=True)

    def _submit(self, request: Request, page_id: str | None) -> None:
        app = self.app
        vocabulary = app.vocabulary
        spec = app.spec(vocabulary)
        form = request.form
        action = (form.get("atgard") or ["kontrollera"])[0]
        staging = Staging.existing(app.staging_root, (form.get("uppladdningar") or [""])[0]) \
            or Staging.new(app.staging_root)
        original = app.page_file(page_id) if page_id else None
        original_hash = (form.get("original") or [""])[0] or None
        extra: list[Problem] = []
        for index in document_indices(form):
            if (form.get(f"dokument-{index}-ta-bort") or [""])[0]:
                for name in [n for n in form if n.startswith(f"dokument-{index}-")]:
                    del form[name]
        for name, (filename, payload) in request.files.items():
            match = re.fullmatch(r"dokument-(\d{1,3})-uppladdning", name)
            if not match:
                continue
            index = int(match.group(1))
            taken = self._taken_names(page_id, form, index) | set(staging.files())
            try:
                form[f"dokument-{index}-fil"] = [staging.add(filename, payload, taken, app.upload_limit)]
            except UploadError as error:
                extra.append(Problem(Path(""), 0, 0, f"dokument.{index + 1}.fil", str(error)))
        rows = document_indices(form)
        if action == "nytt-dokument":
            next_index = (rows[-1] + 1) if rows else 0
            form[f"dokument-{next_index}-typ"] = [""]
            return self._form_page(vocabulary, form, page_id, original_hash, staging, focus=f"dokument-{next_index}")

        data = front_matter(spec, form)
        body = body_text(form)
        new_id = authoring.project_id(str(data.get("titel", ""))) if page_id is None else None
        draft_id = page_id or new_id or "nytt-projekt"
        if original is not None:
            text = edited_text(original.read_text(encoding="utf-8"), data, body, vocabulary, spec.editable)
        else:
            text = authoring.page_text(data, body)
            if draft_id in authoring.existing_ids(app.projects_dir):
                extra.append(Problem(Path(""), 0, 0, "titel",
                                     f"det finns redan ett projekt med id:t '{draft_id}' (sidans adress görs av "
                                     "titeln); ändra titeln, eller öppna det befintliga projektet"))
        used = {row.get("fil") for row in data.get("dokument", []) if isinstance(row, dict)}
        attachments = {name: path for name, path in staging.files().items() if name in used}
        draft = drafts.Draft(draft_id, text, original, original_hash, attachments)
        problems = drafts.check(app.projects_dir, draft, app.content) + extra
        messages = place(spec, problems, text)

        if self._wants_json():
            return self._json(messages, new_id)
        if messages.errors or action == "kontrollera":
            return self._form_page(vocabulary, form, page_id, original_hash, staging, messages=messages,
                                   checked=True, status=HTTPStatus.UNPROCESSABLE_ENTITY if messages.errors
                                   and action != "kontrollera" else HTTPStatus.OK,
                                   new_id=new_id)
        if action == "forhandsgranska":
            token = secrets.token_hex(16)
            try:
                app.previews.build(draft, token)
            except PreviewError as error:
                return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"Förhandsgranskningen kunde inte byggas: {error}")
            return self._redirect(f"{self._root}forhandsgranskning/{token}/{project_url(draft_id)}")
        if action == "spara" and messages.warnings:
            return self._form_page(vocabulary, form, page_id, original_hash, staging, messages=messages,
                                   checked=True, confirm=True, new_id=new_id)
        if action not in ("spara", "spara-med-varningar"):
            return self._error(HTTPStatus.BAD_REQUEST, "Okänd åtgärd.")
        try:
            drafts.save(app.projects_dir, draft)
        except drafts.Conflict as conflict:
            return self._form_page(vocabulary, form, page_id, original_hash, staging, messages=messages,
                                   conflict=problem_text(Problem(Path(""), 0, 0, "", str(conflict))),
                                   status=HTTPStatus.CONFLICT)
        staging.remove()
        self._redirect(f"{self._root}redigera/{draft_id}?sparad=1")

    def _taken_names(self, page_id: str | None, form: FormData, index: int) -> set[str]:
        """File names an upload must not take: files beside the page and other rows' files."""
        taken = {values[0] for name, values in form.items()
                 if name.endswith("-fil") and name != f"dokument-{index}-fil" and values and values[0]}
        folder = self.app.projects_dir / page_id if page_id else None
        if folder is not None and folder.is_dir():
            taken |= {path.name for path in folder.iterdir()}
        return taken

    def _form_page(self, vocabulary: Vocabulary, form: FormData, page_id: str | None, original_hash: str | None,
                   staging: Staging | None, *, messages=None, checked: bool = False, confirm: bool = False,
                   conflict: str | None = None, saved: bool = False, status: HTTPStatus = HTTPStatus.OK,
                   focus: str | None = None, new_id: str | None = None, check_now: bool = False) -> None:
        spec = self.app.spec(vocabulary)
        if check_now and page_id is not None:
            original = self.app.page_file(page_id)
            data = front_matter(spec, form)
            text = original.read_text(encoding="utf-8")
            draft = drafts.Draft(page_id, edited_text(text, data, body_text(form), vocabulary, spec.editable), original)
            messages = place(spec, drafts.check(self.app.projects_dir, draft, self.app.content), draft.text)
        rows = document_indices(form)
        labels = {f.id: f.label for f in spec.fields} | {field_id(BODY): "Text"}
        labels |= {document_field_id(index, f.key): f"Dokument {number}, {'PDF-fil' if f.key == 'fil' else f.label}"
                   for number, index in enumerate(rows, start=1) for f in spec.documents}
        title = (form.get("titel") or [""])[0] if page_id else "Nytt projekt"
        html = self._render(
            "form.html", spec=spec, values=form, messages=messages, rows=rows, page_id=page_id,
            original_hash=original_hash or "", staging=staging.token if staging else "", checked=checked,
            confirm=confirm, conflict=conflict, saved=saved, focus=focus, new_id=new_id, body=BODY, labels=labels,
            title=f"Redigera: {title}" if page_id else "Nytt projekt", page_url=project_url(page_id or ""),
            upload_limit=swedish.format_bytes(self.app.upload_limit))
        self._html(html, status)

    def _preview(self, token: str, rest: str) -> None:
        site = self.app.previews.site(token)
        if site is None:
            return self._error(HTTPStatus.NOT_FOUND, "Förhandsgranskningen finns inte längre; gör en ny från formuläret.")
        target = (site / rest.lstrip("/")).resolve()
        if not target.is_relative_to(site.resolve()):
            return self._not_found()
        if target.is_dir():
            if not rest.endswith("/"):
                return self._redirect(rest.rstrip("/").rsplit("/", 1)[-1] + "/")
            target = target / "index.html"
        if not target.is_file():
            return self._not_found()
        self._file(target, _SITE_CSP)

    # --- responses -------------------------------------------------------------------

    @property
    def _root(self) -> str:
        """The editor's root relative to this request ('./' or '../'): every link and redirect is
        relative, so that the editor works behind nginx under any sub-path."""
        depth = urlsplit(self.path).path.count("/") - 1
        return "../" * depth or "./"

    def _render(self, template: str, **context) -> str:
        return self.app.templates.get_template(template).render(root=self._root, **context)

    def _headers(self, status: HTTPStatus, content_type: str, length: int, csp: str = _CSP) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _html(self, html: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        data = html.encode("utf-8")
        self._headers(status, "text/html; charset=utf-8", len(data))
        self.wfile.write(data)

    def _json(self, messages, new_id: str | None) -> None:
        payload = {
            "adress": new_id,
            "fel": len(messages.errors), "varningar": len(messages.warnings),
            "fält": {target: [{"text": problem_text(p), "varning": not p.is_error} for p in problems]
                     for target, problems in messages.by_field.items()},
            "sidan": [{"text": problem_text(p), "varning": not p.is_error} for p in messages.page],
        }
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._headers(HTTPStatus.OK, "application/json; charset=utf-8", len(data))
        self.wfile.write(data)

    def _file(self, path: Path, csp: str) -> None:
        data = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self._headers(HTTPStatus.OK, kind, len(data), csp)
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._html(self._render("error.html", title="Något gick fel", message=message), status)

    def _not_found(self) -> None:
        self._error(HTTPStatus.NOT_FOUND, "Sidan finns inte. Gå tillbaka till listan över projekt.")

    def _wants_json(self) -> bool:
        return "application/json" in (self.headers.get("Accept") or "")

    def _same_origin(self) -> bool:
        """A form posted from another site (a page open in the same browser) is refused."""
        origin = self.headers.get("Origin")
        if origin is None or origin == "null":
            return origin is None
        return urlsplit(origin).netloc == self.headers.get("Host")


def make_server(app: EditorApp, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("EditorHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def new_app(projects_dir: Path, mkdocs_file: Path, upload_limit: int = MAX_UPLOAD_BYTES) -> EditorApp:
    work_dir = Path(tempfile.mkdtemp(prefix="kb-redigera-"))
    return EditorApp(projects_dir, mkdocs_file, work_dir, upload_limit)

