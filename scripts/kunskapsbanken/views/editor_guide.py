"""Tables for the editor guide, made from the vocabulary and the import columns, so the guide
never lists a term or a column that the checker does not know."""

from __future__ import annotations

from typing import Callable

from .. import swedish
from ..importer import COLUMNS
from ..vocabulary import SECTION_OF_KIND
from .markdown import escape, table


def vocabulary_table(vocabulary, kind: str) -> str:
    """One term list: the term and the other spellings that lead to it."""
    aliases: dict[str, list[str]] = {}
    for alias, term in vocabulary.terms[kind].aliases.items():
        aliases.setdefault(term, []).append(alias)
    rows = [[escape(name), escape(", ".join(sorted(aliases.get(name, []), key=swedish.sort_key))) or "–"]
            for name in sorted(vocabulary.names(kind), key=swedish.sort_key)]
    return table(["Term", "Godtas också (alias)"], rows)


def type_rules_table(vocabulary) -> str:
    rows = []
    for code, entry in vocabulary.types.items():
        rules = []
        if entry.max_amount_per_year is not None:
            rules.append(f"högst {swedish.format_kronor(entry.max_amount_per_year)} per år")
        if entry.max_years_in_a_row is not None:
            rules.append(f"högst {entry.max_years_in_a_row} år i rad")
        if entry.max_per_administration_and_year is not None:
            rules.append(f"högst {entry.max_per_administration_and_year} per förvaltning och år")
        if entry.gender_analysis_from is not None:
            rules.append(f"jämställdhetsanalys från {entry.gender_analysis_from}")
        rows.append([f"**{code.value}**", escape(entry.label), "; ".join(rules) or "–"])
    return table(["Typ", "Benämning", "Regler som kontrollen varnar för"], rows)


def import_columns_table() -> str:
    rows = [[f"**{c.header}**" if c.required else c.header, "ja" if c.required else "nej",
             escape(c.help), escape(c.example) or "–"] for c in COLUMNS]
    return table(["Kolumn", "Obligatorisk", "Innehåll", "Exempel"], rows)


def guide_macros(catalog_of: Callable) -> dict[str, Callable]:
    def vokabular(lista: str) -> str:
        kinds = {section: kind for kind, section in SECTION_OF_KIND.items()}
        return vocabulary_table(catalog_of().vocabulary, kinds[lista])

    def typregler() -> str:
        return type_rules_table(catalog_of().vocabulary)

    def importkolumner() -> str:
        return import_columns_table()

    return {"vokabular": vokabular, "typregler": typregler, "importkolumner": importkolumner}
