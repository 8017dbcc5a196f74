"""Fixes are proven to fix: every finding's `fix.commands` are applied with pcs to a copy, offline.

For each finding that carries a fix, the commands are run on a copy of its file as
`pcs -f COPY <command without the leading "pcs">` (pcs 0.11.5, Debian 12), and the copy is
linted again: every command must succeed, the finding must be gone, and no warning or error
may appear that was not there before (other rules' findings may go away too).

Two sets of cases:
- every bad sample (samples/bad/<CODE>-*): all findings with a fix;
- the corpus (../shared/corpus, read in place, each case on a copy in tmp): a deterministic,
  stratified sample of the findings with a fix (every one of a rule with few, evenly spaced ones
  of a rule with many), at least 200, with the pass rate reported and each exception listed in
  EXPECTED_CORPUS_FAILURES with the reason. Measured 2026-11-28 (with fence-agents installed):
  308 of 346 pass (89.0 %); all 38 exceptions are files pcs 0.11.5 cannot change here (a schema
  newer than 2.1.5's, a pcs test expectation that is no loadable CIB, an agent not installed on
  this machine) and one wrong name proposal left to the target release; every fix pcs could apply
  removed its finding and added no warning or error. A fix that needs a fence agent Debian has but
  this machine lacks is skipped and listed (apt-get install fence-agents; .ci/run installs it).

The bad samples' fixes run with pcs 0.12 too (Debian 13, in the reference root that
tools/reference-root.sh makes; skipped where it is absent or chroot is not allowed): the syntax
the fixes use is the same, and EXPECTED_PCS012_FAILURES lists where pcs 0.12 itself fails.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from pcs_lint.config import Config, load
from pcs_lint.findings import Finding, Severity
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run

from .conftest import SAMPLES

PCS = shutil.which("pcs")
CIBADMIN = shutil.which("cibadmin")
CRM_RESOURCE = shutil.which("crm_resource")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.pacemaker,
    pytest.mark.skipif(PCS is None or CIBADMIN is None, reason="pcs is not installed (apt-get install pcs)"),
]

REGISTRY = load_registry(autoload=False)
PLAN = build_plan(REGISTRY, Config(), CliOptions())

# A corpus sample of at least this many findings; a rule with more than PER_RULE findings with
# a fix contributes PER_RULE evenly spaced ones, a rule with fewer all of its own.
CORPUS_SAMPLE_MIN = 200
PER_RULE = 30

# Bad-sample findings whose fix pcs cannot apply offline, with the reason.
EXPECTED_SAMPLE_FAILURES: dict[tuple[str, str | None], str] = {}

# Corpus findings (rule, file name, object id) whose fix does not pass, with the reason. Keep it
# explicit: a failure not listed here fails the test, and so does a listed one that passes.
# Why a corpus fix cannot be applied here. Each is about the file or this machine, not the fix.
NEWER_SCHEMA = ("validate-with=\"pacemaker-3.10\" comes from Pacemaker's development branch: Debian 12's "
                "Pacemaker 2.1.5 has no such schema, so pcs 0.11.5 cannot load the file (\"unable to get cib\")")
NOT_A_CIB = ("a pcs test expectation, a <cib> without validate-with or epoch that cibadmin refuses to load, "
             "so pcs 0.11.5 crashes parsing its empty output")
NO_AGENT = ("pcs 0.11.5 refuses to change a resource whose agent is not installed on this machine "
            "(ocf:linbit:drbd, ocf:heartbeat:procdctl, ocf:heartbeat:Dummy-statful); on the cluster it is")
NO_FENCE_AGENT = ("pcs 0.11.5 reads a fence device's agent metadata on stonith update, and stonith:fence_xvm "
                  "(Debian's fence-virt) is not installed on this machine; on the cluster it is")
NO_FENCE_NUT = ("pcs 0.11.5 reads a fence device's agent metadata on stonith update, and stonith:fence_nut is in no "
                "Debian 12 package (fence-agents has no fence_nut)")
PCMK3_NAME = ("the did-you-mean proposes fencing-action, a Pacemaker 3 name that pcs 0.11.5 does not know; which "
              "names to propose is the target release's (issue 10 item 1), not decided here")

EXPECTED_CORPUS_FAILURES: dict[tuple[str, str, str | None], str] = {
    **{("PCS130", name, bundle): NEWER_SCHEMA for name, bundle in (
        ("can-fail.xml", "bundle1"), ("nagios.xml", "bundle_keep"), ("restart-type.xml", "bundle1"),
        ("rkt.xml", "bundle1_drop"), ("rkt.xml", "bundle2_keep"), ("rkt.xml", "bundle3_keep"),
        ("rkt.xml", "bundle4_drop"), ("role-after-failure.xml", "bundle1"), ("upstart.xml", "bundle_keep"))},
    **{("PCS306", name, pair): NEWER_SCHEMA for name, pair in (
        ("acl-drop.xml", "cib-bootstrap-options-remove-after-stop"),
        ("can-fail.xml", "cib-bootstrap-options-can_fail"),
        ("crmd-finalization-timeout.xml", "cib-bootstrap-options-crmd-finalization-timeout"),
        ("duplicate-nvpairs-no-default.xml", "cib-bootstrap-options-option1"),
        ("duplicate-nvpairs-no-default.xml", "cib-bootstrap-options-option3"),
        ("duplicate-nvpairs-with-default.xml", "cluster-properties1-option1"),
        ("duplicate-nvpairs-with-default.xml", "cluster-properties1-option4"),
        ("duplicate-nvpairs-with-default.xml", "cluster-properties1-other-option"),
        ("role-after-failure.xml", "cib-bootstrap-options-role_after_failure"))},
    **{("PCS408", "restart-type.xml", owner): NEWER_SCHEMA for owner in (
        "rsc2", "grp1", "rsc3", "rsc4", "rsc5", "grp2", "clone1", "clone2", "bundle1", "rsc_defaults-meta_attributes")},
    **{("PCS209", name, constraint): NOT_A_CIB for name, constraint in (
        ("confbasic-xml.exp.xml", "l5"), ("confbasic-xml.exp.xml", "l7"), ("confbasic-xml.exp.xml", "o4"),
        ("rset-xml.exp.xml", "c3"))},
    ("PCS306", "001.exp.xml", "cib-bootstrap-options-fencing-enabled"): (
        "a crmsh test expectation, a bare <cib> without validate-with: pcs 0.11.5 writes it back with "
        "validate-with=\"none\", which PCS901 then reports"),
    ("PCS406", "bug-1822.xml", "stateful_stop"): NO_AGENT,
    ("PCS406", "bug-1822.xml", "ctl_stop"): NO_AGENT,
    **{("PCS408", "coloc-clone-stays-active.xml", clone): NO_AGENT for clone in (
        "ms-drbd-s01-service", "ms-drbd-s01-logs", "ms-drbd-vds-http", "ms-drbd-vds-tftpboot")},
    ("PCS408", "bug-lf-2317.xml", "ms_drbd_r0"): NO_AGENT,
    ("PCS306", "order-serialize-set.xml", "cib-bootstrap-options-fencing-action"): PCMK3_NAME,
    **{("PCS310", "promoted-probed-score.xml", device): NO_FENCE_NUT for device in ("StonithHypatia", "StonithOrestes")},
    **{("PCS211", name, "cli-prefer-coloc_primary"): NEWER_SCHEMA for name in (
        "coloc-optional-promoted-dependent-moves-1.xml", "coloc-optional-promoted-dependent-stays-2.xml")},
    **{("PCS308", "migration-behind-migrating-remote.xml", node): NO_FENCE_AGENT for node in ("remote1", "remote2")},
}


def lint_file(target: Path, config: Config | None = None) -> tuple[Finding, ...]:
    plan = PLAN if config is None else build_plan(REGISTRY, config, CliOptions())
    return run([str(target)], plan).findings


def installed_feature_set(prefix: tuple[str, ...] = ()) -> str:
    empty = subprocess.run([*prefix, CIBADMIN if not prefix else "cibadmin", "--empty"], capture_output=True,
                           text=True, check=True).stdout
    return etree.fromstring(empty.encode()).get("crm_feature_set")


def copy_cib(source: Path, into: Path, feature_set: str | None = None) -> tuple[Path, Path]:
    """Copy a file or a sample directory; give its CIB the crm_feature_set of the installed
    Pacemaker, which a live cluster's DC always writes: pcs applies its changes as a patch, which
    cibadmin refuses for a newer feature set ("Protocol not supported") and cannot apply in the
    old format an older one selects ("Application of update diff failed")."""
    copy = into / source.name
    if source.is_dir():
        shutil.copytree(source, copy)
        cib_file = copy / "cib.xml"
    else:
        shutil.copy(source, copy)
        cib_file = copy
    tree = etree.parse(str(cib_file))
    tree.getroot().set("crm_feature_set", feature_set or installed_feature_set())
    tree.write(str(cib_file), xml_declaration=False, encoding="utf-8")
    return copy, cib_file


def apply(command: str, cib_file: Path, root: Path | None = None) -> subprocess.CompletedProcess:
    """Run one fix command on the copy: Debian 12's pcs, or pcs in the Debian 13 root."""
    argv = shlex.split(command)
    assert argv[0] == "pcs" and "-f" not in argv, command
    if root is None:
        return subprocess.run([PCS, "-f", str(cib_file), *argv[1:]], capture_output=True, text=True,
                              env=dict(os.environ, LC_ALL="C"), timeout=120)
    return subprocess.run(["chroot", str(root), "pcs", "-f", f"/{cib_file.relative_to(root)}", *argv[1:]],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"})


def _key(finding: Finding) -> tuple:
    # One object can have several findings of one rule (PCS408: two meta attributes of one
    # resource): the message tells them apart, without the lines it names (pcs moves them).
    # Nor the target release's basis: the copy carries the installed crm_feature_set, so a release
    # inferred from the file is said to come from that instead of validate-with.
    message = re.sub(r" \((assuming|judged with the data of) [^)]*\)", "", finding.message)
    # A message that quotes a CIB value with its place ('name="value" at cib.xml:6') names the file
    # it was linted as, the sample or its copy, and a line that pcs may move.
    message = re.sub(re.escape(finding.path) + r":\d+", "<file>:N", message)
    return (finding.rule, finding.object_id, re.sub(r"\(line \d+\)", "(line)", message))


def _serious(findings) -> set[tuple]:
    """What "a new warning or error" means: a rule reporting an object it did not report before.
    A finding whose wording changes with the fix (PCS301 names the fencing option the fix just
    removed) is not new."""
    return {(f.rule, f.object_id) for f in findings if f.severity >= Severity.WARNING}


NOT_REPORTED_BEFORE = "the finding is not reported on the copy before the fix"


def fix_outcome(finding: Finding, copy: Path, cib_file: Path, config: Config | None = None,
                root: Path | None = None) -> str | None:
    """None when the fix works on the copy, else what went wrong."""
    target = copy / "cib.xml" if copy.is_dir() else copy
    before = lint_file(target, config)
    if _key(finding) not in {_key(f) for f in before}:
        return NOT_REPORTED_BEFORE
    for command in finding.fix.commands:
        result = apply(command, cib_file, root)
        if result.returncode != 0:
            return f"{command!r} failed: {(result.stderr or result.stdout).strip()}"
    after = lint_file(target, config)
    if _key(finding) in {_key(f) for f in after}:
        return f"still reported after {list(finding.fix.commands)}"
    new = sorted(_serious(after) - _serious(before))
    if new:
        return f"new findings after {list(finding.fix.commands)}: {new}"
    return None


# ---------------------------------------------------------------- the bad samples


@dataclass(frozen=True)
class SampleCase:
    sample: Path
    finding: Finding

    @property
    def config(self) -> Config | None:
        config_file = self.sample / ".pcs-lint.toml"
        return load(config_file) if self.sample.is_dir() and config_file.exists() else None


def _sample_cases() -> list:
    cases = []
    for sample in sorted(p for p in (SAMPLES / "bad").iterdir() if p.suffix == ".xml" or p.is_dir()):
        config_file = sample / ".pcs-lint.toml"
        config = load(config_file) if sample.is_dir() and config_file.exists() else None
        target = sample / "cib.xml" if sample.is_dir() else sample
        for index, finding in enumerate(lint_file(target, config), 1):
            if finding.fix is None:
                continue
            reason = EXPECTED_SAMPLE_FAILURES.get((finding.rule, finding.object_id))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(SampleCase(sample, finding), marks=marks,
                                      id=f"{sample.name.split('-')[0]}-{finding.rule}-{index}"))
    return cases


SAMPLE_CASES = _sample_cases()


def test_most_rules_with_a_pcs_command_carry_it_as_a_fix():
    # An empty or tiny list means fixes were lost, not that every hint is advice.
    rules = {case.values[0].finding.rule for case in SAMPLE_CASES}
    assert len(SAMPLE_CASES) >= 40 and len(rules) >= 30, sorted(rules)


def fence_agents_needed(finding: Finding, cib_file: Path) -> list[str]:
    """The fence agents a fix's commands need: pcs 0.11.5 reads an agent's metadata to create or
    update a fence device and refuses when the agent is not installed ("use --force")."""
    tree = etree.parse(str(cib_file))
    agents = []
    for command in finding.fix.commands:
        argv = shlex.split(command)
        if argv[1:3] == ["stonith", "create"] and len(argv) > 4:
            agents.append(argv[4])
        elif argv[1:3] == ["stonith", "update"] and len(argv) > 3:
            agents += [p.get("type") for p in tree.iter("primitive") if p.get("id") == argv[3] and p.get("type")]
    return agents


def missing_fence_agents(finding: Finding, cib_file: Path, root: Path | None = None) -> list[str]:
    """The needed fence agents whose metadata Pacemaker cannot give here (or in ``root``)."""
    def installed(agent: str) -> bool:
        command = ([CRM_RESOURCE] if root is None else ["chroot", str(root), "crm_resource"]) if CRM_RESOURCE else None
        if root is not None and not (root / "usr" / "sbin" / agent).exists():
            return False  # Pacemaker 3.0's crm_resource in the root answered for an agent it did not have
        return command is not None and subprocess.run(
            [*command, "--show-metadata", f"stonith:{agent}"], capture_output=True, timeout=60).returncode == 0
    return [agent for agent in fence_agents_needed(finding, cib_file) if not installed(agent)]


def missing_agent_reason(missing: list[str]) -> str:
    return (f"fence agent {', '.join(missing)} is not installed (apt-get install fence-agents): "
            "pcs needs its metadata to apply this fix")


# pcs checks stonith-watchdog-timeout against the SBD of the machine it runs on, not the cluster's
# (a fix is meant for a cluster node): where that machine has SBD disabled, it refuses any
# positive value. Not the fix's fault; the test says so and skips.
LOCAL_SBD_DISABLED = "can only be unset or set to 0 while SBD is disabled"


def skip_when_pcs_judges_this_machine(problem: str | None) -> None:
    if problem is not None and LOCAL_SBD_DISABLED in problem:
        pytest.skip("pcs refuses a positive stonith-watchdog-timeout because SBD is disabled on the machine it "
                    "runs on (it judges that machine, not the cluster); on a node with diskless SBD it applies it")


@pytest.mark.parametrize("case", SAMPLE_CASES)
def test_the_fix_of_a_bad_sample_removes_its_finding(case: SampleCase, tmp_path):
    copy, cib_file = copy_cib(case.sample, tmp_path)
    missing = missing_fence_agents(case.finding, cib_file)
    if missing:
        pytest.skip(missing_agent_reason(missing))
    problem = fix_outcome(case.finding, copy, cib_file, case.config)
    skip_when_pcs_judges_this_machine(problem)
    assert problem is None, f"{case.finding.rule} on {case.finding.object_id}: {problem}"


# pcs 0.12.0 (Debian 13) on the bad samples: where it fails, and why.
EXPECTED_PCS012_FAILURES: dict[tuple[str, str | None], str] = {
    ("PCS123", "remote1"): "pcs 0.12.0 crashes (KeyError: 'class') deleting a primitive that takes its agent "
                           "from a template; pcs 0.11.5 deletes it",
}
@pytest.mark.parametrize("case", SAMPLE_CASES)
def test_the_fix_of_a_bad_sample_works_with_pcs_0_12(case: SampleCase, pacemaker3_root):
    reason = EXPECTED_PCS012_FAILURES.get((case.finding.rule, case.finding.object_id))
    with tempfile.TemporaryDirectory(dir=pacemaker3_root / "tmp", prefix="pcs-lint-fix-") as scratch:
        feature_set = installed_feature_set(("chroot", str(pacemaker3_root)))
        copy, cib_file = copy_cib(case.sample, Path(scratch), feature_set)
        missing = missing_fence_agents(case.finding, cib_file, pacemaker3_root)
        if missing:
            pytest.skip(f"in the Debian 13 root: {missing_agent_reason(missing)}")
        problem = fix_outcome(case.finding, copy, cib_file, case.config, pacemaker3_root)
    skip_when_pcs_judges_this_machine(problem)
    if problem == NOT_REPORTED_BEFORE:
        # The copy carries Pacemaker 3.0's crm_feature_set, so its target release is 3.0.0, which
        # judges this construct differently (PCS904's verdicts, PCS306's names): no such finding.
        pytest.skip(f"{case.finding.rule} on {case.finding.object_id} is not a finding for Pacemaker 3.0.0")
    if reason:
        assert problem is not None, f"listed as failing with pcs 0.12 but passes: {reason}"
        pytest.xfail(reason)
    assert problem is None, f"{case.finding.rule} on {case.finding.object_id} with pcs 0.12: {problem}"


# ---------------------------------------------------------------- the corpus


def corpus_sample(corpus: Path) -> list[Finding]:
    """Findings with a fix from the whole corpus, stratified by rule, in a fixed order."""
    files = sorted(str(p) for p in corpus.rglob("*.xml"))
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in run(files, PLAN).findings:
        if finding.fix is not None:
            by_rule[finding.rule].append(finding)
    chosen = []
    for rule in sorted(by_rule):
        found = sorted(by_rule[rule], key=Finding.sort_key)
        step = max(1, len(found) / PER_RULE)
        chosen += [found[int(i * step)] for i in range(min(PER_RULE, len(found)))]
    return chosen


def test_fixes_over_a_corpus_sample(corpus_dir, tmp_path):
    sample = corpus_sample(corpus_dir)
    assert len(sample) >= CORPUS_SAMPLE_MIN, f"only {len(sample)} findings with a fix in the sample"
    failures: dict[tuple[str, str, str | None], str] = {}
    skipped: dict[tuple[str, str, str | None], list[str]] = {}
    for number, finding in enumerate(sample):
        case_dir = tmp_path / str(number)
        case_dir.mkdir()
        copy, cib_file = copy_cib(Path(finding.path), case_dir)
        key = (finding.rule, Path(finding.path).name, finding.object_id)
        missing = missing_fence_agents(finding, cib_file)
        if missing and key not in EXPECTED_CORPUS_FAILURES:
            skipped[key] = missing  # an installable agent that is absent here: not the fix's fault
            continue
        problem = fix_outcome(finding, copy, cib_file)
        if problem is not None:
            failures[(finding.rule, Path(finding.path).name, finding.object_id)] = problem
    passed = len(sample) - len(failures) - len(skipped)
    print(f"\ncorpus fixes: {passed}/{len(sample)} pass ({100 * passed / len(sample):.1f} %)")
    for key, agents in sorted(skipped.items()):
        print(f"  skipped {key}: fence agent {', '.join(agents)} not installed (apt-get install fence-agents)")
    for key, problem in sorted(failures.items()):
        print(f"  {key}: {problem}")
    unexpected = {k: v for k, v in failures.items() if k not in EXPECTED_CORPUS_FAILURES}
    assert not unexpected, f"fixes that do not fix: {unexpected}"
    passing_but_listed = sorted(k for k in EXPECTED_CORPUS_FAILURES if k not in failures
                                and any((f.rule, Path(f.path).name, f.object_id) == k for f in sample))
    assert not passing_but_listed, f"listed as failing but passing now: {passing_but_listed}"
