"""A seeded generator of realistic project pages, for benchmarks and search tests.

The pages use the real schema and the real vocabulary, so a generated folder is a
complete content folder that loads and builds like projects/. The same seed, count
and wordfreq version give byte-identical output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
import textwrap
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import swedish
from ..model import ProjectType, Status
from ..vocabulary import VOCABULARY_FILE, Vocabulary

REPO_VOCABULARY = Path(__file__).resolve().parents[3] / "projects" / VOCABULARY_FILE

# Fixed instead of today's date, so a seed gives the same corpus next year too.
REFERENCE_YEAR = 2025
FIRST_YEAR = 2008

TYPE_WEIGHTS = {ProjectType.LUM: 50, ProjectType.FUM: 25, ProjectType.MUL: 25}
# Which kinds of administration own projects of each type, and how often.
OWNER_KIND_WEIGHTS = {
    ProjectType.LUM: {"stadsdelsförvaltning": 75, "enhet": 20, "fackförvaltning": 5},
    ProjectType.MUL: {"stadsdelsförvaltning": 60, "enhet": 20, "fackförvaltning": 20},
    ProjectType.FUM: {"fackförvaltning": 30, "enhet": 20},
}
FUM_WITHOUT_OWNER = 0.5
# Share of projects that get PDF attachments when PDFs are asked for.
PDF_SHARE = 0.2
BODY_WORDS = 400

# Phrases for titles and first sentences; the vocabulary gives areas and places.
# Measures a project may report, so that /resultat/ groups the same measure across projects.
MEASURES = (("Andel deltagare i arbete eller studier", "procent"), ("Nöjda deltagare", "procent"),
            ("Självskattad livskvalitet", "medelvärde, skala 1–10"), ("Antal avhysningar", "antal"),
            ("Återaktualiseringar inom ett år", "procent"))
TOPICS = (
    "stöd till föräldrar", "boendestöd", "motiverande samtal", "tidiga insatser",
    "samverkan med skolan", "uppsökande arbete", "familjebehandling", "digitala besök",
    "stöd till anhöriga", "mottagning och utredning", "nätverksmöten", "kontaktpersoner",
    "samordnad individuell plan", "stöd i hemmet", "gruppverksamhet för barn",
    "brukarrevision", "stöd till unga vuxna", "ekonomisk rådgivning", "jobbcoachning",
    "trygghetsvandringar", "fältarbete", "språkstöd", "kvalitetsuppföljning",
    "strukturerade bedömningsinstrument", "hembesök", "krisstöd", "mentorskap",
    "boende med stöd", "öppenvård", "kunskapsöversikter",
)
TITLE_TEMPLATES = {
    ProjectType.FUM: ("Utvärdering av {topic}", "Kartläggning av {topic}", "Studie om {topic}",
                      "Uppföljning av {topic}", "Forskningsöversikt om {topic}", "{Topic} inom {area}"),
    ProjectType.LUM: ("{Topic} i {place}", "Utveckling av {topic} i {place}", "{Topic} för {area}",
                      "Nya former för {topic}", "Pilotprojekt: {topic} i {place}"),
    ProjectType.MUL: ("Studieresa till {city}", "Studiebesök i {city}", "Studieresa till {city} om {topic}"),
}
DESTINATIONS = (
    ("Oslo", "Norge"), ("Bergen", "Norge"), ("Stavanger", "Norge"), ("Köpenhamn", "Danmark"),
    ("Århus", "Danmark"), ("Helsingfors", "Finland"), ("Tammerfors", "Finland"), ("Reykjavik", "Island"),
    ("Berlin", "Tyskland"), ("Hamburg", "Tyskland"), ("Amsterdam", "Nederländerna"),
    ("Glasgow", "Storbritannien"), ("London", "Storbritannien"), ("Dublin", "Irland"),
    ("Wien", "Österrike"), ("Lissabon", "Portugal"), ("Barcelona", "Spanien"), ("Warszawa", "Polen"),
    ("Göteborg", "Sverige"), ("Malmö", "Sverige"), ("Umeå", "Sverige"), ("Helsingborg", "Sverige"),
    ("Toronto", "Kanada"), ("New York", "USA"),
)
CONTACT_UNITS = ("Enheten för barn och unga", "Enheten för vuxna", "Utvecklingsenheten",
                 "Avdelningen för individ- och familjeomsorg", "Stabsenheten", "Beställarenheten")
HEADINGS = ("Bakgrund", "Syfte", "Målgrupp", "Genomförande", "Metod", "Erfarenheter")
# The document plan by type: (kind, probability, only when finished). Kinds the
# vocabulary lacks are skipped, so the pages stay valid if it changes.
DOCUMENT_PLAN = {
    ProjectType.FUM: (("projektplan", 0.5, False), ("förstudie", 0.1, False), ("delrapport", 0.3, False),
                      ("slutrapport", 0.6, True), ("utvärdering", 0.3, True), ("bilaga", 0.1, False)),
    ProjectType.LUM: (("projektplan", 0.7, False), ("förstudie", 0.1, False), ("delrapport", 0.3, False),
                      ("slutrapport", 0.75, True), ("bilaga", 0.1, True)),
    ProjectType.MUL: (("reserapport", 0.85, True),),
}
REPORT_KINDS = ("slutrapport", "utvärdering", "reserapport", "delrapport")
_YAML_PLAIN = re.compile(r"^[A-Za-zÅÄÖåäöÉé][\w .()/-]*$")
_YAML_WORDS = {"ja", "nej", "yes", "no", "true", "false", "on", "off", "null", "y", "n"}


@lru_cache(maxsize=None)
def swedish_words(limit: int = 20000) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The most frequent Swedish words and their cumulative frequencies, for rng.choices."""
    import wordfreq

    frequencies = wordfreq.get_frequency_dict("sv")
    words = [w for w in wordfreq.top_n_list("sv", limit)
             if w.isalpha() and (len(w) > 1 or w in "iåö") and _latin1(w)]
    return tuple(words), tuple(itertools.accumulate(frequencies[w] for w in words))


def _latin1(text: str) -> bool:
    # The PDFs use the core fonts, which only know Latin-1.
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class _Context:
    vocabulary: Vocabulary
    rng: random.Random
    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    def pick(self, weights: dict):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def sentence(self, low: int = 7, high: int = 18) -> str:
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high))
        if len(chosen) > 9 and self.rng.random() < 0.4:
            chosen[self.rng.randint(3, len(chosen) - 4)] += ","
        return " ".join(chosen).capitalize() + "."

    def paragraph(self, words: int) -> tuple[str, int]:
        sentences, count = [], 0
        while count < words:
            sentences.append(self.sentence())
            count += sentences[-1].count(" ") + 1
        return " ".join(sentences), count


def _administrations(vocabulary: Vocabulary, kind: str, years: list[int]) -> list[str]:
    """Administrations of a kind whose name was in use in all the project's years."""
    return [entry.name for entry in vocabulary.administrations.values()
            if entry.kind == kind
            and (entry.valid_from is None or entry.valid_from <= years[0])
            and (entry.valid_to is None or entry.valid_to >= years[-1])]


def _years(ctx: _Context, project_type: ProjectType) -> list[int]:
    # More projects in later years, as the programme grew.
    candidates = list(range(FIRST_YEAR, REFERENCE_YEAR + 2))
    first = ctx.rng.choices(candidates, weights=[1 + (y - FIRST_YEAR) for y in candidates])[0]
    rule = ctx.vocabulary.types[project_type].max_years_in_a_row
    longest = {ProjectType.MUL: 1, ProjectType.FUM: 3, ProjectType.LUM: 3}[project_type]
    span = ctx.rng.choices(range(1, longest + 1), weights=[60, 30, 10][:longest])[0]
    span = min(span, rule or span, REFERENCE_YEAR + 1 - first + 1)
    return list(range(first, first + span))


def _status(ctx: _Context, years: list[int]) -> Status:
    if years[0] > REFERENCE_YEAR:
        return Status.PLANNED
    if years[-1] >= REFERENCE_YEAR:
        return Status.ONGOING
    return Status.CANCELLED if ctx.rng.random() < 0.03 else Status.FINISHED


def _amount(ctx: _Context, project_type: ProjectType, years: list[int]) -> int | dict[int, int] | None:
    cap = ctx.vocabulary.types[project_type].max_amount_per_year
    if project_type is ProjectType.MUL:
        return ctx.rng.randrange(6000, (cap or 25000) + 1, 500)
    if project_type is ProjectType.FUM:
        if ctx.rng.random() < 0.1:
            return None
        per_year = [ctx.rng.randrange(100_000, 1_500_001, 10_000) for _ in years]
    else:
        per_year = [ctx.rng.randrange(80_000, (cap or 500_000) + 1, 5_000) for _ in years]
    if len(years) == 1:
        return per_year[0]
    return dict(zip(years, per_year))


def _date(ctx: _Context, year: int, month: int | None = None) -> str:
    precision = ctx.rng.random()
    month = month or ctx.rng.randint(1, 12)
    if precision < 0.15:
        return f"{year}"
    if precision < 0.4:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{ctx.rng.randint(1, 28):02d}"


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as the same text: plain where safe, quoted otherwise."""
    if _YAML_PLAIN.match(text) and text.casefold() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_scalar(item) for item in items) + "]"


def _wrap(text: str, width: int) -> list[str]:
    # Never break inside a word: a hyphenated project id in a link must stay whole.
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


def _folded(text: str, indent: str = "  ") -> str:
    return ">-\n" + "\n".join(indent + line for line in _wrap(text, 88))


@dataclass
class _Project:
    id: str
    title: str
    front_matter: str
    body: str
    pdfs: dict[str, str]  # file name -> text for the PDF


def _project(ctx: _Context, index: int, earlier: list[str], with_pdf: bool, used_ids: set[str]) -> _Project:
    rng, vocabulary = ctx.rng, ctx.vocabulary
    project_type = ctx.pick(TYPE_WEIGHTS)
    years = _years(ctx, project_type)
    status = _status(ctx, years)
    areas = vocabulary.names("area")
    chosen_areas = rng.sample(areas, rng.choices([1, 2, 3], weights=[55, 35, 10])[0])
    administration = None
    if project_type is not ProjectType.FUM or rng.random() > FUM_WITHOUT_OWNER:
        kinds = OWNER_KIND_WEIGHTS[project_type]
        options: list[str] = []
        while not options:
            options = _administrations(vocabulary, ctx.pick(kinds), years)
        administration = rng.choice(options)
    topic = rng.choice(TOPICS)
    city, country = rng.choice(DESTINATIONS)
    place = administration if administration and vocabulary.administrations[administration].kind == \
        "stadsdelsförvaltning" else rng.choice(_administrations(vocabulary, "stadsdelsförvaltning", years))
    title = rng.choice(TITLE_TEMPLATES[project_type]).format(
        topic=topic, Topic=topic.capitalize(), area=chosen_areas[0].lower(), place=place, city=city)
    if project_type is ProjectType.MUL and rng.random() < 0.5:
        title += f" {years[0]}"
    project_id = base = swedish.slugify(title)
    for number in itertools.count(2):
        if project_id not in used_ids:
            break
        project_id = f"{base}-{number}"
    used_ids.add(project_id)

    lines = ["---", f"titel: {_scalar(title)}", f"typ: {project_type.value}", f"år: {_flow([str(y) for y in years])}",
             f"områden: {_flow(chosen_areas)}"]
    if administration:
        lines.append(f"förvaltning: {_scalar(administration)}")
    if rng.random() < 0.12:
        partners = [name for kind in ("extern", "stadsdelsförvaltning") for name in
                    _administrations(vocabulary, kind, years) if name != administration]
        lines.append(f"medsökande: {_flow(rng.sample(partners, rng.choice([1, 1, 2])))}")
    if project_type is ProjectType.FUM and rng.random() < 0.7 or rng.random() < 0.05:
        lines.append(f"utförare: {_flow([rng.choice(vocabulary.names('performer'))])}")
    amount = _amount(ctx, project_type, years)
    if isinstance(amount, dict):
        lines.append("belopp: {" + ", ".join(f"{y}: {v}" for y, v in amount.items()) + "}")
    elif amount is not None:
        lines.append(f"belopp: {amount}")
    lines += _knowledge_fields(vocabulary, project_id, project_type, years)
    lines.append(f"status: {status.value}")
    start_month = rng.randint(1, 9)
    if rng.random() < 0.6:
        lines.append(f"startdatum: {years[0]}-{start_month:02d}-{rng.randint(1, 28):02d}")
        if status is Status.FINISHED and rng.random() < 0.8:
            lines.append(f"slutdatum: {years[-1]}-12-{rng.randint(10, 31):02d}")
    if project_type is ProjectType.MUL:
        lines.append(f"resmål: {_scalar(f'{city}, {country}')}")

    documents, pdfs = [], {}
    finished = status is Status.FINISHED
    for kind, probability, needs_end in DOCUMENT_PLAN[project_type]:
        if kind not in vocabulary.document_kinds or (needs_end and not finished) or rng.random() > probability:
            continue
        doc_year = min(years[-1] + (1 if needs_end else 0), REFERENCE_YEAR)
        doc = [f"  - typ: {kind}", f"    titel: {_scalar(f'{kind.capitalize()}: {title}')}"]
        if with_pdf and kind in REPORT_KINDS:
            name = f"{swedish.slugify(kind)}.pdf"
            doc.append(f"    fil: {name}")
            pdfs[name] = kind
        if rng.random() < 0.85:
            doc.append(f"    datum: {_date(ctx, doc_year, rng.randint(1, 12))}")
        documents.append("\n".join(doc))
    if documents:
        lines.append("dokument:\n" + "\n".join(documents))
    if administration and rng.random() < 0.5:
        lines.append(f"kontakt: {_scalar(f'{rng.choice(CONTACT_UNITS)}, {administration}')}")
    keywords = [topic] + [w for w in rng.sample(ctx.words[300:5000], 3)]
    lines.append(f"nyckelord: {_flow(keywords[: rng.randint(2, 4)])}")
    summary = (f"{title} handlar om {topic} inom {swedish.join_list([a.lower() for a in chosen_areas])}. "
               + " ".join(ctx.sentence() for _ in range(rng.randint(1, 2))))
    lines.append(f"sammanfattning: {_folded(summary)}")
    if project_type is not ProjectType.MUL and rng.random() < 0.35:
        lines.append(f"jämställdhetsanalys: {_folded(ctx.sentence(10, 20))}")
    if rng.random() < 0.25:
        lines.append(f"diarienummer: {_scalar(f'{years[0]}/{rng.randint(100, 9999)}')}")
    if rng.random() < 0.3:
        lines.append(f"källor: {_flow([f'Årsrapport FoU-medel {min(years[-1] + 1, REFERENCE_YEAR)}'])}")
    related = rng.sample(earlier, min(len(earlier), rng.choice([1, 1, 2]))) if rng.random() < 0.1 else []
    if related:
        lines.append(f"relaterade: {_flow(related)}")
    lines.append("---")

    body, written = [], 0
    headings = rng.sample(HEADINGS, 4)
    for number, heading in enumerate(headings):
        text, count = ctx.paragraph((BODY_WORDS - written) // (4 - number))
        if number == 1 and related:
            text += f" Projektet bygger vidare på [ett tidigare projekt]({related[0]}.md)."
        written += count
        body.append(f"## {heading}\n\n" + "\n".join(_wrap(text, 100)))
    if rng.random() < 0.3:
        body.append("\n".join(f"- {ctx.sentence(4, 9)}" for _ in range(rng.randint(2, 5))))
    pdf_texts = {name: f"{kind.capitalize()}: {title}\n\n{summary}\n\n" + "\n\n".join(body)
                 for name, kind in pdfs.items()}
    return _Project(project_id, title, "\n".join(lines) + "\n", "\n\n".join(body) + "\n", pdf_texts)


def _knowledge_fields(vocabulary: Vocabulary, project_id: str, project_type: ProjectType, years: list[int]) -> list[str]:
    """Target groups, kinds of knowledge and now and then a measured result.

    Drawn from a generator of their own, seeded by the project id, so that the rest of
    the corpus is the same as before these fields existed (and earlier figures compare)."""
    rng = random.Random(project_id)
    lines = []
    if rng.random() < 0.7:
        lines.append(f"målgrupper: {_flow(rng.sample(vocabulary.names('target_group'), rng.choice([1, 1, 2])))}")
    kinds = vocabulary.names("knowledge_kind")
    if project_type is ProjectType.MUL and "studieresa" in kinds:
        lines.append("kunskapstyp: studieresa")
    elif rng.random() < 0.85:
        lines.append(f"kunskapstyp: {_flow(rng.sample([k for k in kinds if k != 'studieresa'], 1))}")
    if rng.random() < 0.1:
        measure, unit = rng.choice(MEASURES)
        before = round(rng.uniform(1, 60), 1)
        lines.append("resultat:\n"
                     f"  - mått: {_scalar(measure)}\n    enhet: {_scalar(unit)}\n"
                     f"    före: {before}\n    efter: {round(before * rng.uniform(0.8, 1.5), 1)}\n"
                     f"    år: {years[-1]}\n    källa: Projektets slutrapport")
    return lines


def _pdf_bytes(text: str, pages: int) -> bytes:
    """A small PDF with a real text layer, wrapped by hand because fpdf2's multi_cell is slow."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(REFERENCE_YEAR, 1, 1, tzinfo=dt.timezone.utc))
    pdf.set_font("Helvetica", size=11)
    plain = text.replace("## ", "").encode("latin-1", "replace").decode("latin-1")
    lines = [line for paragraph in plain.split("\n\n") for line in _wrap(paragraph, 90) + [""]]
    per_page = 42
    while len(lines) < pages * per_page:
        lines += lines
    for page in range(pages):
        pdf.add_page()
        for row, line in enumerate(lines[page * per_page:(page + 1) * per_page]):
            pdf.text(20, 20 + row * 6, line)
    return bytes(pdf.output())


def generate(out_dir: Path, count: int, seed: int = 1, pdf_pages: int = 0,
             vocabulary_file: Path = REPO_VOCABULARY) -> list[Path]:
    """Write count project pages and the vocabulary into out_dir; return the pages' paths.

    With pdf_pages > 0 about a fifth of the projects get their reports as PDFs of
    that many pages, and live in out_dir/<id>/index.md beside them.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} är inte tom")
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vocabulary_file, out_dir / VOCABULARY_FILE)
    vocabulary = Vocabulary.load(out_dir / VOCABULARY_FILE)
    words, cumulative = swedish_words()
    pages: list[Path] = []
    used_ids: set[str] = set()
    for index in range(count):
        # One generator per page: a page does not change when generation code after it does.
        rng = random.Random(f"{seed}:{index}")
        with_pdf = pdf_pages > 0 and rng.random() < PDF_SHARE
        project = _project(_Context(vocabulary, rng, words, cumulative), index,
                           [p.parent.name if p.name == "index.md" else p.stem for p in pages[-200:]],
                           with_pdf, used_ids)
        if project.pdfs:
            folder = out_dir / project.id
            folder.mkdir()
            path = folder / "index.md"
            for name, text in project.pdfs.items():
                (folder / name).write_bytes(_pdf_bytes(text, pdf_pages))
        else:
            path = out_dir / f"{project.id}.md"
        path.write_text(project.front_matter + "\n" + project.body, encoding="utf-8", newline="\n")
        pages.append(path)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kunskapsbanken.bench.corpus",
        description="Skriv en påhittad men realistisk innehållsmapp med N projektsidor.")
    parser.add_argument("ut", type=Path, metavar="UT", help="tom mapp att skriva till")
    parser.add_argument("antal", type=int, metavar="N", help="antal projektsidor")
    parser.add_argument("--frö", type=int, default=1, help="slumpfrö; samma frö ger samma sidor (standard 1)")
    parser.add_argument("--pdf-sidor", type=int, default=0,
                        help="sidor per PDF-bilaga; 0 = inga PDF:er (standard 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        pages = generate(args.ut, args.antal, args.frö, args.pdf_sidor)
    except FileExistsError as error:
        print(f"Fel: {error}; välj en ny eller tom mapp.", file=sys.stderr)
        return 1
    pdfs = sum(1 for _ in args.ut.glob("*/*.pdf"))
    print(f"Skrev {len(pages)} projektsidor och {pdfs} PDF-filer till {args.ut} "
          f"på {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
