"""The controlled vocabulary: terms, aliases, administrations' history, and 'menade du …?'."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import swedish
from .model import ProjectType

VOCABULARY_FILE = "vokabular.yml"

# The sections of the vocabulary file that hold term lists, by the name code uses.
TermKind = Literal["area", "administration", "document_kind", "performer", "target_group", "knowledge_kind"]
SECTION_OF_KIND: dict[str, str] = {
    "area": "områden",
    "administration": "förvaltningar",
    "document_kind": "dokumenttyper",
    "performer": "utförare",
    "target_group": "målgrupper",
    "knowledge_kind": "kunskapstyper",
}


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    name: str = Field(alias="namn")
    aliases: list[str] = Field(default_factory=list, alias="alias")


class AreaEntry(_Entry):
    pass


class PerformerEntry(_Entry):
    pass


class DocumentKindEntry(_Entry):
    plural: str


class AdministrationEntry(_Entry):
    kind: Literal["stadsdelsförvaltning", "fackförvaltning", "enhet", "extern"] = Field(alias="slag")
    part_of: str | None = Field(None, alias="del_av")
    merged_into: str | None = Field(None, alias="uppgick_i")
    formed_from: list[str] = Field(default_factory=list, alias="bildad_av")
    valid_from: int | None = Field(None, alias="från")
    valid_to: int | None = Field(None, alias="till")


class TypeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    code: ProjectType = Field(alias="namn")
    label: str = Field(alias="benämning")
    description: str = Field(alias="beskrivning")
    max_amount_per_year: int | None = Field(None, alias="högsta_belopp_per_år")
    max_years_in_a_row: int | None = Field(None, alias="högst_år_i_rad")
    max_per_administration_and_year: int | None = Field(None, alias="högst_per_förvaltning_och_år")
    # From this year on, applications and reports must include a gender-equality analysis.
    gender_analysis_from: int | None = Field(None, alias="jämställdhetsanalys_från_år")


class VocabularyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    # The first year FoU-medel were granted; an earlier year on a project page is a warning.
    programme_start: int | None = Field(None, alias="fou_medel_från_år")
    types: list[TypeEntry] = Field(alias="typer")
    areas: list[AreaEntry] = Field(alias="områden")
    administrations: list[AdministrationEntry] = Field(alias="förvaltningar")
    document_kinds: list[DocumentKindEntry] = Field(alias="dokumenttyper")
    performers: list[PerformerEntry] = Field(alias="utförare")
    target_groups: list[_Entry] = Field(default_factory=list, alias="målgrupper")
    knowledge_kinds: list[_Entry] = Field(default_factory=list, alias="kunskapstyper")


class VocabularyError(Exception):
    """The vocabulary file itself is broken; nothing can be checked without it."""


@dataclass(frozen=True)
class Resolution:
    """What an editor's value means: the canonical term, or a guess at what they meant."""

    term: str | None
    suggestion: str | None = None


def _lookup_key(text: str) -> str:
    # Case and surrounding space do not matter; å, ä and ö do.
    return " ".join(text.casefold().split())


@dataclass
class TermList:
    kind: str
    names: list[str]
    aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_key = {_lookup_key(name): name for name in self.names}
        self._by_key.update({_lookup_key(alias): name for alias, name in self.aliases.items()})

    def resolve(self, value: str) -> Resolution:
        key = _lookup_key(value)
        if key in self._by_key:
            return Resolution(self._by_key[key])
        candidates = list(self._by_key)
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.75)
        if not close:
            folded = {swedish.fold_diacritics(c): c for c in candidates}
            hit = folded.get(swedish.fold_diacritics(key))
            close = [hit] if hit else []
        return Resolution(None, self._by_key[close[0]] if close else None)

    def __contains__(self, name: str) -> bool:
        return name in self._by_key.values()


class Vocabulary:
    """All term lists, read from one file."""

    def __init__(self, data: VocabularyFile, source: Path | None = None):
        self.source = source
        self.programme_start = data.programme_start
        self.types = {entry.code: entry for entry in data.types}
        self.document_kinds = {entry.name: entry for entry in data.document_kinds}
        self.administrations = {entry.name: entry for entry in data.administrations}
        self.terms: dict[str, TermList] = {
            "area": self._term_list("area", data.areas),
            "administration": self._term_list("administration", data.administrations),
            "document_kind": self._term_list("document_kind", data.document_kinds),
            "performer": self._term_list("performer", data.performers),
            "target_group": self._term_list("target_group", data.target_groups),
            "knowledge_kind": self._term_list("knowledge_kind", data.knowledge_kinds),
        }
        self._check_references()

    @staticmethod
    def _term_list(kind: str, entries: list[_Entry]) -> TermList:
        aliases = {alias: entry.name for entry in entries for alias in entry.aliases}
        return TermList(kind, [entry.name for entry in entries], aliases)

    def _check_references(self) -> None:
        names = set(self.administrations)
        for entry in self.administrations.values():
            for ref in [entry.part_of, entry.merged_into, *entry.formed_from]:
                if ref and ref not in names:
                    raise VocabularyError(
                        f"förvaltningen '{entry.name}' hänvisar till '{ref}', som inte finns i förvaltningar"
                    )

    @classmethod
    def load(cls, path: Path) -> "Vocabulary":
        from .loader import parse_yaml  # the loader imports this module

        try:
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise VocabularyError(f"{path}: kan inte läsa vokabulären: {error}") from error
        # The same bounded, Swedish-speaking YAML reading as the project pages.
        _, raw, problems = parse_yaml(path, text, first_line=1)
        if problems:
            first = problems[0]
            raise VocabularyError(f"{path}:{first.line}:{first.column}: kan inte läsa vokabulären: {first.message}")
        try:
            return cls(VocabularyFile.model_validate(raw), path)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise VocabularyError(f"{path}: {where}: {first['msg']}") from error

    def resolve(self, kind: str, value: str) -> Resolution:
        return self.terms[kind].resolve(value)

    def names(self, kind: str) -> list[str]:
        return self.terms[kind].names

    def administration_lineage(self, name: str) -> list[str]:
        """The administration, the ones it belongs to and the ones it became.

        A project of Socialjouren also belongs to Socialförvaltningen; one of
        Hägersten-Liljeholmen in 2019 is part of Hägersten-Älvsjö's history.
        """
        lineage, todo = [], [name]
        while todo:
            current = todo.pop(0)
            if current in lineage or current not in self.administrations:
                continue
            lineage.append(current)
            entry = self.administrations[current]
            todo.extend(ref for ref in (entry.part_of, entry.merged_into) if ref)
        return lineage

    def document_kind_plural(self, kind: str) -> str:
        entry = self.document_kinds.get(kind)
        return entry.plural if entry else kind.capitalize()

    def type_label(self, code: ProjectType) -> str:
        return self.types[code].label
