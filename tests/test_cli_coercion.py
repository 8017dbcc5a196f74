"""typer's parameter coercion without pydantic (lint/cli_coercion.py): every parameter of every
command gets the value typer's own coercion would give, or the same error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from pcs_lint.cli import app

typer_coercion = pytest.importorskip("typer._coercion", reason="this typer has no per-parameter coercion hook")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = (None, "", "x", " 7 ", "-1", "0", "2", "1.5", "-", ("a", "b"), (), ["a"], ("a", 2), 0, 1, -1, 2.0,
           True, False, Path("p"))


def command_parameters():
    group = typer.main.get_command(app)
    for name in group.list_commands(None):
        command = group.commands[name]
        context = command.context_class(command, info_name=name)
        for param in command.get_params(context):
            yield name, context, param


def outcome(runtime_param, value, param, context):
    try:
        result = runtime_param.coerce(value, param=param, ctx=context)
    except Exception as error:  # the error typer reports is part of the behaviour
        return ("raised", type(error).__name__, str(error))
    return ("value", type(result).__name__, repr(result))


PARAMETERS = list(command_parameters())


@pytest.mark.parametrize(("command", "context", "param"), PARAMETERS,
                         ids=[f"{command}-{param.name}" for command, _, param in PARAMETERS])
def test_same_values_and_errors_as_typer(command, context, param):
    ours = param._runtime_param
    assert type(ours).__name__ == "_PlainFirst"
    typers = typer_coercion.build_runtime_param(param.type_descriptor)
    for value in SAMPLES:
        assert outcome(ours, value, param, context) == outcome(typers, value, param, context), value


def test_the_plain_values_skip_typer(monkeypatch):
    """The point of it: a text value, a list of texts and an in-range default never reach
    typer's pydantic adapter."""
    def refuse(descriptor):
        raise AssertionError(f"typer's coercion built for {descriptor.annotation}")

    monkeypatch.setattr("pcs_lint.cli_coercion.build_runtime_param", refuse)
    checked = {param.name: (param, context) for command, context, param in PARAMETERS if command == "check"}
    for name, value in (("output_format", "json"), ("paths", ("a.xml", "b.xml")), ("jobs", 1), ("jobs", 0)):
        param, context = checked[name]
        param._runtime_param.coerce(value, param=param, ctx=context)
    param, context = checked["jobs"]
    with pytest.raises(AssertionError):  # text to convert: typer's business
        param._runtime_param.coerce("3", param=param, ctx=context)


def test_a_plain_lint_imports_neither_pydantic_nor_importlib_metadata(tmp_path):
    code = ("import sys\nfrom pcs_lint.cli import main\n"
            "try:\n    main(['--isolated', '--format', 'json', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pydantic', 'importlib.metadata') if m in sys.modules), file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code, str(ROOT / "samples" / "clean" / "cib.xml")],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.stderr.strip().splitlines()[-1] == "[]", run.stderr


def test_a_number_given_as_text_is_still_typers(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pcs_lint", "--isolated", "--jobs", "x", str(ROOT / "samples" / "clean" / "cib.xml")],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 2
    assert run.stderr.startswith("pcs-lint: error: Invalid value for '--jobs' / '-j':"), run.stderr
