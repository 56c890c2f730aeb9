"""The facet table: every way to slice the catalog, declared once (Hugo's taxonomies).

Listing pages, search filters, statistics and export columns all iterate over FACETS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Literal

from .model import ProjectType, Status

if TYPE_CHECKING:
    from .model import Project
    from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Facet:
    key: str  # the name code and macros use: 'area'
    singular: str  # 'Område'
    plural: str  # 'Områden'
    segment: str  # URL segment of its listing pages: /omraden/<term>/
    terms_of: Callable[["Project", "Vocabulary"], list[str]]
    # How its terms are ordered: Swedish alphabet, newest year first, or as declared.
    order: Literal["swedish", "newest_first", "declared"]
    intro: str  # one sentence for its overview page


def _administrations(project: "Project", vocabulary: "Vocabulary") -> list[str]:
    # A unit's project is also its administration's; a merged district's is also its successor's.
    owners = [project.administration] if project.administration else []
    names: list[str] = []
    for name in owners + list(project.co_applicants):
        names += [n for n in vocabulary.administration_lineage(name) if n not in names]
    return names


FACETS: tuple[Facet, ...] = (
    Facet("area", "Område", "Områden", "omraden", lambda p, v: list(p.areas), "swedish",
          "Projekten ordnade efter verksamhetsområde."),
    Facet("year", "År", "År", "ar", lambda p, v: [str(y) for y in p.years], "newest_first",
          "Projekten efter det år eller de år de beviljades medel."),
    Facet("type", "Typ", "Typer", "typ", lambda p, v: [p.type.value], "declared",
          "FUM-studier, LUM-projekt och MUL-studieresor."),
    Facet("administration", "Förvaltning", "Förvaltningar", "forvaltningar", _administrations, "swedish",
          "Projekten efter ägande förvaltning och medsökande, med sammanslagna förvaltningars historik."),
    Facet("status", "Status", "Status", "status", lambda p, v: [p.status.value], "declared",
          "Planerade, pågående, avslutade och avbrutna projekt."),
    Facet("document_kind", "Dokumenttyp", "Dokument", "dokument",
          lambda p, v: list(dict.fromkeys(d.kind for d in p.documents)), "declared",
          "Alla projektplaner, förstudier och rapporter, sorterade efter typ."),
    Facet("performer", "Utförare", "Utförare", "utforare", lambda p, v: list(p.performers), "swedish",
          "Lärosäten, konsulter och FoU-enheter som har genomfört studier."),
    Facet("target_group", "Målgrupp", "Målgrupper", "malgrupper", lambda p, v: list(p.target_groups), "declared",
          "Projekten efter vilka de riktar sig till: barn, unga, föräldrar, personal …"),
    Facet("knowledge_kind", "Kunskapstyp", "Kunskapstyper", "kunskapstyper", lambda p, v: list(p.knowledge_kinds),
          "declared", "Utvärderingar, kartläggningar, översikter, metodutveckling och studieresor."),
)
FACET_BY_KEY = {facet.key: facet for facet in FACETS}


def declared_order(facet: Facet, vocabulary: "Vocabulary") -> list[str]:
    """The fixed order of a 'declared' facet's terms."""
    if facet.key == "type":
        return [t.value for t in ProjectType]
    if facet.key == "status":
        return [s.value for s in Status]
    if facet.key in ("document_kind", "target_group", "knowledge_kind"):
        return vocabulary.names(facet.key)
    raise KeyError(facet.key)
