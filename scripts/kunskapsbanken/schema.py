"""The JSON Schema of a project page's front matter, made from the pydantic model.

Editors' tools (VS Code with the YAML extension, for one) use it for completion and
to mark mistakes as they type; `kb kontrollera` remains the judge, since the schema
cannot know the vocabulary's aliases, files beside the page or the programme's rules.
"""

from __future__ import annotations

import copy
import json

from .model import ONLY_FOR_TYPE, REQUIRED_BY_TYPE, FrontMatter, ProjectType
from .vocabulary import Vocabulary

SCHEMA_URI = "schema/projekt.schema.json"  # where the site publishes it
_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Fields whose vocabulary terms are offered as examples (not an enum: aliases and any case are accepted).
_EXAMPLES_FROM = {"områden": "area", "förvaltning": "administration", "medsökande": "administration",
                  "utförare": "performer"}


def project_schema(vocabulary: Vocabulary | None = None) -> dict:
    schema = FrontMatter.model_json_schema(by_alias=True, mode="validation")
    schema = {"$schema": _DIALECT, **schema}
    schema["title"] = "Kunskapsbanken: projektsidans front matter"
    schema["description"] = ("Fälten överst i en projektsida i projects/. Kontrollera alltid med "
                             "'kb kontrollera', som också känner vokabulären och programmets regler.")
    schema["$defs"]["Document"]["description"] = "Ett dokument som projektet lämnat: plan, rapport, bilaga."
    schema["$defs"]["ProjectType"]["enum"].append("MUST")  # the programme's old name for MUL
    properties = schema["properties"]
    for name, prop in properties.items():
        if prop.get("type") == "array" and name != "dokument":
            # A single value may be written without brackets: 'år: 2019'.
            single = copy.deepcopy(prop["items"])
            properties[name] = {key: value for key, value in prop.items() if key in ("title", "description")}
            properties[name]["anyOf"] = [single, {key: value for key, value in prop.items()
                                                  if key not in ("title", "description")}]
    for option in properties["belopp"]["anyOf"]:
        if option.get("type") == "object":
            option["propertyNames"] = {"pattern": r"^\d{4}$"}
    schema["allOf"] = [
        {"if": {"properties": {"typ": {"enum": _spellings(kind)}}, "required": ["typ"]},
         "then": {"required": list(fields)}}
        for kind, fields in REQUIRED_BY_TYPE.items() if fields
    ] + [
        {"if": {"properties": {"typ": {"not": {"enum": _spellings(kind)}}}, "required": ["typ"]},
         "then": {"not": {"required": [field]}}}
        for field, kind in ONLY_FOR_TYPE.items()
    ]
    if vocabulary is not None:
        for field, kind in _EXAMPLES_FROM.items():
            properties[field]["examples"] = list(vocabulary.names(kind))
        properties["typ"] = {**properties["typ"], "examples": [t.value for t in vocabulary.types]}
    return schema


def _spellings(kind: ProjectType) -> list[str]:
    return [kind.value, "MUST"] if kind is ProjectType.MUL else [kind.value]


def schema_json(vocabulary: Vocabulary | None = None) -> str:
    return json.dumps(project_schema(vocabulary), ensure_ascii=False, indent=2) + "\n"
