"""The thin CLI: help with an example for each command, exit codes, JSON form."""

import json

import pytest

from generator.cli import _parser, main
from tests.conftest import SEEDS


@pytest.mark.parametrize("command", ["build", "extract"])
def test_each_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "example:" in out and f"digest {command}" in out


def test_extract_writes_schema_json_named_after_the_input(tmp_path):
    assert main(["extract", "--json-dir", str(tmp_path), *map(str, sorted(SEEDS.glob("*.txt")))]) == 0
    files = sorted(p.name for p in tmp_path.glob("*.json"))
    assert files == sorted(p.stem + ".json" for p in SEEDS.glob("*.txt"))
    d = json.loads((tmp_path / "003_f1aac2ba4ab8f433.json").read_text(encoding="utf-8"))
    for key in (
        "source",
        "title",
        "date",
        "date_basis",
        "place",
        "chairs",
        "speakers",
        "attendees",
        "tasks",
        "targets",
        "frameworks",
    ):
        assert key in d
    assert d["chairs"][0]["evidence"] is not None and d["date_evidence"]


def test_extract_reports_missing_and_bad_files(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    code = main(["extract", "--json-dir", str(tmp_path / "o"), str(bad), str(tmp_path / "nope.txt")])
    err = capsys.readouterr().err
    assert code == 1 and "bad.txt" in err and "nope.txt" in err


def test_build_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["build", "--seeds", str(tmp_path / "nothing")]) == 2
    assert "nothing" in capsys.readouterr().err


def test_parser_lists_both_commands():
    text = _parser().format_help()
    assert "build" in text and "extract" in text
