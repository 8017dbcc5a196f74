"""PCS706: per-node files given for some nodes and not for others."""

from pcs_lint.testing import cib, lint_text

REMOTE = '<primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>'
GUEST = ('<primitive id="vm1" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="vm1-m">'
         '<nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes></primitive>')
ENV = "PCMK_logfacility=daemon\n"
SBD = "SBD_WATCHDOG_TIMEOUT=5\n"
COROSYNC = "totem {\n    version: 2\n}\nnodelist {\n    node {\n        name: node1\n        nodeid: 1\n    }\n}\n"


def lint(xml: str, **files):
    return [(f.path, f.line, f.object_id, f.message) for f in lint_text(xml, select=["PCS706"], **files)]


def test_environment_files_cover_remote_and_guest_hosts():
    findings = lint(cib(REMOTE + GUEST), env={"node1": ENV, "node2": ENV, "remote1": ENV})
    assert [(path, line, oid) for path, line, oid, _ in findings] == [("node1.env", None, "--sysconfig")]
    assert "given for node1, node2, remote1 but not for guest1" in findings[0][3]


def test_sbd_and_corosync_copies_concern_cluster_nodes():
    xml = cib(REMOTE)
    findings = lint(xml, sbd={"node2": SBD}, corosync={"node1": COROSYNC})
    assert [(path, oid) for path, _, oid, _ in findings] == [("node1.corosync.conf", "--corosync"), ("node2.sbd", "--sbd")]
    assert "not for node2:" in findings[0][3] and "not for node1:" in findings[1][3]


def test_complete_absent_or_shared_files_are_quiet():
    assert lint(cib(REMOTE), env={"node1": ENV, "node2": ENV, "remote1": ENV}) == []
    assert lint(cib(REMOTE)) == []
    assert lint(cib(), corosync=COROSYNC) == []
    # No source names a node (a CIB made with pcs -f): nothing to compare the files with.
    assert lint(cib(nodes=""), env={"node1": ENV}) == []
