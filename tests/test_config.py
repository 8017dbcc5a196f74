"""Configuration: discovery, paths, every key, and one-line errors (exit 2) for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pcs_lint.cli import main
from pcs_lint.config import Config, ConfigError, discover, load, load_config
from pcs_lint.findings import Severity
from pcs_lint.planning import CliOptions, UsageError, build_plan, fail_on_severity
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run

from .conftest import SAMPLES

BAD_SAMPLE = SAMPLES / "bad" / "PCS201-duplicate-id.xml"
REGISTRY = load_registry(autoload=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return exited.value.code, out, err


# ------------------------------------------------------------------ discovery


def test_nothing_found_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # pytest's temporary directories have no config above them
    assert discover(tmp_path) is None
    assert load_config() == Config()


def test_found_from_the_current_directory_upward(tmp_path, monkeypatch):
    config = write(tmp_path / ".pcs-lint.toml", 'select = ["PCS201"]\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert discover() == config
    assert load_config().select == ("PCS201",)


def test_the_nearest_file_wins(tmp_path, monkeypatch):
    write(tmp_path / ".pcs-lint.toml", 'select = ["PCS201"]\n')
    nearer = write(tmp_path / "a" / "pyproject.toml", '[tool.pcs-lint]\nselect = ["PCS002"]\n')
    (tmp_path / "a" / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert discover() == nearer
    assert load_config().select == ("PCS002",)


def test_dedicated_file_beats_pyproject_in_one_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.pcs-lint]\nselect = ["PCS002"]\n')
    dedicated = write(tmp_path / ".pcs-lint.toml", 'select = ["PCS201"]\n')
    assert discover(tmp_path) == dedicated


@pytest.mark.parametrize(
    "text",
    ['[project]\nname = "x"\n', '[tool.black]\nline-length = 99\n', "this is [ not toml"],
    ids=["no-tool-table", "other-tool", "broken"],
)
def test_a_pyproject_without_our_table_is_skipped(tmp_path, text):
    outer = write(tmp_path / ".pcs-lint.toml", 'select = ["PCS201"]\n')
    write(tmp_path / "inner" / "pyproject.toml", text)
    assert discover(tmp_path / "inner") == outer


def test_isolated_ignores_every_file(tmp_path, monkeypatch):
    write(tmp_path / ".pcs-lint.toml", "this is not toml\n")
    monkeypatch.chdir(tmp_path)
    assert load_config(isolated=True) == Config()
    with pytest.raises(ConfigError):
        load_config()


def test_explicit_file_is_used_instead_of_discovery(tmp_path, monkeypatch):
    write(tmp_path / ".pcs-lint.toml", "broken [\n")
    chosen = write(tmp_path / "other" / "lint.toml", 'ignore = ["PCS201"]\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(chosen).ignore == ("PCS201",)
    with pytest.raises(ConfigError, match="config file not found: .*missing.toml"):
        load_config(tmp_path / "missing.toml")


# ------------------------------------------------------------------ every key


def test_every_key_is_read_and_paths_are_relative_to_the_file(tmp_path, monkeypatch):
    config_file = write(tmp_path / "conf" / ".pcs-lint.toml", """
select = ["PCS2", "xml-syntax"]
ignore = ["PCS003"]
fail-on = "error"
schema-dir = "rng"
exclude = ["old/*.xml"]

[sysconfig]
node1 = "env/node1.sysconfig"

[authkey]
node1 = "../keys/node1.authkey"

[rules.PCS201]
severity = "warning"

[[suppress]]
rule = "PCS201"
id = "web"
reason = "known, being renamed"
""")
    monkeypatch.chdir(tmp_path)  # not the config file's directory
    config = load(config_file)
    base = tmp_path / "conf"
    assert config.path == config_file and config.base_dir == base
    assert config.select == ("PCS2", "xml-syntax")
    assert config.ignore == ("PCS003",)
    assert config.fail_on == "error"
    assert config.schema_dir == str(base / "rng")
    assert config.exclude == ("old/*.xml",)
    assert config.sysconfig == {"node1": str(base / "env" / "node1.sysconfig")}
    assert config.authkey == {"node1": str(tmp_path / "keys" / "node1.authkey")}
    assert config.rules == {"PCS201": {"severity": "warning"}}
    assert config.suppress == ({"rule": "PCS201", "id": "web", "reason": "known, being renamed"},)


def test_the_same_keys_under_tool_pcs_lint_in_pyproject(tmp_path):
    config = load(write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.pcs-lint]\nfail-on = "info"\nignore = ["PCS2"]\n'))
    assert (config.fail_on, config.ignore, config.select) == ("info", ("PCS2",), None)


def test_select_and_ignore_from_config_and_the_command_line():
    config = Config(select=("PCS0", "duplicate-id"), ignore=("PCS003",))
    codes = {r.code for r in build_plan(REGISTRY, config, CliOptions()).rules}
    assert {"PCS000", "PCS001", "PCS002", "PCS201"} <= codes
    assert "PCS003" not in codes and not any(c.startswith("PCS1") for c in codes)
    # --select replaces the config's select; --ignore adds to its ignore
    codes = {r.code for r in build_plan(REGISTRY, config, CliOptions(select=("PCS001", "PCS002"), ignore=("PCS002",))).rules}
    assert codes == {"PCS000", "PCS001"}


def test_the_internal_error_rule_cannot_be_ignored():
    codes = {r.code for r in build_plan(REGISTRY, Config(ignore=("PCS0",)), CliOptions(select=("PCS201",))).rules}
    assert codes == {"PCS000", "PCS201"}


def test_fail_on_from_config_then_command_line():
    assert fail_on_severity(Config(), CliOptions()) is Severity.WARNING
    assert fail_on_severity(Config(fail_on="error"), CliOptions()) is Severity.ERROR
    assert fail_on_severity(Config(fail_on="error"), CliOptions(fail_on="info")) is Severity.INFO
    with pytest.raises(UsageError, match="--fail-on: unknown severity 'loud'"):
        fail_on_severity(Config(), CliOptions(fail_on="loud"))


def test_rule_severity_by_code_or_name():
    for key in ("PCS201", "duplicate-id"):
        plan = build_plan(REGISTRY, Config(rules={key: {"severity": "info"}}), CliOptions())
        assert plan.severities == {"PCS201": Severity.INFO}
        findings = run([str(BAD_SAMPLE)], plan).findings
        assert [(f.rule, f.severity) for f in findings] == [("PCS201", Severity.INFO)]


def test_rule_options_are_validated_against_the_rules_schema_and_defaults_filled():
    from dataclasses import replace

    schema = {"type": "object", "additionalProperties": False,
              "properties": {"limit": {"type": "integer", "minimum": 1, "default": 3}, "mode": {"type": "string"}}}
    registry = load_registry(autoload=False)
    rule = replace(registry.find("PCS201"), options_schema=schema)
    registry = replace(registry, rules=tuple(rule if r.code == "PCS201" else r for r in registry.rules))
    plan = build_plan(registry, Config(rules={"PCS201": {"mode": "strict"}}), CliOptions())
    assert plan.options["PCS201"] == {"limit": 3, "mode": "strict"}
    with pytest.raises(UsageError, match=r"rules\.PCS201\.limit: 0 is less than the minimum of 1"):
        build_plan(registry, Config(path=Path("c.toml"), rules={"PCS201": {"limit": 0}}), CliOptions())
    with pytest.raises(UsageError, match=r"rules\.PCS201: unknown key 'colour'"):
        build_plan(registry, Config(path=Path("c.toml"), rules={"PCS201": {"colour": "red"}}), CliOptions())


def test_a_rule_without_options_refuses_any():
    with pytest.raises(UsageError, match=r"rules\.duplicate-id: unknown key 'limit'"):
        build_plan(REGISTRY, Config(path=Path("c.toml"), rules={"duplicate-id": {"limit": 1}}), CliOptions())


# ------------------------------------------------------------------ errors: one line, exit 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select = [\n", "invalid TOML in config file {path}: "),
        ('colour = "red"\n', "invalid config {path}: (top level): unknown key 'colour'"),
        ("select = 5\n", "invalid config {path}: select: 5 is not of type 'array'"),
        ('select = [""]\n', "invalid config {path}: select.0: "),
        ('fail-on = "never"\n', "invalid config {path}: fail-on: 'never' is not one of ['error', 'warning', 'info']"),
        ("[sysconfig]\nnode1 = 3\n", "invalid config {path}: sysconfig.node1: 3 is not of type 'string'"),
        ('[rules.PCS201]\nseverity = "loud"\n', "invalid config {path}: rules.PCS201.severity: 'loud' is not one of"),
        ("rules = 3\n", "invalid config {path}: rules: 3 is not of type 'object'"),
        ('[[suppress]]\nrule = "PCS201"\nreason = "x"\n', "invalid config {path}: suppress.0: 'id' is a required property"),
        ('[rules.PCS999]\nseverity = "info"\n', "config {path}: rules.PCS999: no rule has this code or name"),
        ('select = ["PCS999"]\n', "config {path}: select: 'PCS999' matches no rule"),
        ('ignore = ["no-such-rule"]\n', "config {path}: ignore: 'no-such-rule' matches no rule"),
        ('[sysconfig]\nnode1 = "missing.env"\n', "environment or key file {dir}/missing.env: no such file"),
    ],
    ids=["toml", "unknown-key", "wrong-type", "empty-string", "bad-enum", "nested-type", "bad-severity",
         "rules-type", "suppress-required", "unknown-rule-table", "unknown-select", "unknown-ignore", "missing-env"],
)
def test_bad_config_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, text, expected):
    config_file = write(tmp_path / ".pcs-lint.toml", text)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, str(BAD_SAMPLE))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("pcs-lint: error: " + expected.format(path=config_file, dir=tmp_path))


def test_bad_pyproject_table_names_the_full_key(tmp_path, monkeypatch, capsys):
    config_file = write(tmp_path / "pyproject.toml", "[tool.pcs-lint]\nfail-on = 1\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, str(BAD_SAMPLE))
    assert code == 2
    assert err == f"pcs-lint: error: invalid config {config_file}: tool.pcs-lint.fail-on: 1 is not one of ['error', 'warning', 'info']\n"


def test_a_config_file_that_is_not_utf8(tmp_path, monkeypatch, capsys):
    write(tmp_path / "x", "")
    (tmp_path / ".pcs-lint.toml").write_bytes(b"\xff\xfeselect = []\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, str(BAD_SAMPLE))
    assert (code, err.count("\n")) == (2, 1)
    assert "cannot read config file" in err and "not UTF-8" in err


def test_a_config_path_that_is_a_directory(tmp_path, capsys):
    code, _, err = cli(capsys, "--config", str(tmp_path), str(BAD_SAMPLE))
    assert (code, err) == (2, f"pcs-lint: error: cannot read config file {tmp_path}: is a directory\n")


def test_isolated_skips_a_broken_config(tmp_path, monkeypatch, capsys):
    write(tmp_path / ".pcs-lint.toml", "broken [\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "--isolated", "--format", "json", str(BAD_SAMPLE))
    assert code == 1
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["PCS201"]


def test_config_settings_reach_the_run(tmp_path, monkeypatch, capsys):
    # fail-on = error with the finding lowered to a warning: reported, but exit 0.
    write(tmp_path / "cfg" / "pcs.toml", 'fail-on = "error"\n[rules.duplicate-id]\nseverity = "warning"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "--config", "cfg/pcs.toml", "--format", "json", str(BAD_SAMPLE))
    report = json.loads(out)
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("PCS201", "warning")]
    assert report["summary"]["fail_on"] == "error"
