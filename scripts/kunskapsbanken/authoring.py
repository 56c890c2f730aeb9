"""Creating project pages: ids from titles, front matter text, and writing all pages or none.

`kb ny` and `kb importera` both stage new pages in a folder of their own inside the content
folder, check them with the same loader as `kb kontrollera`, and only then copy them in,
each with exclusive creation, so an existing page is never overwritten and a failure
half-way removes what this run created.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml
from pydantic import ValidationError

from . import swedish
from .checks import personal_data
from .loader import RawPage, discover, load_project, project_id_for, validation_problems
from .model import FrontMatter
from .problems import Problem
from .vocabulary import Vocabulary

MAX_ID_LENGTH = 80
# The order of the fields in a written page: the model's order.
FIELD_ORDER = [field.alias or name for name, field in FrontMatter.model_fields.items()]


def project_id(title: str) -> str:
    """'Våld i nära relationer – Söder' -> 'vald-i-nara-relationer-soder' (å→a, ä→a, ö→o)."""
    slug = swedish.slugify(title)
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0]
    return slug


def existing_ids(projects_dir: Path) -> set[str]:
    """Ids taken by a page or a folder; also '_'-templates, whose names must stay free."""
    taken = {project_id_for(path, projects_dir) for path in discover(projects_dir)}
    if projects_dir.is_dir():
        taken |= {p.stem if p.suffix == ".md" else p.name for p in projects_dir.iterdir()}
    return taken


class _PageDumper(yaml.SafeDumper):
    """The style of the pages in projects/: lists of words on one line ('år: [2019, 2020]'),
    documents as blocks indented under their key, one field a line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def represent_list(self, data):
        flat = all(not isinstance(item, (dict, list)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)

    def represent_dict(self, data):
        # Only the top level and documents are blocks; 'belopp: {2019: 400000}' stays on one line.
        flat = bool(data) and all(isinstance(key, int) for key in data)
        return self.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flat)


_PageDumper.add_representer(list, _PageDumper.represent_list)
_PageDumper.add_representer(dict, _PageDumper.represent_dict)


def page_text(data: dict, body: str = "") -> str:
    """A page: the front matter in the model's field order, then the body."""
    ordered = {key: data[key] for key in FIELD_ORDER if data.get(key) not in (None, "", [], {})}
    front = yaml.dump(ordered, Dumper=_PageDumper, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{front}---\n"
    return text + ("\n" + body.strip() + "\n" if body.strip() else "")


_MISSING = "obligatoriskt fält saknas"  # the loader's message for a field not given (yet)


def answer_problems(data: dict, key: str) -> list[Problem]:
    """What the schema says about one answer, given the answers before it ('år: tjugo', a date
    before the start date); fields not yet answered are not reported missing."""
    raw = RawPage(Path("-"), data, {}, "", 1)
    try:
        FrontMatter.model_validate(data)
    except ValidationError as error:
        return [problem for problem in validation_problems(raw, error)
                if problem.field.split(".")[0] == key and problem.message != _MISSING]
    return []


def clean_term(vocabulary: Vocabulary, kind: str, value: str) -> str:
    """The vocabulary's own spelling when the value is a known term or alias; else as written."""
    return vocabulary.resolve(kind, value).term or value.strip()


@contextmanager
def staging_area(projects_dir: Path) -> Iterator[Path]:
    """A folder inside projects_dir that the loader never reads ('_' prefix), removed afterwards."""
    staging = Path(tempfile.mkdtemp(prefix="_kb-ny-", dir=projects_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage(staging: Path, pages: dict[str, str]) -> dict[str, Path]:
    staged = {}
    for page_id, text in pages.items():
        path = staging / f"{page_id}.md"
        path.write_bytes(text.encode("utf-8"))
        staged[page_id] = path
    return staged


def check_staged(staged: dict[str, Path], staging: Path, vocabulary: Vocabulary,
                 known_ids: set[str]) -> dict[str, list[Problem]]:
    """The same messages `kb kontrollera` would give each new page, by id."""
    found: dict[str, list[Problem]] = {}
    for page_id, path in staged.items():
        project, problems = load_project(path, staging, vocabulary)
        problems += personal_data.check_page(path, path.read_text(encoding="utf-8"), project)
        if project is not None:
            for index, other in enumerate(project.related):
                if other not in known_ids:
                    line, column = project.positions.get(("relaterade", str(index)), (1, 1))
                    problems.append(Problem(path, line, column, f"relaterade.{index + 1}",
                                            f"det finns inget projekt med id '{other}'"))
        errors = [p for p in problems if p.is_error]
        if errors:
            found[page_id] = errors
    return found


def publish(staged: dict[str, Path], projects_dir: Path) -> list[Path]:
    """Copy the staged pages in as projects/<id>.md: all of them, or none if anything fails."""
    created: list[Path] = []
    try:
        for page_id, source in staged.items():
            target = projects_dir / f"{page_id}.md"
            if (projects_dir / page_id).exists():
                raise FileExistsError(f"{projects_dir / page_id} finns redan")
            with open(target, "xb") as handle:  # 'x': fails rather than overwrite
                created.append(target)
                handle.write(source.read_bytes())
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return created


_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def valid_id(text: str) -> bool:
    return bool(_ID_PATTERN.match(text))
