"""`kb lista` validates every filter; every `kb` command stays quiet when its reader goes away."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kunskapsbanken.cli import build_parser

from tests.support import REPO
from tests.unit.cli_support import kb


@pytest.mark.parametrize("option, value, suggestion", [
    ("--typ", "XYZ", None),
    ("--typ", "LUMM", "LUM"),
    ("--status", "avslut", "avslutat"),
    ("--status", "pågånde", "pågående"),
    ("--område", "Hemlöshe", "Hemlöshet"),
    ("--förvaltning", "Skärholmn", "Skärholmen"),
    ("--dokumenttyp", "slutrapor", "slutrapport"),
])
def test_every_unknown_filter_value_is_exit_2_with_a_suggestion(capsys, option, value, suggestion):
    assert kb("lista", "--projektmapp", REPO / "projects", option, value) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"okänt värde '{value}'" in captured.err
    if suggestion:
        assert f"menade du '{suggestion}'?" in captured.err
    else:
        assert "menade du" not in captured.err and "FUM, LUM, MUL" in captured.err


@pytest.mark.parametrize("option, written, canonical", [
    ("--typ", "fum", "FUM"), ("--typ", "must", "MUL"), ("--status", "Avslutat", "avslutat"),
    ("--område", "hemlöshet", "Hemlöshet"),
])
def test_filter_values_match_without_regard_to_case(capsys, option, written, canonical):
    assert kb("lista", "--projektmapp", REPO / "projects", option, written) == 0
    exact = capsys.readouterr()
    assert kb("lista", "--projektmapp", REPO / "projects", option, canonical) == 0
    assert capsys.readouterr().out == exact.out and exact.out.count("\n") > 1


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run kb with stdout a pipe whose reader is gone before the first byte is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "kunskapsbanken.cli", *args], stdout=write,
                              stderr=subprocess.PIPE, cwd=REPO, timeout=300)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [
    ("kontrollera", "--format", "json"), ("kontrollera",), ("lista",), ("schema",), ("--hjälp",),
] + [(command, "--hjälp") for command in build_parser()._subparsers._group_actions[0].choices])
def test_closed_pipe_ends_quietly(args):
    result = _into_closed_pipe(*args)
    assert result.stderr.decode() == ""
    # argparse ignores a failed write of its help itself; the commands end as a closed pipe ends a tool.
    assert result.returncode == (0 if "--hjälp" in args else 141)


FILTER_VALUES = st.one_of(st.text(max_size=12), st.sampled_from(["fum", "Lum", "MUST", "avslut", "PÅGÅENDE",
                                                                 "hemlöshet", "Hemlöshe", "slutrapport"]))


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")) // 3, deadline=None)
@given(st.sampled_from(["--typ", "--status", "--område", "--förvaltning", "--utförare", "--dokumenttyp"]),
       FILTER_VALUES)
def test_every_filter_value_is_either_understood_or_refused(option, value):
    if value.startswith("-"):
        value = " " + value  # argparse would take it for an option
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = kb("lista", "--projektmapp", REPO / "projects", option, value)
    if code == 0:
        assert "okänt" not in err.getvalue()
    else:
        assert code == 2 and out.getvalue() == "" and f"okänt värde '{value}'" in err.getvalue()
