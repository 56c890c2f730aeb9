"""The editor's form, generated from the JSON Schema and the vocabulary, and the way back.

One FormField per front matter key, in the model's order: the label and help text come from
the schema's title and description (the model's Field descriptions), the choices from
vokabular.yml. Form values are text (what a browser sends); `front_matter` turns them into
the values `kb ny` would write, and `form_values` does the opposite for an existing page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import swedish
from ..authoring import FIELD_ORDER
from ..loader import VOCABULARY_FIELDS, field_label, split_page
from ..model import ONLY_FOR_TYPE, REQUIRED_BY_TYPE, ProjectType, Status
from ..problems import Problem
from ..schema import project_schema
from ..vocabulary import Vocabulary

# How a value is typed in, where the schema's type alone does not say (free text lists:
# words on one line, sources may hold commas and go one per line).
_WIDGET_HINTS = {
    "sammanfattning": "textarea",
    "jämställdhetsanalys": "textarea",
    "källor": "lines",
    "belopp": "amount",
}
_HELP_HINTS = {
    "years": "Skriv året, eller flera år med komma emellan: 2019, 2020.",
    "words": "Flera med komma emellan.",
    "lines": "En per rad.",
    "amount": "Kronor, till exempel 400 000. Per år: 2019: 400 000, 2020: 300 000.",
}
BODY = "text"  # the form field of the page's Markdown body


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    key: str                 # front matter key: 'områden'
    label: str
    help: str
    # text, textarea, radio, select, checkboxes, years, words, lines, amount; 'kept' for a list of
    # records the form does not edit (resultat): shown, and left as it is in the file
    widget: str
    required: bool
    required_for: tuple[str, ...] = ()   # project types that make the field required
    only_for: str | None = None          # the one project type that may have it
    choices: tuple[Choice, ...] = ()

    @property
    def id(self) -> str:
        """An ASCII id for the HTML element: 'områden' -> 'falt-omraden'."""
        return field_id(self.key)


def field_id(key: str) -> str:
    return "falt-" + swedish.slugify(key)


def document_field_id(index: int, key: str) -> str:
    return f"dokument-{index}-{swedish.slugify(key)}"


@dataclass(frozen=True)
class FormSpec:
    fields: tuple[FormField, ...]
    documents: tuple[FormField, ...]     # the fields of one row under 'dokument'

    def by_key(self, key: str) -> FormField:
        return next(f for f in self.fields if f.key == key)

    @property
    def editable(self) -> set[str]:
        """The front matter keys the form writes; the others are left as they are in the file."""
        return {f.key for f in self.fields if f.widget != "kept"} | {"dokument"}


def form_spec(vocabulary: Vocabulary) -> FormSpec:
    schema = project_schema(vocabulary)
    required = set(schema.get("required", []))
    fields = []
    for key, prop in schema["properties"].items():
        if key == "dokument":
            continue
        fields.append(_field(key, prop, key in required, schema, vocabulary))
    document_schema = schema["$defs"]["Document"]
    documents = tuple(
        _field(key, prop, key in document_schema.get("required", []), schema, vocabulary, document=True)
        for key, prop in document_schema["properties"].items()
    )
    return FormSpec(tuple(fields), documents)


def _field(key: str, prop: dict, required: bool, schema: dict, vocabulary: Vocabulary,
           document: bool = False) -> FormField:
    label = prop.get("title") or key.capitalize()
    help_text = prop.get("description") or ""
    options = prop.get("anyOf", [prop])
    is_list = any(option.get("type") == "array" for option in options)
    item = next((o.get("items", {}) for o in options if o.get("type") == "array"), {})
    enum = _enum(prop, schema)
    choices: tuple[Choice, ...] = ()
    if is_list and "$ref" in item and not document:
        return FormField(key, label, help_text, "kept", required)
    kind = "document_kind" if document and key == "typ" else (None if document else VOCABULARY_FIELDS.get(key))
    if kind:
        widget = "checkboxes" if is_list else "select"
        names = sorted(vocabulary.names(kind), key=swedish.sort_key)
        choices = tuple(Choice(name, name) for name in names)
    elif key == "typ" and not document:
        widget = "radio"
        choices = tuple(Choice(t.value, f"{t.value} – {entry.label}") for t, entry in vocabulary.types.items())
    elif enum:
        widget = "radio"
        choices = tuple(Choice(value, value.capitalize()) for value in enum)
    elif key in _WIDGET_HINTS:
        widget = _WIDGET_HINTS[key]
    elif is_list:
        widget = "years" if item.get("type") == "integer" else "words"
    else:
        widget = "text"
    if document and key == "fil":
        widget = "file"
    hint = _HELP_HINTS.get(widget, "")
    help_text = " ".join(part for part in (help_text.rstrip(".") + "." if help_text else "", hint) if part)
    required_for = tuple(t.value for t, keys in REQUIRED_BY_TYPE.items() if key in keys) if not document else ()
    only_for = ONLY_FOR_TYPE[key].value if key in ONLY_FOR_TYPE and not document else None
    return FormField(key, label, help_text, widget, required, required_for, only_for, choices)


def _enum(prop: dict, schema: dict) -> list[str]:
    ref = prop.get("$ref", "")
    if ref.startswith("#/$defs/"):
        values = schema["$defs"][ref.rsplit("/", 1)[1]].get("enum", [])
        return [v for v in values if v != "MUST"]  # an old spelling, accepted but not offered
    return []


# --- form text -> front matter -----------------------------------------------------------

FormData = dict[str, list[str]]  # what the browser sent: every name with all its values


def _first(form: FormData, name: str) -> str:
    values = form.get(name) or [""]
    return values[0].replace("\r\n", "\n").replace("\r", "\n").strip()


def _split_words(text: str) -> list[str]:
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def _number(text: str) -> int | str:
    digits = re.sub(r"[\s\u00a0\u202f]", "", text).removesuffix("kr").removesuffix(":-")
    return int(digits) if digits.isdigit() else text


def _amount(text: str) -> Any:
    """'400 000' -> 400000; '2019: 400 000, 2020: 300 000' -> {2019: 400000, 2020: 300000}."""
    if ":" not in text:
        return _number(text)
    pairs = {}
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        year, _, amount = part.partition(":")
        if not year.strip().isdigit():
            return text  # the checker says what is wrong with it
        pairs[int(year.strip())] = _number(amount)
    return pairs


def convert(spec_field: FormField, form: FormData, name: str) -> Any:
    """One field's front matter value from the form, or None when it is left empty."""
    widget = spec_field.widget
    if widget == "kept":
        return None
    if widget == "checkboxes":
        values = [v.strip() for v in form.get(name, []) if v.strip()]
        return values or None
    text = _first(form, name)
    if not text:
        return None
    if widget == "years":
        return [int(part) if part.isdigit() else part for part in re.split(r"[\s,;]+", text) if part]
    if widget == "words":
        return _split_words(text)
    if widget == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if widget == "amount":
        return _amount(text)
    return text


def front_matter(spec: FormSpec, form: FormData) -> dict:
    """The front matter the form describes, in the model's key order, empty fields left out."""
    data: dict = {}
    for spec_field in spec.fields:
        value = convert(spec_field, form, spec_field.key)
        if value is not None:
            data[spec_field.key] = value
    documents = []
    for index in document_indices(form):
        row = {}
        for doc_field in spec.documents:
            value = convert(doc_field, form, f"dokument-{index}-{doc_field.key}")
            if value is not None:
                row[doc_field.key] = value
        if row:
            documents.append(row)
    if documents:
        data["dokument"] = documents
    return {key: data[key] for key in FIELD_ORDER if key in data}


def document_indices(form: FormData) -> list[int]:
    found = set()
    for name in form:
        match = re.fullmatch(r"dokument-(\d{1,3})-[a-zäåö]+", name)
        if match:
            found.add(int(match.group(1)))
    return sorted(found)


def body_text(form: FormData) -> str:
    return _first(form, BODY)


# --- front matter -> form text ------------------------------------------------------------

def form_values(spec: FormSpec, data: dict, vocabulary: Vocabulary, body: str = "") -> FormData:
    """The form's values for an existing page; aliases in vocabulary fields shown as their term."""
    form: FormData = {}
    for spec_field in spec.fields:
        if spec_field.key in data and data[spec_field.key] is not None:
            form[spec_field.key] = _as_form(spec_field, data[spec_field.key], vocabulary)
    documents = data.get("dokument")
    if isinstance(documents, list):
        for index, row in enumerate(documents):
            if not isinstance(row, dict):
                continue
            for doc_field in spec.documents:
                if row.get(doc_field.key) is not None:
                    form[f"dokument-{index}-{doc_field.key}"] = _as_form(doc_field, row[doc_field.key], vocabulary)
    if body.strip():
        form[BODY] = [body.strip("\n")]
    return form


def _as_form(spec_field: FormField, value: Any, vocabulary: Vocabulary) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if spec_field.widget == "kept":
        return [str(len(items))]  # how many the page has; the form shows the number only
    if spec_field.widget == "radio":
        return [enum_value(spec_field.key, value)]
    if spec_field.widget in ("checkboxes", "select"):
        kind = "document_kind" if spec_field.key == "typ" else VOCABULARY_FIELDS.get(spec_field.key)
        resolved = [(vocabulary.resolve(kind, str(v)).term if kind else None) or str(v) for v in items]
        return resolved if spec_field.widget == "checkboxes" else resolved[:1]
    if spec_field.widget == "years":
        return [", ".join(str(v) for v in items)]
    if spec_field.widget == "words":
        return [", ".join(str(v) for v in items)]
    if spec_field.widget == "lines":
        return ["\n".join(str(v) for v in items)]
    if spec_field.widget == "amount":
        if isinstance(value, dict):
            return [", ".join(f"{year}: {swedish.format_number(amount) if isinstance(amount, int) else amount}"
                              for year, amount in value.items()).replace("\u00a0", " ")]
        return [swedish.format_number(value).replace("\u00a0", " ") if isinstance(value, int) else str(value)]
    return [str(value)]


def enum_value(key: str, value: Any) -> str:
    """'MUST' -> 'MUL', 'Pågående' -> 'pågående': how the model reads a type or a status."""
    kind = {"typ": ProjectType, "status": Status}.get(key)
    try:
        return kind(value).value if kind else str(value)
    except ValueError:
        return str(value)


# --- problems -> fields -------------------------------------------------------------------

@dataclass
class FieldMessages:
    """The checker's problems, each placed at the form field it concerns."""

    by_field: dict[str, list[Problem]] = field(default_factory=dict)   # element id -> problems
    page: list[Problem] = field(default_factory=list)                  # the page as a whole

    @property
    def all(self) -> list[tuple[str | None, Problem]]:
        placed = [(element_id, p) for element_id, problems in self.by_field.items() for p in problems]
        return placed + [(None, p) for p in self.page]

    @property
    def errors(self) -> list[tuple[str | None, Problem]]:
        return [(target, p) for target, p in self.all if p.is_error]

    @property
    def warnings(self) -> list[tuple[str | None, Problem]]:
        return [(target, p) for target, p in self.all if not p.is_error]


def place(spec: FormSpec, problems: list[Problem], page_text: str) -> FieldMessages:
    """Map each problem's field path ('områden.1', 'dokument.2.fil', 'belopp.2019') to an element id.

    A problem without a field is placed by its line: in the body, or at the front matter key
    whose value holds it (a personnummer found in a page that does not load has no field).
    """
    messages = FieldMessages()
    keys = {f.key for f in spec.fields}
    document_keys = {f.key for f in spec.documents}
    raw, _ = split_page(Path("-"), page_text)
    front_matter_end = (raw.body_line - 1) if raw else 0
    for problem in problems:
        if not problem.field and raw is not None and problem.line <= front_matter_end:
            problem = replace(problem, field=_key_at(raw.positions, problem.line))
        target = _target(problem, keys, document_keys, front_matter_end)
        if target is None:
            messages.page.append(problem)
        else:
            messages.by_field.setdefault(target, []).append(problem)
    order = [f.id for f in spec.fields]
    messages.by_field = dict(sorted(messages.by_field.items(),
                                    key=lambda item: (order.index(item[0]) if item[0] in order
                                                      else len(order) + (item[0] == field_id(BODY)), item[0])))
    return messages


def _key_at(positions: dict[tuple[str, ...], tuple[int, int]], line: int) -> str:
    """'dokument.1.titel' for a line in the first document's title: the last key at or above it."""
    best: tuple[str, ...] = ()
    best_line = 0
    for key, (key_line, _) in positions.items():
        if key and key[-1] != "__value__" and key_line <= line and (key_line, len(key)) >= (best_line, len(best)):
            best, best_line = key, key_line
    return field_label(tuple(int(p) if p.isdigit() and len(p) < 4 else p for p in best))


def _target(problem: Problem, keys: set[str], document_keys: set[str], front_matter_end: int) -> str | None:
    parts = problem.field.split(".") if problem.field else []
    if parts and parts[0] == "dokument":
        if len(parts) >= 2 and parts[1].isdigit():
            key = parts[2] if len(parts) >= 3 and parts[2] in document_keys else "titel"
            return document_field_id(int(parts[1]) - 1, key)
        return field_id("dokument")
    if parts and parts[0] in keys:
        return field_id(parts[0])
    if not parts and problem.line > front_matter_end:
        return field_id(BODY)
    return None

