"""The catalog as JSON, and the JSON Schema that describes the file."""

from __future__ import annotations

import json
from typing import Iterable

from ..catalog import Catalog
from ..model import Project, ProjectType, Status
from ..urls import project_url
from . import document_address, site_address

SCHEMA_NAME = "kunskapsbanken.schema.json"

_TEXT = {"type": "string", "minLength": 1}
_OPTIONAL_TEXT = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_TEXT_LIST = {"type": "array", "items": _TEXT}

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_NAME,
    "title": "Kunskapsbanken: export av projekt",
    "description": "Projekten i Kunskapsbanken med fakta och dokument. Belopp i kronor; "
                   "null betyder att projektsidan inte anger beloppet.",
    "type": "object",
    "required": ["projekt"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "antal": {"type": "integer", "minimum": 0},
        "projekt": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "titel", "typ", "år", "områden", "status", "sammanfattning", "adress",
                             "dokument"],
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"},
                    "titel": _TEXT,
                    "typ": {"enum": [t.value for t in ProjectType]},
                    "år": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
                    "områden": {**_TEXT_LIST, "minItems": 1},
                    "målgrupper": _TEXT_LIST,
                    "kunskapstyp": _TEXT_LIST,
                    "förvaltning": _OPTIONAL_TEXT,
                    "medsökande": _TEXT_LIST,
                    "utförare": _TEXT_LIST,
                    "belopp": {"type": ["integer", "null"], "minimum": 0,
                               "description": "Totalt belopp i kronor enligt projektsidan"},
                    "belopp_per_år": {"type": "object", "propertyNames": {"pattern": r"^\d{4}$"},
                                      "additionalProperties": {"type": "integer", "minimum": 0}},
                    "status": {"enum": [s.value for s in Status]},
                    "startdatum": _DATE,
                    "slutdatum": _DATE,
                    "resmål": {"type": ["string", "null"], "pattern": r"^[^,]+, [^,]+$"},
                    "kontakt": _OPTIONAL_TEXT,
                    "diarienummer": _OPTIONAL_TEXT,
                    "nyckelord": _TEXT_LIST,
                    "sammanfattning": _TEXT,
                    "adress": _TEXT,
                    "resultat": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["mått", "enhet", "år", "källa"],
                            "properties": {
                                "mått": _TEXT, "enhet": _TEXT, "år": {"type": "integer"}, "källa": _TEXT,
                                "före": {"type": "number"}, "efter": {"type": "number"}, "värde": {"type": "number"},
                            },
                        },
                    },
                    "dokument": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "typ", "titel"],
                            "properties": {
                                "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                       "description": "Dokumentets id inom projektet; ändras inte när "
                                                      "dokumenten sorteras om"},
                                "typ": _TEXT,
                                "titel": _TEXT,
                                "datum": _DATE,
                                "adress": _OPTIONAL_TEXT,
                            },
                        },
                    },
                },
            },
        },
    },
}


def record(project: Project, catalog: Catalog, site_url: str = "") -> dict:
    return {
        "id": project.id,
        "titel": project.title,
        "typ": project.type.value,
        "år": list(project.years),
        "områden": list(project.areas),
        "målgrupper": list(project.target_groups),
        "kunskapstyp": list(project.knowledge_kinds),
        "förvaltning": project.administration,
        "medsökande": list(project.co_applicants),
        "utförare": list(project.performers),
        "belopp": project.total_amount,
        "belopp_per_år": {str(y): v for y, v in sorted(project.amount_by_year.items())},
        "status": project.status.value,
        "startdatum": project.start.iso() if project.start else None,
        "slutdatum": project.end.iso() if project.end else None,
        "resmål": str(project.destination) if project.destination else None,
        "kontakt": project.contact,
        "diarienummer": project.diarienummer,
        "nyckelord": list(project.keywords),
        "sammanfattning": project.summary,
        "adress": site_address(project_url(project.id), site_url),
        "resultat": [result.model_dump(by_alias=True, exclude_none=True) for result in project.results],
        "dokument": [
            {"id": e.document.id, "typ": e.document.kind, "titel": e.document.title,
             "datum": e.document.date.iso() if e.document.date else None,
             "adress": document_address(e, site_url)}
            for e in catalog.documents(projects=[project])
        ],
    }


def render(projects: Iterable[Project], catalog: Catalog, site_url: str = "", schema: str = SCHEMA_NAME,
           records_by_id: dict[str, dict] | None = None) -> bytes:
    """schema: where the file finds its schema, relative to itself; records_by_id: precomputed
    record() per project id, so that many selections share the work."""
    records = [records_by_id[p.id] if records_by_id is not None else record(p, catalog, site_url)
               for p in projects]
    data = {"$schema": schema, "antal": len(records), "projekt": records}
    # Compact: indent would make json use its slow pure-Python encoder, on every listing.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def schema_bytes() -> bytes:
    return json.dumps(SCHEMA, ensure_ascii=False, indent=1).encode("utf-8")
