"""Search synonyms: the vocabulary's aliases and the editors' list in projects/synonymer.yml.

A group is a set of words or phrases that find each other ('unga', 'ungdomar'). The search
index adds the other members of every group a record mentions, so a query needs no list of
its own: 'försörjningsstöd' finds each project in Ekonomiskt bistånd, 'brott' finds 'kriminalitet'.

synonymer.yml is a YAML list of groups, one group a line:

    - [unga, ungdomar]
    - [kriminalitet, brott, brottslighet]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..problems import Problem, Severity
from ..swedish import stem
from ..vocabulary import Vocabulary
from .words import tokens, zipf

FILE_NAME = "synonymer.yml"


@dataclass(frozen=True)
class Group:
    members: tuple[str, ...]
    line: int = 0


def vocabulary_groups(vocabulary: Vocabulary) -> list[Group]:
    """Each term with its aliases (areas, administrations, document kinds, performers)."""
    groups = []
    for kind, terms in vocabulary.terms.items():
        aliases: dict[str, list[str]] = {}
        for alias, name in terms.aliases.items():
            aliases.setdefault(name, []).append(alias)
        for name in terms.names:
            members = [name, *aliases.get(name, [])]
            if kind == "document_kind":
                members.append(vocabulary.document_kind_plural(name))
            if len({m.casefold() for m in members}) > 1:
                groups.append(Group(tuple(members)))
    return groups


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every sequence (1-based)."""


def _sequence_with_line(loader, node):
    items = loader.construct_sequence(node, deep=True)
    return _Lined(items, node.start_mark.line + 1)


class _Lined(list):
    def __init__(self, items, line):
        super().__init__(items)
        self.line = line


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence_with_line)


def load_groups(path: Path) -> tuple[list[Group], list[Problem]]:
    """The groups of synonymer.yml and what is wrong with it; a missing file has no groups."""
    if not path.is_file():
        return [], []
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(path, 1, 1, "", f"synonymlistan går inte att läsa: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [], [Problem(path, line, column, "", f"synonymlistan är inte giltig YAML: {getattr(error, 'problem', error)}")]
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [Problem(path, 1, 1, "", "synonymlistan ska vara en lista av grupper, en grupp per rad: - [unga, ungdomar]")]
    groups, problems = [], []
    seen: dict[str, int] = {}
    for position, entry in enumerate(raw, start=1):
        line = getattr(entry, "line", getattr(raw, "line", 1) + position - 1)
        if not isinstance(entry, list):
            problems.append(Problem(path, line, 1, f"grupp {position}",
                                    f"'{entry}' är inte en grupp; skriv orden inom hakparenteser: - [unga, ungdomar]"))
            continue
        words = [str(word).strip() for word in entry if word is not None and str(word).strip()]
        if len(words) < 2:
            problems.append(Problem(path, line, 1, f"grupp {position}",
                                    "en grupp behöver minst två ord som ska hitta varandra" if words
                                    else "gruppen är tom; ta bort raden eller skriv minst två ord"))
            continue
        members = []
        for word in words:
            key = word.casefold()
            if key in (m.casefold() for m in members):
                problems.append(Problem(path, line, 1, f"grupp {position}", f"'{word}' står två gånger i samma grupp"))
                continue
            if key in seen:
                problems.append(Problem(path, line, 1, f"grupp {position}",
                                        f"'{word}' står redan i gruppen på rad {seen[key]}; slå ihop grupperna"))
                continue
            seen[key] = line
            members.append(word)
        if len(members) >= 2:
            groups.append(Group(tuple(members), line))
    return groups, problems


# A synonym this common in Swedish is taken as written on purpose.
COMMON_ZIPF = 3.0


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def unknown_words(groups: list[Group], path: Path, known: set[str]) -> list[Problem]:
    """A warning for each synonym that looks misspelt: not a Swedish word, not in the content,
    but close to a word of the content ('ungdommar' -> 'menade du ungdomar?').

    A synonym that is simply absent from the content is what the list is for, and no fault."""
    problems = []
    known_stems: set[str] | None = None  # stemming every word of the content is done only when needed
    for group in groups:
        for member in group.members:
            words = [w for w in tokens(member) if w not in known]
            if words and known_stems is None:
                known_stems = {stem(word) for word in known}
            words = [w for w in words if stem(w) not in known_stems and zipf(w) < COMMON_ZIPF]
            close = [k for w in words if len(w) >= 5 for k in sorted(known) if _one_edit(w, k)]
            if close:
                problems.append(Problem(path, group.line, 1, "", f"'{member}' finns inte i något projekt",
                                        Severity.WARNING, suggestion=close[0]))
    return problems


def synonyms_path(projects_dir: Path) -> Path:
    return Path(projects_dir) / FILE_NAME


class Synonyms:
    """Which other words a text's words and phrases bring in."""

    def __init__(self, groups: list[Group]):
        self.groups = groups
        # Each member as its word stems, so 'ungdomarna' triggers the group of 'ungdomar'.
        self._members = [[tuple(stem(word) for word in tokens(member)) for member in group.members] for group in groups]

    def expand(self, text_stems: list[str]) -> list[str]:
        """The members of every group that a text (as its sequence of stems) mentions, other than those it has."""
        present = set(text_stems)
        joined = " " + " ".join(text_stems) + " "
        extra = []
        for group, members in zip(self.groups, self._members):
            found = [m for m in members if m and (len(m) == 1 and m[0] in present or
                                                  len(m) > 1 and f" {' '.join(m)} " in joined)]
            if found:
                extra += [member for member, stems in zip(group.members, members) if stems not in found]
        return extra
