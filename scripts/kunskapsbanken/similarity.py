"""Similar projects, computed at build time: TF-IDF over each project's own words, stemmed the Swedish way.

A suggestion complements the editor's 'relaterade' and is shown as one: it comes from
the title, summary, keywords, body and PDF text, never from the facets (which listings
already cover). SciPy's sparse matrices hold the weights and do the cosine products; the
Snowball stemmer makes 'hemlösa' and 'hemlösheten' one word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterable

from . import pdf
from .swedish import stem

if TYPE_CHECKING:
    from .model import Project

SUGGESTIONS = 5
# Below this cosine similarity two projects share too little to be suggested.
MIN_SIMILARITY = 0.08
# A word in more than this share of the projects is dropped (judged on the real content:
# at 0.5 the programme's boilerplate, "lokala utvecklingsmedel", decided half the suggestions).
MAX_DF = 0.15
# Rows of the similarity matrix computed at a time: 500 × 5,000 floats is 20 MB.
CHUNK = 500
_WORD = re.compile(r"[^\W\d_]{3,}")


def pdf_text(project: "Project") -> str:
    """The text layer of the project's PDFs that exist (read once per file version, see kunskapsbanken.pdf)."""
    texts = []
    for document in project.documents:
        path = project.attachment_path(document)
        if path is None or document.file not in project.file_sizes or path.suffix.lower() != ".pdf":
            continue
        texts += [page for page in pdf.read(path).pages if page]
    return " ".join(texts)


def project_text(project: "Project", attachments: Callable[["Project"], str] = pdf_text) -> str:
    # The title and keywords say most about a project, so they count twice.
    heading = " ".join([project.title, *project.keywords])
    return " ".join([heading, heading, project.summary, project.body, attachments(project)])


def term_counts(text: str) -> Counter[str]:
    """How often each stem occurs. Words are counted first (in C), then each distinct word is stemmed."""
    stems: Counter[str] = Counter()
    for word, times in Counter(_WORD.findall(text.casefold())).items():
        stems[stem(word)] += times
    return stems


def _weighted_rows(texts: Iterable[str]):
    """TF-IDF rows, normalised to length 1: sublinear term frequency, smoothed idf (as scikit-learn's)."""
    import numpy as np
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, text in enumerate(texts):
        for term, times in term_counts(text).items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(1.0 + math.log(times))
    count = rows[-1] + 1 if rows else 0
    matrix = sparse.csr_matrix((values, (rows, columns)), shape=(count, len(vocabulary)))
    in_documents = np.bincount(columns, minlength=len(vocabulary))
    idf = np.log((1 + count) / (1 + in_documents)) + 1.0
    if count >= 20:
        idf[in_documents > MAX_DF * count] = 0.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


Entry = tuple[str, str, tuple[str, ...]]  # project id, its text, the ids it names as related


def similar_ids(entries: list[Entry], count: int = SUGGESTIONS) -> dict[str, list[str]]:
    """For each project id, up to `count` ids of other projects most alike, best first.

    Projects the editor already named as related (in either direction) are left out:
    the page lists those under their own heading. Plain data in and out, so that it
    can run in another process."""
    import numpy as np

    if len(entries) < 2:
        return {pid: [] for pid, _, _ in entries}
    matrix = _weighted_rows(text for _, text, _ in entries)
    ids = [pid for pid, _, _ in entries]
    named = {pid: set(related) for pid, _, related in entries}
    for pid, _, related in entries:
        for other in related:
            named.setdefault(other, set()).add(pid)
    # A few more candidates than wanted, since named relations are skipped.
    wanted = min(count + 8, len(ids) - 1)
    suggestions: dict[str, list[str]] = {}
    for start in range(0, len(ids), CHUNK):
        scores = (matrix[start:start + CHUNK] @ matrix.T).toarray()
        for offset, row in enumerate(scores):
            pid = ids[start + offset]
            row[start + offset] = 0.0
            best = np.argpartition(row, -wanted)[-wanted:]
            chosen = []
            for index in best[np.argsort(-row[best], kind="stable")]:
                if row[index] < MIN_SIMILARITY or len(chosen) == count:
                    break
                if ids[index] not in named[pid]:
                    chosen.append(ids[index])
            suggestions[pid] = chosen
    return suggestions


def entries(projects: Iterable["Project"], attachments: Callable[["Project"], str] = pdf_text) -> list[Entry]:
    return [(p.id, project_text(p, attachments), tuple(p.related)) for p in projects]


class SimilarInBackground:
    """The suggestions, computed in a process of its own while the build makes the other pages.

    Counting every word of every project is pure Python and takes seconds at 5,000 projects;
    beside the main process it uses another core instead of adding to the build."""

    def __init__(self, projects: Iterable["Project"], low_priority: bool = False):
        from .background import Forked

        projects = list(projects)
        self.job = Forked(lambda: similar_ids(entries(projects)), low_priority)

    def result(self) -> dict[str, list[str]]:
        return self.job.result()
