"""Project files -> validated Project objects, or problems that name file, line and field."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import swedish
from .model import ONLY_FOR_TYPE, REQUIRED_BY_TYPE, Document, FrontMatter, Project, ProjectType, Result
from .problems import Problem, Severity
from .vocabulary import VOCABULARY_FILE, Vocabulary



class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML that keeps dates as text, so the model reads '2022-03' and '2020-13-01'
    the same way and an impossible date becomes a message rather than a crash."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FENCE = "---"
Position = tuple[int, int]  # 1-based line and column

# Limits that keep loading linear in the size of a page, whatever an editor pastes. Real pages
# are a few kB with a front matter of some 60 values nested 3 deep (dokument: - typ: …).
MAX_PAGE_BYTES = 1_000_000
MAX_DEPTH = 20
# Values after every alias is expanded: a "billion laughs" front matter of a few hundred bytes
# would otherwise become 10^9 values for the schema and every view to walk through.
MAX_VALUES = 10_000


@dataclass(frozen=True)
class SourceText:
    """A file's text as far as it could be read, and what was wrong with its bytes."""

    text: str
    problems: list[Problem]


@dataclass(frozen=True)
class RawPage:
    """A page split into front matter (with the position of every value) and body."""

    path: Path
    data: dict
    positions: dict[tuple[str, ...], Position]
    body: str
    body_line: int

    def position(self, loc: tuple) -> Position:
        """The position of the deepest part of loc that the YAML has."""
        parts: tuple[str, ...] = ()
        best = self.positions.get((), (2, 1))
        for part in loc:
            candidate = parts + (str(part),)
            if candidate in self.positions:
                parts = candidate
                best = self.positions[candidate]
        return best


def read_source(path: Path) -> SourceText:
    """Decode a file as UTF-8; a BOM, CRLF or bad bytes are reported, never fatal."""
    problems: list[Problem] = []
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise PageTooLarge(size)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        problems.append(Problem(path, 1, 1, "", "filen börjar med ett BOM-tecken; spara den som UTF-8 utan BOM",
                                Severity.WARNING))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(path, line, column, "",
                                "filen är inte UTF-8 (kanske sparad som Latin-1 eller Windows-1252); "
                                "spara om den som UTF-8"))
        text = data.decode("utf-8", errors="replace")
    if "\r\n" in text:
        problems.append(Problem(path, 1, 1, "", "filen har Windows-radslut (CRLF); spara den med LF-radslut",
                                Severity.WARNING))
        text = text.replace("\r\n", "\n")
    # Some macOS tools save 'å' as 'a' + a combining ring (NFD): keys, values and the body are
    # compared and shown in the composed form (NFC) that the vocabulary and the schema use.
    return SourceText(unicodedata.normalize("NFC", text.replace("\r", "\n")), problems)


class PageTooLarge(OSError):
    """A page over MAX_PAGE_BYTES: it is not read at all."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size

    def problem(self, path: Path) -> Problem:
        return Problem(path, 1, 1, "", f"sidan är för stor ({swedish.format_bytes(self.size)}; högst "
                                       f"{swedish.format_bytes(MAX_PAGE_BYTES)}); lägg långa texter i en PDF-bilaga")


def _positions(node: yaml.Node, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Position]:
    found = {prefix: (node.start_mark.line + 1, node.start_mark.column + 1)}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = prefix + (str(key_node.value),)
            found.update(_positions(value_node, key))
            # An error about a key (unknown, misspelt) points at the key itself.
            found[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            found[key + ("__value__",)] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.update(_positions(item, prefix + (str(index),)))
    return found


def split_page(path: Path, text: str) -> tuple[RawPage | None, list[Problem]]:
    """Separate the front matter block from the body and parse it as YAML."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(path, 1, 1, "", "sidan saknar front matter: första raden ska vara '---'")]
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in (FENCE, "...")), None)
    if closing is None:
        return None, [Problem(path, 1, 1, "", "front matter avslutas aldrig: lägg till en rad med '---' "
                                             "efter sista fältet")]
    node, data, problems = parse_yaml(path, "\n".join(lines[1:closing]), first_line=2)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(path, 2, 1, "", "front matter ska bestå av fält som 'titel: …', en per rad")]
    # Lines in the YAML text start one below the opening fence.
    positions = {key: (line + 1, column) for key, (line, column) in _positions(node).items()}
    problems = [Problem(path, line, column, field, message)
                for line, column, field, message in _duplicate_keys(node, first_line=2)]
    body = "\n".join(lines[closing + 1:]).lstrip("\n")
    body_line = closing + 2 + (len("\n".join(lines[closing + 1:])) - len(body))
    return RawPage(path, data, positions, body, body_line), problems


def parse_yaml(path: Path, yaml_text: str, first_line: int) -> tuple[yaml.Node | None, Any, list[Problem]]:
    """The YAML's node tree and data, or Swedish problems; first_line is the file line of its line 1.

    The text is read twice: first as a stream of events, which measures nesting and alias
    expansion without building anything, and only when that stays within the limits, as nodes.
    """
    offset = first_line - 1
    try:
        _measure(yaml_text)
        loader = _FrontMatterLoader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line, column, reason = _yaml_error(error)
        return None, None, [Problem(path, line + offset, column, "", f"YAML kan inte läsas: {reason}")]
    except _OverLimit as error:
        return None, None, [Problem(path, error.line + offset, 1, "", error.message)]
    except TypeError:
        # An unmarked constructor failure: a list or a table used as a key.
        return None, None, [Problem(path, first_line, 1, "", "YAML kan inte läsas: ett fältnamn är en lista "
                                                             "eller tabell; skriv fältnamnet som text följt av kolon")]
    except (yaml.YAMLError, ValueError):
        # '!!int x' and other explicit types that do not fit their value.
        return None, None, [Problem(path, first_line, 1, "", "YAML kan inte läsas: ett värde med typangivelse "
                                                             "(!!…) passar inte typen; ta bort '!!…'")]
    return node, data, []


class _OverLimit(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _measure(yaml_text: str) -> None:
    """Raise _OverLimit if the YAML nests deeper than MAX_DEPTH or expands to more than MAX_VALUES.

    Walks the parser's events once, keeping the expanded size of every anchored node, so that
    an alias costs one addition however much it stands for. Raises MarkedYAMLError on bad syntax.
    """
    loader = _FrontMatterLoader(yaml_text)
    sizes: dict[str, int] = {}
    stack: list[list] = [[0, None]]  # per open collection: values inside it, its anchor
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append([0, event.anchor])
                if len(stack) - 1 > MAX_DEPTH:
                    raise _OverLimit(line, f"front matter är för djupt nästlad (mer än {MAX_DEPTH} nivåer "
                                           "listor och tabeller i varandra)")
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                count, anchor = stack.pop()
                size = count + 1
                if anchor is not None:
                    sizes[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if any(entry[1] == event.anchor for entry in stack):
                    raise _OverLimit(line, f"aliaset *{event.anchor} står inuti det som &{event.anchor} "
                                           "betecknar och upprepar sig i oändlighet; skriv ut värdena")
                size = sizes.get(event.anchor, 1)  # an undefined alias is the composer's error
            else:
                continue
            stack[-1][0] += size
            if stack[-1][0] > MAX_VALUES or sum(entry[0] for entry in stack) > MAX_VALUES:
                raise _OverLimit(line, f"front matter har för många värden (mer än "
                                       f"{swedish.format_number(MAX_VALUES)} när alla alias (*namn) räknas ut); "
                                       "skriv ut värdena i stället för att upprepa dem med & och *")
    finally:
        loader.dispose()


def _duplicate_keys(node: yaml.Node, first_line: int) -> list[tuple[int, int, str, str]]:
    """(line, column, field, message) for every key written twice in the same table; lines in the file.

    PyYAML keeps the last value without a word; an editor who pasted a second 'titel:'
    would see a title they did not expect. Anchored nodes are visited once.
    """
    offset = first_line - 1
    found, seen_nodes, todo = [], set(), [(node, ())]
    while todo:
        current, path = todo.pop()
        if id(current) in seen_nodes:
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    key = str(key_node.value)
                    if key in first:
                        label = ".".join(path + (key,))
                        earlier, line = first[key].start_mark.line + 1 + offset, key_node.start_mark.line + 1 + offset
                        found.append((line, key_node.start_mark.column + 1, label,
                                      f"fältet '{key}' står två gånger, på rad {earlier} och rad {line}; "
                                      "ta bort det ena"))
                    else:
                        first[key] = key_node
                todo.append((value_node, path + (str(key_node.value),)))
        elif isinstance(current, yaml.SequenceNode):
            todo.extend((item, path + (str(index + 1),)) for index, item in enumerate(current.value))
    return sorted(found)


# PyYAML's (libyaml's) messages, by their start, in Swedish; and whether the error lies where
# the construct began (an unclosed quote or list is noticed lines later) or where it was noticed.
_YAML_REASONS: list[tuple[str, str, bool]] = [
    ("mapping values are not allowed", "ett kolon på fel ställe; sätt texten inom citattecken", False),
    ("could not find expected ':'", "ett kolon saknas efter fältnamnet", True),
    ("found a tab character", "tabbtecken är inte tillåtna; använd mellanslag", False),
    ("found character '\\t'", "tabbtecken är inte tillåtna; använd mellanslag", False),
    ("found undefined alias", "texten börjar med '*'; sätt den inom citattecken", False),
    ("found duplicate anchor", "texten börjar med '&'; sätt den inom citattecken", False),
    ("second occurrence", "texten börjar med '&'; sätt den inom citattecken", False),
    ("found unexpected end of stream", "citattecknet avslutas aldrig; sätt ett likadant citattecken "
                                       "efter texten", True),
    ("found unknown escape character", "ett omvänt snedstreck (\\) i en text inom \"…\"; skriv \\\\ "
                                       "eller använd enkla citattecken", False),
    ("did not find expected ',' or ']'", "listan avslutas aldrig med ']', eller ett kommatecken saknas", True),
    ("did not find expected ',' or '}'", "tabellen avslutas aldrig med '}', eller ett kommatecken saknas", True),
    ("did not find expected key", "raden är felaktigt indragen; rada upp fälten under varandra", False),
    ("did not find expected '-' indicator", "listan är felaktigt indragen; rada upp strecken (-) under varandra",
     False),
    ("expected <block end>", "listan är felaktigt indragen; rada upp strecken (-) under varandra", False),
    ("found character that cannot start any token", "tecknet kan inte inleda ett värde (till exempel @ eller `); "
                                                    "sätt texten inom citattecken", False),
    ("found character", "tecknet kan inte inleda ett värde (till exempel @ eller `); "
                        "sätt texten inom citattecken", False),
    ("found unexpected ':'", "ett kolon på fel ställe; sätt texten inom citattecken", False),
    ("did not find expected node content", "ett värde saknas (efter ett kommatecken eller ett streck), eller "
                                           "en lista avslutas aldrig med ']'", True),
    ("found unhashable key", "ett fältnamn är en lista eller tabell; skriv fältnamnet som text följt av kolon",
     False),
    ("could not determine a constructor", "okänd typangivelse (!…); ta bort den", False),
    ("found a document", "en rad med bara '---' mitt i front matter", False),
    ("but found another document", "en rad med bara '---' mitt i front matter", False),
    ("control characters are not allowed", "texten innehåller ett osynligt styrtecken; skriv om raden", False),
    ("found unacceptable character", "texten innehåller ett osynligt styrtecken; skriv om raden", False),
]


def _yaml_error(error: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """(line in the YAML text, column, Swedish reason): never the parser's English."""
    problem = (error.problem or "").strip()
    at_start = False
    reason = "syntaxfel; jämför raden med exemplen i redaktörsguiden (Fälten)"
    for english, swedish_text, use_context in _YAML_REASONS:
        if problem.startswith(english):
            reason, at_start = swedish_text, use_context
            break
    mark = (error.context_mark if at_start else None) or error.problem_mark or error.context_mark
    if mark is None:
        return 1, 1, reason
    return mark.line + 1, mark.column + 1, reason


def project_id_for(path: Path, projects_dir: Path) -> str:
    name = path.parent.name if path.name == "index.md" and path.parent != projects_dir else path.stem
    return swedish.slugify(name)


def discover(projects_dir: Path) -> list[Path]:
    """Every project page: projects/<id>.md and projects/<id>/index.md; '_'-files are templates."""
    pages = [p for p in projects_dir.glob("*.md") if not p.name.startswith("_")]
    pages += [p for p in projects_dir.glob("*/index.md") if not p.parent.name.startswith("_")]
    return sorted(pages)


# --- pydantic errors in Swedish -------------------------------------------------------

_FIELD_ALIASES: dict[type[BaseModel], list[str]] = {
    model: [field.alias or name for name, field in model.model_fields.items()]
    for model in (FrontMatter, Document, Result)
}
# The list fields whose items are models of their own.
_ITEM_MODELS: dict[str, type[BaseModel]] = {"dokument": Document, "resultat": Result}


def _model_at(loc: tuple) -> type[BaseModel]:
    return _ITEM_MODELS.get(loc[0], FrontMatter) if loc and len(loc) > 1 else FrontMatter


def _data_path(loc: tuple, data: Any) -> tuple:
    """Follow pydantic's error location through the YAML data, skipping its union tags
    ('int', 'dict[int,int]'); a key the data lacks (missing or unknown) ends the path."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            key = int(part) if isinstance(part, str) and part.isdigit() and int(part) in node else part
            if key in node:
                path.append(str(key))  # only list positions stay ints
                node = node[key]
                continue
            if isinstance(part, str) and ("[" in part or part in _UNION_TAGS):
                continue
            path.append(part)
            break
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
            continue
        if isinstance(part, str) and ("[" in part or part in _UNION_TAGS):
            continue
        break
    return tuple(path)


_UNION_TAGS = {"int", "str", "list", "dict", "none", "function-before", "function-after", "function-plain"}


def field_label(path: tuple) -> str:
    """'dokument.2.fil': list items are numbered from 1, as editors count."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in path)


def _swedish_message(error: dict, path: tuple) -> tuple[str, str | None]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    top = path[0] if path else ""
    if kind == "missing":
        return "obligatoriskt fält saknas", None
    if kind == "extra_forbidden":
        allowed = _FIELD_ALIASES[_model_at(path)]
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        return f"okänt fält '{path[-1]}'", close[0] if close else None
    if top == "belopp":
        return "ska vara ett heltal i kronor (utan mellanslag), eller år: belopp per rad", None
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"ska vara ett heltal, inte {value!r}", None
    if kind in ("list_type",):
        return "ska vara en lista", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "ska vara en tabell med fält (typ:, titel: …)", None
    if kind == "enum":
        expected = ctx.get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        return f"okänt värde '{value}'; tillåtna värden: {', '.join(options)}", close[0] if close else None
    if kind == "too_short":
        return ("får inte vara tomt" if isinstance(value, str) else "måste ha minst ett värde"), None
    if kind == "too_long":
        return f"är för långt (högst {ctx.get('max_length')} tecken)", None
    if kind == "string_pattern_mismatch":
        if top == "relaterade":
            return (f"'{value}' är inget projekt-id; skriv id:t med små bokstäver a–z, siffror och bindestreck",
                    swedish.slugify(str(value)) or None)
        if path and path[-1] == "id":
            return (f"'{value}' kan inte vara ett id; skriv det med små bokstäver a–z, siffror och bindestreck",
                    swedish.slugify(str(value)) or None)
        if path and path[-1] == "länk":
            return "länken ska börja med http:// eller https://", None
        return f"'{value}' har fel form", None
    if kind == "string_type":
        return "ska vara text", None
    return str(error.get("msg", "ogiltigt värde")), None


def validation_problems(raw: RawPage, error: ValidationError) -> list[Problem]:
    problems, seen = [], set()
    for item in error.errors(include_url=False):
        path = _data_path(tuple(item["loc"]), raw.data)
        # Our whole-model checks name the field they are about in the error type.
        if item["type"] in _FIELD_ALIASES[_model_at(path)] and (not path or path[-1] != item["type"]):
            path += (item["type"],)
        if item["type"] == "dokument" and "number" in (item.get("ctx") or {}):
            path = ("dokument", item["ctx"]["number"] - 1)  # the document it is about, not the list
        label = field_label(path)
        if label in seen:  # a union reports one mistake once per member
            continue
        seen.add(label)
        message, suggestion = _swedish_message(item, path)
        at_key = item["type"] in ("extra_forbidden", "missing")
        line, column = raw.position(tuple(str(p) for p in path) + (() if at_key else ("__value__",)))
        problems.append(Problem(raw.path, line, column, label, message, Severity.ERROR, suggestion))
    return problems


def _type_rule_problems(raw: RawPage) -> list[Problem]:
    try:
        project_type = ProjectType(raw.data.get("typ"))
    except ValueError:
        return []  # the schema reports the unknown type
    problems = []
    for key in REQUIRED_BY_TYPE[project_type]:
        if raw.data.get(key) in (None, "", []):
            line, column = raw.position(())
            problems.append(Problem(raw.path, line, column, key, f"obligatoriskt för {project_type.value}"))
    for key, only_type in ONLY_FOR_TYPE.items():
        if key in raw.data and project_type is not only_type:
            line, column = raw.position((key,))
            problems.append(Problem(raw.path, line, column, key,
                                    f"gäller bara {only_type.value}, inte {project_type.value}"))
    return problems


# Front matter keys whose values come from the vocabulary, and the term list of each.
VOCABULARY_FIELDS = {"områden": "area", "förvaltning": "administration", "medsökande": "administration",
                     "utförare": "performer", "målgrupper": "target_group", "kunskapstyp": "knowledge_kind"}
_UNKNOWN_TERM = {"area": "okänt område", "administration": "okänd förvaltning",
                 "performer": "okänd utförare", "document_kind": "okänd dokumenttyp",
                 "target_group": "okänd målgrupp", "knowledge_kind": "okänd kunskapstyp"}


def canonical_terms(raw: RawPage, vocabulary: Vocabulary) -> tuple[dict, list[Problem]]:
    """The front matter with every vocabulary value replaced by its canonical term.

    Runs before the schema so that a misspelt area is reported even when another
    field is broken too. Values of the wrong shape are left for the schema to report.
    """
    problems: list[Problem] = []

    def resolve(kind: str, value: Any, path: tuple) -> Any:
        if not isinstance(value, str):
            return value
        resolution = vocabulary.resolve(kind, value)
        if resolution.term:
            return resolution.term
        line, column = raw.position(tuple(str(p) for p in path) + ("__value__",))
        problems.append(Problem(raw.path, line, column, field_label(path),
                                f"{_UNKNOWN_TERM[kind]} '{value}'", Severity.ERROR, resolution.suggestion))
        return value

    data = dict(raw.data)
    for key, kind in VOCABULARY_FIELDS.items():
        value = data.get(key)
        if isinstance(value, list):
            data[key] = [resolve(kind, item, (key, i)) for i, item in enumerate(value)]
        else:
            data[key] = resolve(kind, value, (key,)) if key in data else value
    documents = data.get("dokument")
    if isinstance(documents, list):
        data["dokument"] = [
            {**doc, "typ": resolve("document_kind", doc.get("typ"), ("dokument", i, "typ"))}
            if isinstance(doc, dict) else doc
            for i, doc in enumerate(documents)
        ]
    return data, problems


def _attachment_sizes(raw: RawPage, front: FrontMatter) -> dict[str, int]:
    """Bytes of each attachment that exists; checks.attachments reports the others."""
    sizes = {}
    for document in front.documents:
        target = raw.path.parent / document.file if document.file else None
        if target is not None and target.is_file():
            sizes[document.file] = target.stat().st_size
    return sizes


def load_project(path: Path, projects_dir: Path, vocabulary: Vocabulary) -> tuple[Project | None, list[Problem]]:
    """Read, parse and validate one project page; every problem in it is returned at once."""
    try:
        source = read_source(path)
    except PageTooLarge as error:
        return None, [error.problem(path)]
    except OSError as error:
        return None, [Problem(path, 1, 1, "", f"filen kan inte läsas: {error.strerror}")]
    problems = list(source.problems)
    raw, split_problems = split_page(path, source.text)
    problems += split_problems
    if raw is None:
        return None, problems
    project_id = project_id_for(path, projects_dir)
    stem = path.parent.name if path.name == "index.md" else path.stem
    if stem != project_id:
        problems.append(Problem(path, 1, 1, "", f"filnamnet ska vara projektets id '{project_id}'",
                                Severity.WARNING, project_id))
    data, term_problems = canonical_terms(raw, vocabulary)
    problems += term_problems + _type_rule_problems(raw)
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as error:
        return None, problems + validation_problems(raw, error)
    sizes = _attachment_sizes(raw, front)
    project = Project.model_construct(
        **dict(front), id=project_id, source=path, body=raw.body, body_line=raw.body_line,
        file_sizes=sizes, positions=raw.positions,
    )
    return project, problems


def vocabulary_path(projects_dir: Path) -> Path:
    return projects_dir / VOCABULARY_FILE
