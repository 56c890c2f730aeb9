"""`kb redigera` from the command line: clear Swedish messages before any server starts."""

from tests.unit.cli_support import content_copy, kb


def test_without_the_site_configuration_it_says_where_to_run_it(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    assert kb("redigera", "--projektmapp", corpus, "--mkdocs", tmp_path / "saknas.yml") == 1
    assert "hittar inte" in capsys.readouterr().err


def test_a_broken_vocabulary_stops_it_with_the_reason(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    (corpus / "vokabular.yml").write_text("typer: [\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    assert kb("redigera", "--projektmapp", corpus, "--mkdocs", config, "--port", "0") == 1
    assert "vokabulären" in capsys.readouterr().err
