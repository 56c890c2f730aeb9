"""Similar projects, computed at build time: TF-IDF over each project's own words, stemmed the Swedish way.

A suggestion complements the editor's 'relaterade' and is shown as one: it comes from
the title, summary, keywords, body and PDF text, never from the facets (which listings
already cover). scikit-learn does the weighting and the sparse cosine products; the
Snowball stemmer makes 'hemlösa' and 'hemlösheten' one word.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Callable, Iterable

from . import pdf

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


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


# A corpus has tens of thousands of distinct words and millions of occurrences: stem each once.
@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def analyse(text: str) -> list[str]:
    """Words of three letters or more, lower case, stemmed."""
    return [stem(word) for word in _WORD.findall(text.casefold())]


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


def similar_projects(projects: Iterable["Project"], count: int = SUGGESTIONS,
                     attachments: Callable[["Project"], str] = pdf_text) -> dict[str, list["Project"]]:
    """For each project id, up to `count` other projects most alike, best first.

    Projects the editor already named as related (in either direction) are left out:
    the page lists those under their own heading."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    projects = list(projects)
    if len(projects) < 2:
        return {project.id: [] for project in projects}
    # Words many projects share (och, projekt, beviljades, stadsdelsförvaltning) say nothing of a topic.
    vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, max_df=MAX_DF if len(projects) >= 20 else 1.0)
    matrix = vectorizer.fit_transform(project_text(project, attachments) for project in projects)
    named = {project.id: set(project.related) for project in projects}
    for project in projects:
        for other in project.related:
            named.setdefault(other, set()).add(project.id)
    suggestions: dict[str, list["Project"]] = {}
    for start in range(0, len(projects), CHUNK):
        scores = (matrix[start:start + CHUNK] @ matrix.T).toarray()
        for offset, row in enumerate(scores):
            project = projects[start + offset]
            row[start + offset] = 0.0
            order = row.argsort()[::-1]
            chosen = []
            for index in order:
                if row[index] < MIN_SIMILARITY or len(chosen) == count:
                    break
                if projects[index].id not in named[project.id]:
                    chosen.append(projects[index])
            suggestions[project.id] = chosen
    return suggestions
