"""The --format json report validates against schemas/report.schema.json (shipped in the package),
for real CLI output: a bad sample, the clean sample, input errors, a plugin failure, a corpus file."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest

from pcs_lint.cli import main

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("pcs_lint.schemas").joinpath("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def report(capsys, *args: str, config: str | None = None) -> tuple[int, dict]:
    with pytest.raises(SystemExit) as exited:
        main([*(["--config", config] if config else ["--isolated"]), "--format", "json", *args])
    return exited.value.code, json.loads(capsys.readouterr().out)


def assert_valid(validator, document: dict) -> None:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_every_bad_sample(capsys, validator):
    for sample in sorted((SAMPLES / "bad").iterdir()):
        if sample.is_dir():  # a directory sample brings its environment files in its config
            # and, without a cib.xml, its report bundles as the config's files (PCS707)
            targets = [str(sample / "cib.xml")] if (sample / "cib.xml").exists() else []
            code, document = report(capsys, *targets, config=str(sample / ".pcs-lint.toml"))
        else:
            code, document = report(capsys, str(sample))
        assert_valid(validator, document)
        assert document["findings"] and document["summary"]["exit_code"] == code


def test_the_clean_sample(capsys, validator, monkeypatch):
    monkeypatch.chdir(SAMPLES / "clean")
    with pytest.raises(SystemExit) as exited:
        main(["--format", "json", "cib.xml"])  # with its own config, environment files and corosync.conf
    document = json.loads(capsys.readouterr().out)
    assert_valid(validator, document)
    assert (exited.value.code, document["findings"], document["summary"]["files"]) == (0, [], 2)
    assert [entry["path"] for entry in document["files"]] == ["corosync.conf", "cib.xml"]


def test_input_errors_and_several_files(capsys, validator, tmp_path):
    code, document = report(capsys, str(SAMPLES / "bad" / "PCS201-duplicate-id.xml"), str(tmp_path / "missing.xml"), "--exit-zero")
    assert_valid(validator, document)
    assert code == 2 and document["summary"]["errors"] == [f"{tmp_path / 'missing.xml'}: no such file"]


def test_a_plugin_failure(capsys, validator):
    from pcs_lint import plugins

    class Broken:
        __name__ = "broken"

        @plugins.hookspecs.hookimpl
        def pcs_lint_rules(self):
            raise RuntimeError("boom")

    original = plugins.load_registry

    def with_broken(**kwargs):
        return original(**{**kwargs, "extra_plugins": (Broken(),)})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugins, "load_registry", with_broken)
        code, document = report(capsys, str(SAMPLES / "bad" / "PCS201-duplicate-id.xml"))
    assert_valid(validator, document)
    assert code == 2
    assert ("PCS000", "<plugins>", None) in [(f["rule"], f["path"], f["line"]) for f in document["findings"]]


def test_a_fix_carries_its_pcs_commands_and_a_hint_rendered_from_them(capsys, validator):
    _, document = report(capsys, str(SAMPLES / "bad" / "PCS303-fence-device-grouped.xml"), "--select", "PCS303")
    assert_valid(validator, document)
    [finding] = document["findings"]
    assert finding["fix"] == {"commands": ["pcs resource group remove fencing fence-ipmi"]}
    assert finding["hint"] == "pcs resource group remove fencing fence-ipmi"


def test_a_fix_is_only_pcs_command_lines():
    from pcs_lint.findings import Fix, remedy

    for commands in ((), ("crm configure delete x",), ("pcs property set a=b", "cibadmin --delete")):
        with pytest.raises(ValueError):
            Fix(commands)
    fix = Fix.of("pcs constraint remove c1", "pcs constraint order a then b")
    assert remedy(fix) == {"fix": fix, "hint": None}  # the engine renders the hint from the commands
    assert remedy(fix, " (note)")["hint"] == "pcs constraint remove c1, then pcs constraint order a then b (note)"
    assert remedy("advice") == {"hint": "advice"}


def test_a_fix_whose_words_a_shell_would_read_otherwise_is_text_only():
    from pcs_lint.findings import Fix
    from pcs_lint.testing import cib, lint_text

    assert Fix.of("pcs constraint location web rule role=Promoted score=50 '#uname' eq node1").is_plain()
    for hostile in ("pcs constraint remove x;reboot", "pcs constraint remove $(id)", "pcs resource meta 'a",
                    "pcs constraint remove a\nreboot", "pcs constraint remove #x", "pcs constraint remove `id`"):
        assert not Fix.of(hostile).is_plain(), hostile
    # An id the schema would refuse (validate-with="none" checks nothing) reaches the command.
    xml = cib(constraints='      <rsc_order id="o;reboot" first="web" then="web"/>', validate_with="none",
              resources='      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>')
    [finding] = lint_text(xml, select=["PCS202"])
    assert finding.fix is None and "o;reboot" in finding.hint


def test_plain_fix_lines_are_judged_as_with_shlex():
    """Fix.is_plain splits plain lines at their spaces instead of with shlex: the same verdict as
    shlex's words for every line, plain or not (random lines over the characters that matter)."""
    import random
    import re
    import shlex

    from pcs_lint.findings import Fix

    plain_word = re.compile(r"[\w.:@%+=,/#-]*")

    def with_shlex(command):
        try:
            words = shlex.split(command)
        except ValueError:
            return False
        return ("\n" not in command and all(plain_word.fullmatch(word) for word in words)
                and not any(word.startswith("#") and f"'{word}'" not in command for word in words))

    pieces = ["pcs", " ", "  ", "a", "é", "1", "#", "'", '"', "\\", "\t", "\n", ";", "$", "=", "-", ":", "x#y", "'#uname'"]
    generator = random.Random(14)
    for _ in range(5000):
        command = "pcs " + "".join(generator.choice(pieces) for _ in range(generator.randint(0, 8)))
        assert Fix.of(command).is_plain() == with_shlex(command), repr(command)


def test_advice_carries_no_fix(capsys, validator):
    _, document = report(capsys, str(SAMPLES / "bad" / "PCS301-no-fence-device.xml"), "--select", "PCS301")
    assert_valid(validator, document)
    assert [(f["fix"], bool(f["hint"])) for f in document["findings"]] == [(None, True)]


@pytest.mark.parametrize(
    "mutation",
    [
        lambda d: d["findings"][0].update(extra="x"),
        lambda d: d["findings"][0].pop("hint"),
        lambda d: d["findings"][0].update(severity="fatal"),
        lambda d: d["findings"][0].update(line=0),
        lambda d: d["findings"][0].update(rule="pcs201"),
        lambda d: d["summary"].pop("by_rule"),
        lambda d: d["findings"][0].pop("fix"),
        lambda d: d["findings"][0].update(fix={"commands": []}),
        lambda d: d["findings"][0].update(fix={"commands": ["crm configure delete x"]}),
        lambda d: d.update(stray=1),
        lambda d: d["files"][0]["pacemaker"].update(source="guessed"),
        lambda d: d["files"][0]["pacemaker"].pop("data"),
        lambda d: d.pop("files"),
    ],
    ids=["extra-key", "missing-key", "bad-severity", "line-zero", "bad-code", "no-by-rule", "no-fix-key",
         "fix-without-commands", "fix-not-pcs", "top-level-extra", "bad-release-source", "no-release-data",
         "no-files"],
)
def test_the_schema_refuses_what_the_report_must_not_contain(capsys, validator, mutation):
    _, document = report(capsys, str(SAMPLES / "bad" / "PCS201-duplicate-id.xml"))
    mutation(document)
    assert list(validator.iter_errors(document))


def test_a_corpus_file_through_a_real_process(validator, corpus_dir):
    target = corpus_dir / "pacemaker-cts" / "bundle-nested-colocation.xml"
    if not target.exists():
        target = sorted((corpus_dir / "pacemaker-cts").glob("*.xml"))[0]
    completed = subprocess.run([sys.executable, "-m", "pcs_lint", "--isolated", "--format", "json", str(target)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode in (0, 1), completed.stderr
    document = json.loads(completed.stdout)
    assert_valid(validator, document)
    assert document["summary"]["files"] == 1


def test_the_schema_is_shipped_as_package_data():
    # pyproject's package-data has "*.json" for pcs_lint.schemas; the wheel check in .ci/run installs it.
    names = {entry.name for entry in resources.files("pcs_lint.schemas").iterdir()}
    assert {"report.schema.json", "config.schema.json"} <= names


def test_each_file_says_which_release_judged_it(capsys, validator, tmp_path):
    with_dc = tmp_path / "dc.xml"
    with_dc.write_text(
        '<cib validate-with="pacemaker-3.9"><configuration><crm_config><cluster_property_set id="o">'
        '<nvpair id="o-dc" name="dc-version" value="3.0.1-abc"/></cluster_property_set></crm_config>'
        "<nodes/><resources/><constraints/></configuration><status/></cib>", encoding="utf-8")
    bare = tmp_path / "bare.xml"
    bare.write_text('<cib validate-with="pacemaker-3.9" crm_feature_set="3.16.1"><configuration><crm_config/>'
                    "<nodes/><resources/><constraints/></configuration><status/></cib>", encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text("<cib", encoding="utf-8")
    _, document = report(capsys, str(with_dc), str(bare), str(broken), "--exit-zero")
    assert_valid(validator, document)
    assert [(f["path"].rsplit("/", 1)[-1], f["pacemaker"]) for f in document["files"]] == [
        ("dc.xml", {"version": "3.0.1", "source": "dc-version", "data": "3.0.0"}),
        ("bare.xml", {"version": "2.1.5", "source": "inferred", "data": "2.1.5"}),
        ("broken.xml", None),
    ]
    _, chosen = report(capsys, str(bare), str(broken), "--pacemaker-version", "2.1", "--exit-zero")
    assert [f["pacemaker"] for f in chosen["files"]] == [{"version": "2.1", "source": "option", "data": "2.1.5"}] * 2
