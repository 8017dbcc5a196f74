"""'# pcs-lint: disable=...' comments in SBD files work as in Pacemaker environment files (both are
shell-syntax node files): a comment line covers the next assignment, a trailing one its own line,
disable-file the whole file; a finding placed in the CIB is covered too when it relies on the
assignment (PCS601 on the nodes' SBD_WATCHDOG_TIMEOUT). Stale or unknown ones are PCS005/PCS004."""

from __future__ import annotations

import random

from pcs_lint.testing import codes_lines, lint_text

from .hostile import run_hostile
from .rules.sbd_helpers import sbd_cib

DISKLESS = sbd_cib(("stonith-watchdog-timeout", "10s"))  # below a watchdog timeout of 15 s: PCS601
SELECT = ["PCS601", "PCS603", "PCS004", "PCS005"]


def findings_of(sbd: dict[str, str]):
    return [(f.rule, f.path, f.line) for f in lint_text(DISKLESS, select=SELECT, sbd=sbd)]


def test_a_comment_line_covers_the_next_assignment_of_an_sbd_file():
    unsuppressed = findings_of({"node1": "SBD_WATCHDOG_TIMEOUT=5\nSBD_DELAY_START=1\n"})
    assert unsuppressed == [("PCS603", "node1.sbd", 2)]
    assert findings_of({"node1": "SBD_WATCHDOG_TIMEOUT=5\n# pcs-lint: disable=PCS603 one second is meant as yes\n"
                                 "SBD_DELAY_START=1\n"}) == []


def test_disable_file_in_an_sbd_file():
    assert findings_of({"node1": "# pcs-lint: disable-file=sbd-config-invalid lab\nSBD_WATCHDOG_TIMEOUT=5\n"
                                 "SBD_DELAY_START=1\nSBD_STARTMODE=Clean\n"}) == []


def test_a_cib_finding_relying_on_an_sbd_assignment_is_covered_there():
    node1 = "SBD_WATCHDOG_TIMEOUT=15\n"
    assert [rule for rule, _, _ in findings_of({"node1": node1})] == ["PCS601"]
    covered = "# pcs-lint: disable=PCS601 the CIB is changed in the same maintenance window\n" + node1
    assert findings_of({"node1": covered}) == []


def test_stale_and_unknown_suppressions_in_an_sbd_file_are_reported():
    findings = findings_of({"node1": "# pcs-lint: disable=PCS603 stale\nSBD_WATCHDOG_TIMEOUT=5\n"
                                     "# pcs-lint: disable=PCS6O3 typo\nSBD_PACEMAKER=yes\n"})
    assert findings == [("PCS005", "node1.sbd", 1), ("PCS004", "node1.sbd", 3)]


def test_one_file_given_as_environment_and_sbd_file_is_read_for_suppressions_once(tmp_path):
    (tmp_path / "cib.xml").write_text(DISKLESS)
    (tmp_path / "node1.env").write_text("# pcs-lint: disable=PCS603 stale\nSBD_WATCHDOG_TIMEOUT=5\n")
    run = run_hostile(["--isolated", "--select", ",".join(SELECT), "--sysconfig", "node1=node1.env",
                       "--sbd", "node1=node1.env", "cib.xml"], cwd=tmp_path, expect=1)
    assert run.stdout.count("PCS005") == 1, run.stdout


def test_generated_comments_in_sbd_files_never_crash(tmp_path):
    # Generated directive lines: truncated, repeated, unknown and empty codes, odd bytes.
    rng = random.Random(12)
    words = ["# pcs-lint:", "disable=", "disable-file=", "PCS603", "PCS601", ",", "sbd-config-invalid", "PCS9999",
             "=", " ", "\t", "\u00e9", "\\", '"', "#"]
    (tmp_path / "cib.xml").write_text(DISKLESS)
    for _ in range(20):
        lines = ["".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 6))]
        lines.insert(rng.randint(0, len(lines)), "SBD_WATCHDOG_TIMEOUT=15")
        (tmp_path / "n.sbd").write_text("\n".join(lines) + "\n")
        run_hostile(["--isolated", "--select", ",".join(SELECT), "--sbd", "node1=n.sbd", "cib.xml"],
                    cwd=tmp_path, expect=(0, 1))


def test_a_trailing_comment_covers_its_own_line():
    # systemd keeps a trailing comment in the value (PCS003, not selected here); it still covers its line.
    assert findings_of({"node1": "SBD_WATCHDOG_TIMEOUT=15  # pcs-lint: disable=PCS601\n"}) == []
    stale = lint_text(DISKLESS, select=SELECT, sbd={"node1": "SBD_PACEMAKER=yes  # pcs-lint: disable=PCS601\n"})
    assert codes_lines(stale) == [("PCS005", 1)] and stale[0].path == "node1.sbd"
