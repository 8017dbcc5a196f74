"""Every built-in rule is complete: unique code and name, a doc, a bad sample that gives exactly
its own finding, and a test; the clean samples give no finding at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pcs_lint.config import Config, load
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run

from .conftest import ROOT, SAMPLES

REGISTRY = load_registry(autoload=False)
BUILTIN = [rule for rule in REGISTRY.rules if rule.plugin == "builtin"]
DOC_SECTIONS = ("## What it does", "## Why this matters", "## Bad configuration", "## Correct configuration", "## How to fix it with pcs")
# PCS000 reports pcs-lint's own crashes: no configuration can trigger it (tests/test_plugins.py
# shows it with a broken plugin instead).
NO_BAD_SAMPLE = {"PCS000"}
# Rules that read corosync.conf's facts (lint/quorum_facts.py), which no input provides until the
# corosync.conf reader is merged: their bad samples need a corosync.conf, so they come with it.
# Their tests build the facts directly (tests/rules/test_diskless_sbd_quorum.py, ...).
RULES_MD = ROOT.parent / "shared" / "RULES.md"
EXTENSIONS = {"PCS004", "PCS005", "PCS006"}  # suppression-invalid, suppression-unused (issue 5); sysconfig-variable (issue 4, PCMK_* schema)
# Codes RULES.md specifies that have no rule yet, each with the open issue that brings it. The list
# must be exactly the codes missing: a rule that lands without being taken off it, or a code that
# goes missing without being put on it, fails the test below.
NOT_YET_IMPLEMENTED: dict[str, str] = {}


def lint_sample(sample: Path):
    """Lint a bad or clean sample as a user would: a directory is linted with its own config."""
    if sample.is_dir():
        config_file = sample / ".pcs-lint.toml"
        config = load(config_file) if config_file.exists() else Config()
        # report bundles (PCS707) are the files its config lists; otherwise its cib.xml
        targets = list(config.files) or [str(sample / "cib.xml")]
    else:
        config, targets = Config(), [str(sample)]
    plan = build_plan(REGISTRY, config, CliOptions())
    result = run(targets, plan)
    if sample.suffix == ".conf":
        # A .conf sample is a corosync.conf, recognised by its content and linted as one.
        assert result.files == (str(sample),) and plan.corosync == (), sample.name
    return result.findings


def test_registry_loads_cleanly():
    assert REGISTRY.errors == ()
    assert len({r.code for r in BUILTIN}) == len(BUILTIN)
    assert len({r.name for r in BUILTIN}) == len(BUILTIN)


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_has_doc_with_every_section(rule):
    assert rule.doc.startswith(f"# {rule.code} {rule.name}\n"), f"{rule.code}: doc must start with its heading"
    missing = [s for s in DOC_SECTIONS if s not in rule.doc]
    assert not missing, f"{rule.code} doc lacks {missing}"


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_has_a_test(rule):
    mentioned = any(rule.code in p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py") if p.name != "test_rule_catalogue.py")
    assert mentioned, f"no test mentions {rule.code}"


@pytest.mark.parametrize("rule", [r for r in BUILTIN if r.code not in NO_BAD_SAMPLE],
                         ids=lambda r: r.code)
def test_bad_sample_gives_exactly_its_rule(rule):
    samples = sorted((SAMPLES / "bad").glob(f"{rule.code}-*"))
    assert samples, f"no samples/bad/{rule.code}-{rule.name}.xml (.conf for corosync.conf, or a directory)"
    for sample in samples:
        findings = lint_sample(sample)
        codes = {f.rule for f in findings}
        assert codes == {rule.code}, f"{sample.name} gives {sorted(codes)}"
        for finding in findings:
            assert message_style(finding.message) is None, f"{sample.name}: {message_style(finding.message)}"


# Words a message may begin with although they are capitalised: names, not a sentence's start.
PROPER_NOUNS = {"Pacemaker", "Corosync", "SBD"}


def message_style(message: str) -> str | None:
    """Why the message breaks the house style, or None. Messages are clauses that the reporters
    put after "path:line: CODE": they start with a lower-case word or an identifier as written
    (PCMK_remote_port, IPaddr2) and end without a period, like compilers' and ruff's messages."""
    first = message.split(maxsplit=1)[0] if message.strip() else ""
    if re.fullmatch(r"[A-Z][a-z]+[,:;]?", first) and first.rstrip(",:;") not in PROPER_NOUNS:
        return f"starts with a capital like a sentence ({first!r}): {message!r}"
    if message.rstrip().endswith("."):
        return f"ends with a period: {message!r}"
    return None


@pytest.mark.parametrize(("message", "verdict"), [
    ("id 'web' is already used", None), ("PCMK_remote_port in node1.env is not a port", None),
    ("IPaddr2 is not found", None), ("Pacemaker ignores it", None),
    ("The interval '5d' cannot be read", "starts with a capital"), ("Operation 'x' of resource 'y'", "starts"),
    ("the interval '5d' cannot be read.", "ends with a period"), ("ends with an ellipsis...", "ends with"),
])
def test_message_style_is_checked(message, verdict):
    found = message_style(message)
    assert (found is None) if verdict is None else (found is not None and verdict in found)


def test_clean_sample_gives_nothing():
    assert lint_sample(SAMPLES / "clean") == ()


@pytest.mark.parametrize("name", ["sbd-disk", "sbd-diskless"])
def test_clean_sbd_samples_give_nothing(name):
    # Whole-cluster samples: the CIB with the SBD files and dumps their .pcs-lint.toml lists.
    sample = SAMPLES / name
    config = load(sample / ".pcs-lint.toml")
    assert config.sbd, f"{name}/.pcs-lint.toml lists no SBD file"
    assert lint_sample(sample) == ()


def test_codes_and_names_match_the_catalogue():
    if not RULES_MD.exists():
        pytest.skip("../shared/RULES.md is absent")
    catalogue = dict(re.findall(r"^\| (PCS\d{3}) \| ([a-z0-9-]+) \|", RULES_MD.read_text(encoding="utf-8"), re.M))
    for rule in BUILTIN:
        if rule.code in catalogue:
            assert catalogue[rule.code] == rule.name, f"{rule.code} is {catalogue[rule.code]!r} in RULES.md"
        else:
            # Codes the catalogue does not list yet are pcs-lint's own (suppression bookkeeping).
            assert rule.code in EXTENSIONS, f"{rule.code} is not in RULES.md"
    missing = sorted(set(catalogue) - {rule.code for rule in BUILTIN})
    assert missing == sorted(NOT_YET_IMPLEMENTED), (
        f"RULES.md codes without a rule: {missing}; NOT_YET_IMPLEMENTED lists {sorted(NOT_YET_IMPLEMENTED)}")
