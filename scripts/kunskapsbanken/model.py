"""The schema of a project page: pydantic models that the loader, the checker and the JSON Schema share."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from enum import StrEnum
from functools import total_ordering
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    PlainValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import swedish


class ProjectType(StrEnum):
    FUM = "FUM"
    LUM = "LUM"
    MUL = "MUL"

    @classmethod
    def _missing_(cls, value: object):
        # MUST was the programme's name for study trips before MUL.
        text = str(value).strip().upper()
        if text == "MUST":
            return cls.MUL
        return cls.__members__.get(text)


class Status(StrEnum):
    PLANNED = "planerat"
    ONGOING = "pågående"
    FINISHED = "avslutat"
    CANCELLED = "avbrutet"
    # The papers do not say how it went: better said than a stale "planerat".
    UNKNOWN = "okänd"

    @property
    def label(self) -> str:
        """How readers see it: 'Pågående', 'Status okänd'."""
        return "Status okänd" if self is Status.UNKNOWN else self.value.capitalize()

    @classmethod
    def _missing_(cls, value: object):
        text = str(value).strip().casefold()
        return next((member for member in cls if member.value == text), None)


# Which optional fields a project type makes required, and which fields only one
# type may have. The loader, the checker and the JSON Schema all read these tables.
REQUIRED_BY_TYPE: dict[ProjectType, tuple[str, ...]] = {
    ProjectType.FUM: (),
    ProjectType.LUM: ("förvaltning",),
    ProjectType.MUL: ("förvaltning", "resmål"),
}
ONLY_FOR_TYPE: dict[str, ProjectType] = {"resmål": ProjectType.MUL}
# Below this a year is a typing error (201, 1019), not an old project.
EARLIEST_YEAR = 1900


@total_ordering
class PartialDate:
    """A date known to the year, the month or the day, as decision papers give them."""

    __slots__ = ("year", "month", "day")
    _PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

    def __init__(self, year: int, month: int | None = None, day: int | None = None):
        if day is not None:
            dt.date(year, month or 1, day)  # raises ValueError for impossible dates
        elif month is not None and not 1 <= month <= 12:
            raise ValueError("month")
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            match = cls._PATTERN.match(value.strip())
            if match:
                year, month, day = (int(part) if part else None for part in match.groups())
                try:
                    return cls(year, month, day)
                except ValueError:
                    pass
        raise PydanticCustomError(
            "datum",
            "ogiltigt datum '{value}': skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ",
            {"value": value},
        )

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self._key() == other._key()

    def __lt__(self, other: "PartialDate") -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def swedish(self) -> str:
        """'31 mars 2022', 'januari 2021' or '2018'."""
        if self.month is None:
            return str(self.year)
        month = swedish.MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __repr__(self) -> str:
        return f"PartialDate({self.iso()})"


DateField = Annotated[
    PartialDate,
    PlainValidator(PartialDate.parse),
    PlainSerializer(lambda value: value.iso(), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]


def _as_list(value: Any) -> Any:
    """Editors may write a single value where a list is expected."""
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    return value


def _strict_text(value: Any) -> Any:
    # YAML turns 'ja', 2020 or 1.5 into other types; a text field wants the editor's words.
    if isinstance(value, str):
        control = next((c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"), None)
        if control is not None:
            # Written as "\v" or "\x1b" in quotes, or pasted: invisible, and not allowed in XML feeds.
            raise PydanticCustomError("text", "texten innehåller ett osynligt styrtecken (U+{code}); skriv om "
                                              "texten", {"code": f"{ord(control):04X}"})
        return value
    raise PydanticCustomError("text", "ska vara text, inte {kind}", {"kind": _kind_name(value)})


def _kind_name(value: Any) -> str:
    return {
        bool: "ja/nej",
        int: "ett tal",
        float: "ett tal",
        list: "en lista",
        dict: "en tabell",
        type(None): "tomt",
    }.get(type(value), type(value).__name__)


Text = Annotated[str, BeforeValidator(_strict_text), Field(min_length=1)]
TextList = Annotated[list[Text], BeforeValidator(_as_list)]
ProjectId = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Destination(BaseModel):
    """Where a study trip went: 'Stavanger, Norge'."""

    model_config = ConfigDict(frozen=True)
    city: str
    country: str

    @classmethod
    def parse(cls, value: Any) -> "Destination":
        if isinstance(value, Destination):
            return value
        if isinstance(value, str) and value.count(",") == 1:
            city, country = (part.strip() for part in value.split(","))
            if city and country:
                return cls(city=city, country=country)
        raise PydanticCustomError(
            "resmål", "skriv resmålet som 'Stad, Land', till exempel 'Stavanger, Norge'"
        )

    def __str__(self) -> str:
        return f"{self.city}, {self.country}"


DestinationField = Annotated[
    Destination,
    BeforeValidator(Destination.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^[^,]+, [^,]+$"}),
]


Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Document(BaseModel):
    """One document a project left behind: a plan, a report, an attachment."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    explicit_id: Slug | None = Field(
        None, alias="id", description="Dokumentets id inom projektet; annars filnamnet eller titeln")
    kind: Text = Field(alias="typ", description="Dokumenttyp ur vokabulären, t.ex. slutrapport")
    title: Text = Field(alias="titel", description="Dokumentets titel som den står på framsidan")
    file: Text | None = Field(None, alias="fil", description="PDF-fil bredvid projektsidan; ange antingen fil eller länk")
    link: Annotated[str, Field(pattern=r"^https?://")] | None = Field(
        None, alias="länk", description="Adress till dokumentet på en annan webbplats (https://…)")
    date: DateField | None = Field(None, alias="datum", description="När dokumentet kom: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ")

    @model_validator(mode="after")
    def _file_or_link(self) -> "Document":
        if self.file and self.link:
            raise PydanticCustomError("fil", "ange antingen 'fil' eller 'länk', inte båda")
        return self

    @property
    def id(self) -> str:
        """Stable within its project: the editor's 'id', else the file's name, else the title.

        Never the document's position, so reordering a list keeps every id (feeds, RIS, BibTeX)."""
        return _document_id(self.explicit_id, self.file, self.title)


@functools.lru_cache(maxsize=None)
def _document_id(explicit_id: str | None, file: str | None, title: str) -> str:
    # Cached by what it is made of: every export, feed and page asks for it.
    from_file = swedish.slugify(Path(file).stem) if file else ""
    return explicit_id or from_file or _title_slug(title)


def _title_slug(title: str, limit: int = 60) -> str:
    """A long title's slug is cut at a word boundary: addresses stay readable."""
    slug = swedish.slugify(title) or "dokument"
    if len(slug) <= limit:
        return slug
    return slug[:limit + 1].rsplit("-", 1)[0]


def _strict_number(value: Any) -> Any:
    # A figure written as text ('2,41', '4 poäng') would sort and compare as text.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        candidate = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(candidate)
        except ValueError:
            raise PydanticCustomError("tal", "ska vara ett tal, inte texten '{value}'", {"value": value})
        shown = int(number) if number.is_integer() else number
        raise PydanticCustomError(
            "tal", "ska vara ett tal, inte texten '{value}': skriv {shown} utan citattecken, med punkt som decimaltecken",
            {"value": value, "shown": shown})
    raise PydanticCustomError("tal", "ska vara ett tal, inte {kind}", {"kind": _kind_name(value)})


Number = Annotated[float, BeforeValidator(_strict_number)]


class Result(BaseModel):
    """One measured result of a project: a figure before and after, or a single value.

    Structured so that the same measure can be compared across projects (/resultat/)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    measure: Text = Field(alias="mått", description="Vad som mättes, t.ex. 'Självskattad kunskap om samhället'")
    unit: Text = Field(alias="enhet", description="Enhet eller skala, t.ex. 'medelvärde, skala 1–5' eller 'procent'")
    before: Number | None = Field(None, alias="före", description="Värdet före insatsen")
    after: Number | None = Field(None, alias="efter", description="Värdet efter insatsen")
    value: Number | None = Field(None, alias="värde", description="Ett enda värde, när det inte finns något före och efter")
    year: int = Field(alias="år", ge=1990, le=2100, description="Året som värdet (efter-värdet) gäller")
    source: Text = Field(alias="källa", description="Var siffran kommer från: rapport, enkät eller underlag")

    @model_validator(mode="after")
    def _before_and_after_or_value(self) -> "Result":
        if self.value is not None and (self.before is not None or self.after is not None):
            raise PydanticCustomError("värde", "ange antingen 'värde' eller 'före' och 'efter', inte båda")
        if self.before is not None and self.after is None:
            raise PydanticCustomError("efter", "'före' saknar 'efter': ange värdet efter insatsen också")
        if self.after is not None and self.before is None:
            raise PydanticCustomError("före", "'efter' saknar 'före': ange värdet före insatsen, "
                                              "eller skriv siffran som 'värde'")
        if self.value is None and self.before is None:
            raise PydanticCustomError("värde", "ange 'värde', eller 'före' och 'efter'")
        return self

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


class FrontMatter(BaseModel):
    """Everything an editor writes in a project page's front matter."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        title="Kunskapsbanken: projektsida",
    )

    title: Text = Field(alias="titel", max_length=200,
                        description="Projektets namn; sidans adress görs av titeln (å, ä → a, ö → o)")
    type: ProjectType = Field(alias="typ", title="Typ", description="FUM, LUM eller MUL (MUST godtas som MUL)")
    years: Annotated[list[int], BeforeValidator(_as_list), Field(min_length=1)] = Field(
        alias="år", description="Året eller åren som medel beviljades för"
    )
    areas: Annotated[TextList, Field(min_length=1)] = Field(
        alias="områden", description="Ett eller flera verksamhetsområden ur vokabulären")
    target_groups: TextList = Field(default_factory=list, alias="målgrupper",
                                    description="Vilka projektet riktar sig till, ur vokabulären: barn, unga, föräldrar …")
    knowledge_kinds: TextList = Field(default_factory=list, alias="kunskapstyp",
                                      description="Vad slags kunskap projektet ger, ur vokabulären: utvärdering, "
                                                  "kartläggning, metodutveckling …")
    administration: Text | None = Field(
        None, alias="förvaltning", description="Förvaltningen som driver projektet")
    co_applicants: TextList = Field(default_factory=list, alias="medsökande",
                                   description="Andra förvaltningar som sökte medlen tillsammans med den första")
    performers: TextList = Field(default_factory=list, alias="utförare",
                                 description="Lärosäte, konsult eller enhet som genomförde studien")
    amount: int | dict[int, int] | None = Field(
        None, alias="belopp", description="Beviljat belopp i kronor, totalt eller per år"
    )
    status: Status = Field(title="Status", description="Var projektet står i dag")
    start: DateField | None = Field(None, alias="startdatum", description="ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ")
    end: DateField | None = Field(None, alias="slutdatum",
                                   description="ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ; inte före startdatum")
    destination: DestinationField | None = Field(
        None, alias="resmål", title="Resmål", description="Vart resan gick: 'Stad, Land'")
    documents: list[Document] = Field(default_factory=list, alias="dokument",
                                      description="Planer, rapporter och bilagor som projektet lämnat")
    contact: Text | None = Field(None, alias="kontakt", description="En enhet eller roll, aldrig en person")
    keywords: TextList = Field(default_factory=list, alias="nyckelord",
                               description="Ord som hjälper sökningen, utöver områdena")
    related: Annotated[list[ProjectId], BeforeValidator(_as_list)] = Field(
        default_factory=list, alias="relaterade", description="Id för andra projekt i Kunskapsbanken"
    )
    summary: Text = Field(alias="sammanfattning", description="2–4 meningar som visas i listor")
    gender_analysis: Text | None = Field(
        None, alias="jämställdhetsanalys",
        description="Hur projektet tar hänsyn till kön; programmet efterfrågar den för vissa typer")
    diarienummer: Text | None = Field(None, description="Ärendets diarienummer, om det finns")
    sources: TextList = Field(default_factory=list, alias="källor",
                              description="Underlagen som uppgifterna kommer från, t.ex. en årsrapport")
    results: list[Result] = Field(default_factory=list, alias="resultat",
                                  description="Mätta resultat: mått, enhet, före och efter (eller värde), år och källa")

    @field_validator("years")
    @classmethod
    def _plausible_years(cls, years: list[int]) -> list[int]:
        # Money is granted for this year and the next at most; a year before the programme
        # began is only a warning (checks.rules), since old projects are still being added.
        latest = dt.date.today().year + 1
        for year in years:
            if year > latest:
                raise PydanticCustomError("år", "året {year} ligger för långt fram; medel beviljas högst "
                                                "för nästa år ({latest})", {"year": year, "latest": latest})
            if year < EARLIEST_YEAR:
                raise PydanticCustomError("år", "året {year} är orimligt", {"year": year})
        return sorted(set(years))

    @field_validator("amount")
    @classmethod
    def _positive_amount(cls, amount):
        values = amount.values() if isinstance(amount, dict) else [amount]
        if any(value is not None and value < 0 for value in values):
            raise PydanticCustomError("belopp", "beloppet kan inte vara negativt")
        return amount

    @model_validator(mode="after")
    def _consistent(self) -> "FrontMatter":
        first_with_id: dict[str, int] = {}
        for number, document in enumerate(self.documents, start=1):
            if document.id in first_with_id:
                raise PydanticCustomError(
                    "dokument",
                    "dokument {number} får samma id '{id}' som dokument {first}; ge det ett eget "
                    "'id:', till exempel '{id}-{number}'",
                    {"number": number, "id": document.id, "first": first_with_id[document.id]})
            first_with_id[document.id] = number
        if self.start and self.end and self.end < self.start:
            raise PydanticCustomError(
                "slutdatum",
                "slutdatum {end} ligger före startdatum {start}",
                {"end": self.end.iso(), "start": self.start.iso()},
            )
        if isinstance(self.amount, dict) and not set(self.amount) <= set(self.years):
            extra = sorted(set(self.amount) - set(self.years))
            raise PydanticCustomError(
                "belopp", "belopp för år som inte står under 'år': {years}", {"years": extra}
            )
        return self

    # Views read these; the raw field keeps what the editor wrote.
    @property
    def total_amount(self) -> int | None:
        if isinstance(self.amount, dict):
            return sum(self.amount.values())
        return self.amount

    @property
    def amount_by_year(self) -> dict[int, int]:
        if isinstance(self.amount, dict):
            return dict(self.amount)
        if self.amount is not None and len(self.years) == 1:
            return {self.years[0]: self.amount}
        return {}


class Project(FrontMatter):
    """A loaded project: its front matter, canonical vocabulary terms, id, source and body."""

    id: str
    source: Path
    body: str = ""
    body_line: int = 1
    # Where each front matter value stands in the file, for checks that run after loading.
    positions: dict[tuple[str, ...], tuple[int, int]] = Field(default_factory=dict, exclude=True, repr=False)
    # Bytes of each attachment that exists, by the file name in 'dokument'.
    file_sizes: dict[str, int] = Field(default_factory=dict)

    @property
    def attachment_dir(self) -> Path:
        return self.source.parent

    def attachment_path(self, document: Document) -> Path | None:
        return self.attachment_dir / document.file if document.file else None

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def latest_date(self) -> PartialDate | None:
        dates = [d.date for d in self.documents if d.date]
        return max(dates) if dates else None


class Decision(BaseModel):
    """One year's decision on a programme's money, as the committee papers give it.

    Papers often give only the year's total and the number of projects; that total
    is never spread over the projects, so statistics show it beside the known sums.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              title="Kunskapsbanken: årligt beslut om FoU-medel")

    year: int = Field(alias="år", ge=1990, le=2100)
    type: ProjectType = Field(alias="typ")
    decided_amount: int | None = Field(None, alias="beslutat_belopp", ge=0,
                                       description="Kronor totalt för året; utelämnas om underlaget inte anger det")
    project_count: int | None = Field(None, alias="antal_projekt", ge=0)
    decision_date: DateField | None = Field(None, alias="beslutsdatum")
    diarienummer: Text | None = None
    source: Text = Field(alias="källa", description="Underlaget som uppgiften kommer från")
    note: Text | None = Field(None, alias="anmärkning")
