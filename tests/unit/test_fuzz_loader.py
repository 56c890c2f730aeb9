"""Property tests: whatever bytes or front matter an editor saves, the loader and the checker
answer with Problems – never a traceback – and never change a file they read."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from unittest import mock

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kunskapsbanken import loader as loader_module
from kunskapsbanken.checks import check_all
from kunskapsbanken.loader import load_project
from kunskapsbanken.model import FrontMatter
from kunskapsbanken.problems import Problem
from kunskapsbanken.vocabulary import Vocabulary

from tests.support import VOCABULARY_FILE
from tests.unit.checker_support import GOOD, make_corpus

FUZZ = settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = [field.alias or name for name, field in FrontMatter.model_fields.items()] + ["typ", "fil", "x", "titell"]
VOCABULARY = Vocabulary.load(VOCABULARY_FILE)

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.text(max_size=40),
    st.sampled_from(["2019", "2019-13-01", "2019-02-30", "LUM", "MUST", "Hemlöshe", "Oslo, Norge",
                     "880320-0016", "slutrapport.pdf", "../x.pdf", "[a](b.md)", "\x00", "é" * 300]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.sampled_from(KEYS), st.integers(1990, 2030), st.text(max_size=8)),
                                            inner, max_size=4)),
    max_leaves=12,
)
front_matters = st.dictionaries(st.sampled_from(KEYS), yaml_values, max_size=12)


def mutate(text: str, data) -> str:
    """Delete, insert or replace a few characters or whole lines of a good page."""
    for _ in range(data.draw(st.integers(1, 4))):
        if not text:
            break
        at = data.draw(st.integers(0, len(text) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "line", "swap"]))
        if action == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 8)):]
        elif action == "insert":
            text = text[:at] + data.draw(st.text(st.sampled_from(":-[]{}'\"#&*!|>%@`\t\n ,aö0\r\ufeff"),
                                                 max_size=6)) + text[at:]
        elif action == "line":
            lines = text.split("\n")
            lines[data.draw(st.integers(0, len(lines) - 1))] = data.draw(st.text(max_size=30))
            text = "\n".join(lines)
        else:
            text = text[at:] + text[:at]
    return text


def snapshot(root: Path) -> dict:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def assert_checked_safely(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = make_corpus(root, {"bo-kvar.md": content, "annat/index.md": GOOD.encode("utf-8")})
        before = snapshot(root)
        project, problems = load_project(corpus / "bo-kvar.md", corpus, VOCABULARY)
        assert project is not None or any(p.is_error for p in problems)
        catalog, problems = check_all(corpus)
        assert all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 for p in problems)
        assert all(str(p) for p in problems)
        assert snapshot(root) == before


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(content):
    assert_checked_safely(content)


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_after_a_fence(content):
    assert_checked_safely(b"---\n" + content + b"\n---\nText\n")


@FUZZ
@given(front_matters, st.text(max_size=80))
def test_random_front_matter(data, body):
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    assert_checked_safely(f"---\n{text}---\n{body}".encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.data())
def test_mutated_good_page(data):
    assert_checked_safely(mutate(GOOD, data).encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.data(), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_mutated_page_in_other_encodings(data, encoding):
    assert_checked_safely(mutate(GOOD, data).encode(encoding, errors="replace"))


# --- hostile structures: the work is bounded by the limits, not by what the page asks for ------



def _alias_bomb(levels: int, fan_out: int) -> str:
    lines = ["a0: &a0 [x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * fan_out) + "]")
    return "\n".join(lines)


@FUZZ
@given(st.integers(1, 14), st.integers(1, 14), st.integers(0, 3_000), st.sampled_from(["[", "{a: ", "- "]))
def test_aliases_and_nesting_cost_at_most_the_limits(levels, fan_out, depth, opener):
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    nested = opener * depth + "x" + closer * depth if opener != "- " else \
        "\n".join("  " * i + "- " for i in range(depth)) + "x"
    text = f"---\ntitel: Bo kvar\n{_alias_bomb(levels, fan_out)}\nn: {nested}\n---\n"
    original, visits = loader_module._positions, []

    def counting(node, prefix=()):
        visits.append(1)
        return original(node, prefix)

    with tempfile.TemporaryDirectory() as folder, mock.patch.object(loader_module, "_positions", counting):
        path = Path(folder) / "bo-kvar.md"
        path.write_text(text, encoding="utf-8")
        project, problems = load_project(path, Path(folder), VOCABULARY)
    assert project is None and problems
    # Every value the loader walks after parsing is within the limit, however many the aliases stand for.
    assert len(visits) <= loader_module.MAX_VALUES + 1


@FUZZ
@given(st.data())
def test_decomposed_unicode_reads_as_composed(data):
    text = mutate(GOOD, data) if data.draw(st.booleans()) else GOOD
    with tempfile.TemporaryDirectory() as folder:
        composed, decomposed = Path(folder) / "bo-kvar.md", Path(folder) / "nfd" / "bo-kvar.md"
        decomposed.parent.mkdir()
        composed.write_text(unicodedata.normalize("NFC", text), encoding="utf-8", errors="surrogatepass")
        decomposed.write_text(unicodedata.normalize("NFD", text), encoding="utf-8", errors="surrogatepass")
        first = load_project(composed, composed.parent, VOCABULARY)
        second = load_project(decomposed, decomposed.parent, VOCABULARY)
    assert [(p.line, p.field, p.message) for p in first[1]] == [(p.line, p.field, p.message) for p in second[1]]
    assert (first[0] is None) == (second[0] is None)
    if first[0] is not None:
        assert first[0].model_dump(exclude={"source"}) == second[0].model_dump(exclude={"source"})


MARKDOWN_BITS = st.text(st.sampled_from(list("[]()<>*_`#-+:|!{}&;\\\n ab1.=~")), max_size=300)


@FUZZ
@given(MARKDOWN_BITS)
def test_any_body_is_checked_without_a_traceback(body):
    assert_checked_safely((GOOD.split("---\n\n")[0] + "---\n\n" + body).encode("utf-8"))
