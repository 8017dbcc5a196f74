"""The README cannot go stale: its commands, config example, option table, rule families and
sample output are checked against the real thing."""

from __future__ import annotations

import re
import tomllib

import pytest

from pcs_lint.cli import main
from pcs_lint.config import load
from pcs_lint.plugins import load_registry

from .conftest import ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.M | re.S)


def test_the_test_command_is_the_one_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line for block in blocks("sh") for line in block.splitlines() if "pytest" in line]
    setup = [line for line in lines if "not slow" not in line]
    assert setup == ["python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest -q"]
    assert re.search(r'venv/bin/python" -m pytest -q$', ci, re.M)
    assert "pip install -q -e \".[test]\"" in ci


def test_the_inner_loop_is_the_fast_tests_and_the_lint_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    loop = [line for block in blocks("sh") for line in block.splitlines() if "not slow" in line]
    assert loop == ['.venv/bin/python -m pytest -q -m "not slow" && .venv/bin/ruff check .']
    assert re.search(r'venv/bin/ruff" check \.$', ci, re.M)


def test_the_install_command_lints_the_bundled_sample():
    block = blocks("sh")[0]
    assert "pip install . && (cd samples/clean && ../../.venv/bin/pcs-lint cib.xml)" in block
    assert (SAMPLES / "clean" / "cib.xml").exists()


def test_the_config_example_is_valid(tmp_path):
    example = blocks("toml")[0]
    tomllib.loads(example)
    config_file = tmp_path / ".pcs-lint.toml"
    config_file.write_text(example)
    config = load(config_file)  # validated against schemas/config.schema.json
    registry = load_registry(autoload=False)
    for key in (*config.rules, *(s["rule"] for s in config.suppress)):
        assert registry.find(key), f"README config example names unknown rule {key}"
    for selector in (*(config.select or ()), *config.ignore):
        assert selector == "ALL" or any(r.code.startswith(selector) or r.name == selector for r in registry.rules)


def test_every_config_key_is_documented():
    import json

    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    example = tomllib.loads(blocks("toml")[0])
    assert set(schema["properties"]) == set(example), "document every config key in the README example"


def test_every_option_in_the_table_exists(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = capsys.readouterr().out
    options = set(re.findall(r"`(--[a-z-]+)", README))
    assert options
    missing = sorted(o for o in options if o not in help_text and o != "--help")
    assert not missing, f"README documents options the CLI lacks: {missing}"


def test_every_rule_family_is_listed():
    families = set(re.findall(r"^\| (PCS\dxx) \|", README, re.M))
    for rule in load_registry(autoload=False).rules:
        if rule.plugin == "builtin":
            assert f"{rule.code[:4]}xx" in families, rule.code


def test_the_sample_output_is_real(capsys, monkeypatch):
    shown = re.search(r"^```\n(cib\.xml:28:7: PCS201 .*?)^```", README, re.M | re.S).group(1)
    monkeypatch.chdir(SAMPLES / "bad")
    with pytest.raises(SystemExit):
        main(["--isolated", "--color", "never", "PCS201-duplicate-id.xml"])
    real = capsys.readouterr().out.replace("PCS201-duplicate-id.xml", "cib.xml")
    assert real == shown


def test_the_documented_exit_codes():
    table = dict(re.findall(r"^\| ([012]) \| (.+) \|$", README, re.M))
    assert set(table) == {"0", "1", "2"}
    from pcs_lint.runner import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

    assert (EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR) == (0, 1, 2)


def test_every_report_format_is_documented():
    from pcs_lint.reporters import FORMATS

    for name in FORMATS:
        assert f"| `{name}` |" in README, f"format {name} is missing from the README's table"


def test_every_suppression_form_and_the_baseline_workflow_are_documented():
    for text in ("<!-- pcs-lint: disable=", "<!-- pcs-lint: disable-file=", "# pcs-lint: disable=",
                 "[[suppress]]", "--write-baseline", "--baseline", "--jobs", "--force-exclude"):
        assert text in README, text


def test_the_rule_index_is_up_to_date(capsys):
    """docs/rules.md is `pcs-lint rules --format markdown`: regenerate it when a rule changes."""
    from pcs_lint.cli import main

    with pytest.raises(SystemExit):
        main(["rules", "--format", "markdown"])
    assert (ROOT / "docs" / "rules.md").read_text() == capsys.readouterr().out


def test_the_sbd_example_output_is_real(capsys, monkeypatch):
    shown = re.search(r"^```\n(cib\.xml:6:9: PCS601 .*?)\n```", README, re.M | re.S).group(1)
    monkeypatch.chdir(SAMPLES / "bad" / "PCS601-watchdog-timeout-vs-sbd")
    with pytest.raises(SystemExit):
        main(["--color", "never", "--config", ".pcs-lint.toml", "cib.xml"])
    assert shown in capsys.readouterr().out.splitlines()


def test_the_whole_cluster_examples_give_the_output_shown(tmp_path):
    """Each command of "Linting a whole cluster" run as a shell would, from the project's top
    (here a scratch directory whose samples/ is the project's, so a tarball it makes lands
    there), prints exactly the output shown below it."""
    import os
    import subprocess
    import sys

    section = README.split("## Linting a whole cluster\n", 1)[1].split("\n## ", 1)[0]
    pairs = re.findall(r"^```sh\n(.*?)^```\n\n^```\n(.*?)^```", section, re.M | re.S)
    assert len(pairs) == 3  # files in git, sosreports, a crm_report tarball
    (tmp_path / "samples").symlink_to(SAMPLES)
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
           "NO_COLOR": "1"}
    for command, shown in pairs:
        ran = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=120)
        assert (ran.stdout, ran.stderr) == (shown, ""), command
