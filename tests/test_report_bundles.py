"""Report bundles (sosreports, crm_reports; directories and tarballs) as positional arguments:
recognised by layout, each node's files read and linted like --sysconfig/--corosync/--sbd."""

from __future__ import annotations

import json
import os
import shutil
import tarfile
from pathlib import Path

import pytest

from pcs_lint.bundle_archive import BundleError, read_tarball
from pcs_lint.bundle_inputs import BundleInputs, newest_cib, read_bundles
from pcs_lint.cli import main
from pcs_lint.report_bundles import CRM_REPORT, SOSREPORT, BundleFile, is_bundle, read_bundle

from .conftest import ROOT, SAMPLES

FIXTURES = ROOT / "tests" / "fixtures" / "bundles"
COMPRESSIONS = {"tar": "w", "tar.gz": "w:gz", "tar.bz2": "w:bz2", "tar.xz": "w:xz"}


def lint(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", "--color", "never", *args])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def copy_fixture(name: str, to: Path) -> Path:
    target = to / name
    shutil.copytree(FIXTURES / name, target, symlinks=True)
    return target


def make_tarball(directory: Path, suffix: str, top: str | None = None) -> Path:
    """A tarball of ``directory`` as the collectors make them: one top-level directory."""
    archive = directory.parent / f"{directory.name}.{suffix}"
    with tarfile.open(archive, COMPRESSIONS[suffix]) as tar:
        tar.add(directory, arcname=top or directory.name)
    return archive


# ------------------------------------------------------------------ recognising the layouts


def test_an_sosreport_directory_gives_its_node_and_files(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    (node,) = read_bundle("sosreport-node1")
    assert (node.node, node.kind, node.bundle) == ("node1", SOSREPORT, "sosreport-node1")
    assert node.cib.name == "sosreport-node1/sos_commands/pacemaker/crm_report/node1/cib.xml"
    assert node.environment.name == "sosreport-node1/etc/default/pacemaker"
    assert node.corosync.name == "sosreport-node1/etc/corosync/corosync.conf"
    assert node.sbd is None
    assert node.cib.data == (SAMPLES / "clean" / "cib.xml").read_bytes()


def test_the_node_name_is_read_through_the_hostname_symlink_sos_makes(tmp_path):
    report = copy_fixture("sosreport-node1", tmp_path)
    assert os.readlink(report / "hostname") == "sos_commands/host/hostname"
    (report / "sos_commands" / "host" / "hostname").write_text("db-7.example.com\n")
    (node,) = read_bundle(str(report))
    assert node.node == "db-7.example.com"


def test_without_a_hostname_the_crm_report_directory_names_the_node(tmp_path):
    report = copy_fixture("sosreport-node1", tmp_path)
    shutil.rmtree(report / "sos_commands" / "host")  # the hostname symlink now dangles
    (node,) = read_bundle(str(report))
    assert node.node == "node1"


def test_an_older_sosreport_gives_the_cib_it_copied_and_the_rhel_files(tmp_path):
    report = copy_fixture("sosreport-node1", tmp_path)
    shutil.rmtree(report / "sos_commands" / "pacemaker")
    (report / "var" / "lib" / "pacemaker" / "cib").mkdir(parents=True)
    (report / "var" / "lib" / "pacemaker" / "cib" / "cib.xml").write_bytes(b"<cib/>")
    (report / "etc" / "default").rename(report / "etc" / "sysconfig")
    (report / "etc" / "sysconfig" / "sbd").write_text("SBD_WATCHDOG_TIMEOUT=5\n")
    (node,) = read_bundle(str(report))
    assert node.cib.name.endswith("sosreport-node1/var/lib/pacemaker/cib/cib.xml")
    assert node.environment.name.endswith("sosreport-node1/etc/sysconfig/pacemaker")
    assert node.sbd.name.endswith("sosreport-node1/etc/sysconfig/sbd")


def test_a_crm_report_directory_gives_one_entry_per_node_without_environment_files(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    nodes = read_bundle("crm_report")
    assert [(n.node, n.kind) for n in nodes] == [("node1", CRM_REPORT), ("node2", CRM_REPORT)]
    assert [n.cib.name for n in nodes] == ["crm_report/node1/cib.xml", "crm_report/node2/cib.xml"]
    assert [n.corosync.name for n in nodes] == ["crm_report/node1/corosync.conf", "crm_report/node2/corosync.conf"]
    assert all(n.environment is None and n.sbd is None for n in nodes)


def test_crmsh_crm_report_gives_the_sbd_file_it_copies(tmp_path):
    report = copy_fixture("crm_report", tmp_path)
    (report / "node1" / "sbd").write_text("SBD_WATCHDOG_TIMEOUT=5\n")
    nodes = read_bundle(str(report))
    assert nodes[0].sbd.name.endswith("crm_report/node1/sbd") and nodes[1].sbd is None


@pytest.mark.parametrize("path", ["samples", "samples/clean", "samples/bad/PCS113-remote-port-mismatch",
                                  "samples/clean/cib.xml", "samples/clean/corosync.conf", "tests/fixtures"])
def test_folders_and_files_that_are_no_bundle_are_not_taken_for_one(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert not is_bundle(path)


def test_a_directory_holding_bundles_is_searched_as_usual(tmp_path):
    """Only the bundle itself is one: a folder holding sosreports is not (its CIBs are searched)."""
    copy_fixture("sosreport-node1", tmp_path)
    assert not is_bundle(str(tmp_path))
    assert is_bundle(str(tmp_path / "sosreport-node1"))


def test_a_node_directory_needs_a_collector_file_beside_its_cib(tmp_path):
    report = copy_fixture("crm_report", tmp_path)
    for marker in ("RUNNING", "members.txt", "sysinfo.txt"):
        (report / "node2" / marker).unlink()
    assert [n.node for n in read_bundle(str(report))] == ["node1"]


# ------------------------------------------------------------------ tarballs, read in place


@pytest.mark.parametrize("suffix", sorted(COMPRESSIONS))
def test_an_sosreport_tarball_is_read_in_place(suffix, tmp_path, monkeypatch):
    report = copy_fixture("sosreport-node2", tmp_path)
    archive = make_tarball(report, suffix, top="sosreport-node2-2026-11-28-abcdef")
    shutil.rmtree(report)  # nothing is extracted: the tarball alone is read
    monkeypatch.chdir(tmp_path)
    assert is_bundle(archive.name)
    (node,) = read_bundle(archive.name)
    assert node.node == "node2"  # through the hostname symlink inside the archive
    top = f"{archive.name}:sosreport-node2-2026-11-28-abcdef"
    assert node.cib.name == f"{top}/sos_commands/pacemaker/crm_report/node2/cib.xml"
    assert node.environment.name == f"{top}/etc/default/pacemaker"
    assert node.corosync.data == (SAMPLES / "clean" / "corosync.conf").read_bytes()
    assert sorted(os.listdir(tmp_path)) == [archive.name]


@pytest.mark.parametrize("suffix", ["tar.bz2", "tar.gz"])
def test_a_crm_report_tarball_is_read_in_place(suffix, tmp_path, monkeypatch):
    report = copy_fixture("crm_report", tmp_path)
    archive = make_tarball(report, suffix, top="pcmk-Sat-28-Nov-2026")
    monkeypatch.chdir(tmp_path)
    nodes = read_bundle(archive.name)
    assert [n.cib.name for n in nodes] == [f"{archive.name}:pcmk-Sat-28-Nov-2026/{n}/cib.xml" for n in ("node1", "node2")]


def test_a_tarball_of_several_sosreports_gives_every_node(tmp_path):
    bundles = tmp_path / "bundles"
    bundles.mkdir()
    copy_fixture("sosreport-node1", bundles)
    copy_fixture("sosreport-node2", bundles)
    archive = tmp_path / "both.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("sosreport-node1", "sosreport-node2"):
            tar.add(bundles / name, arcname=name)
    assert [n.node for n in read_bundle(str(archive))] == ["node1", "node2"]


def test_a_tarball_of_something_else_is_one_line_error(tmp_path):
    archive = tmp_path / "logs.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(SAMPLES / "clean", arcname="clean")
    with pytest.raises(BundleError, match="neither an sosreport nor a crm_report"):
        read_bundle(str(archive))


def test_the_pass_keeps_only_wanted_members_and_refuses_past_its_caps(tmp_path):
    report = copy_fixture("sosreport-node1", tmp_path)
    archive = make_tarball(report, "tar.gz")
    tree = read_tarball(str(archive), lambda name: name.endswith("corosync.conf"))
    assert list(tree.members) == ["sosreport-node1/etc/corosync/corosync.conf"]
    assert tree.children("sosreport-node1") == ("etc", "sos_commands", "sos_logs")
    with pytest.raises(BundleError, match="more than 3 members"):
        read_tarball(str(archive), lambda name: False, member_cap=3)
    with pytest.raises(BundleError, match="more than 10240 bytes once decompressed"):
        read_tarball(str(archive), lambda name: False, scanned_cap=10240)
    with pytest.raises(BundleError, match="the files pcs-lint reads add up to more than 1000 bytes"):
        read_tarball(str(archive), lambda name: name.endswith(("cib.xml", "corosync.conf")), kept_cap=1000)


# ------------------------------------------------------------------ several bundles, one cluster


def _cib(epoch: str, admin_epoch: str = "0", num_updates: str = "0") -> bytes:
    return (f'<cib admin_epoch="{admin_epoch}" epoch="{epoch}" num_updates="{num_updates}" '
            'validate-with="pacemaker-3.9"><configuration/></cib>').encode()


@pytest.mark.parametrize(("versions", "newest"), [
    ((("3", "0", "9"), ("4", "0", "0")), 1),  # epoch before num_updates
    ((("9", "1", "0"), ("1", "2", "0")), 1),  # admin_epoch before epoch
    ((("5", "0", "1"), ("5", "0", "1")), 0),  # a tie: the first given
    ((("5", "0", "1"), ("5", "0", "2")), 1),
])
def test_the_newest_cib_is_linted(versions, newest):
    cibs = [BundleFile(f"n{i}/cib.xml", _cib(*v)) for i, v in enumerate(versions)]
    assert newest_cib(cibs) is cibs[newest]


def test_a_cib_that_does_not_parse_counts_as_the_oldest():
    broken, good = BundleFile("a/cib.xml", b"<cib"), BundleFile("b/cib.xml", _cib("1"))
    assert newest_cib([broken, good]) is good
    assert newest_cib([broken]) is broken


def test_two_sosreports_lint_as_one_cluster(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    code, out, err = lint(capsys, "--format", "json", "sosreport-node1/", "sosreport-node2/")
    report = json.loads(out)
    # The only finding is PCS706's info: the CIB's remote and guest hosts sent no sosreport, so
    # their environment files are not compared.
    assert (code, err) == (0, "")
    assert [(f["rule"], f["severity"], f["path"]) for f in report["findings"]] == [
        ("PCS706", "info", "sosreport-node1/etc/default/pacemaker")]
    assert "not for remote1, guest1" in report["findings"][0]["message"]
    assert [file["path"] for file in report["files"]] == [
        "sosreport-node1/etc/corosync/corosync.conf", "sosreport-node2/etc/corosync/corosync.conf",
        "sosreport-node1/sos_commands/pacemaker/crm_report/node1/cib.xml",
    ]


def test_the_newer_cib_of_two_sosreports_is_the_one_linted(capsys, tmp_path, monkeypatch):
    for name in ("sosreport-node1", "sosreport-node2"):
        copy_fixture(name, tmp_path)
    cib = tmp_path / "sosreport-node2" / "sos_commands" / "pacemaker" / "crm_report" / "node2" / "cib.xml"
    text = cib.read_text().replace('epoch="42"', 'epoch="43"')
    text = text.replace('<nvpair id="cib-bootstrap-options-no-quorum-policy"',
                        '<nvpair id="opt-typo" name="stonith-enabeld" value="true"/>\n'
                        '        <nvpair id="cib-bootstrap-options-no-quorum-policy"', 1)
    assert 'stonith-enabeld' in text
    cib.write_text(text)
    line = text[:text.index("stonith-enabeld")].count("\n") + 1
    monkeypatch.chdir(tmp_path)
    code, out, _ = lint(capsys, "--select", "PCS306", "sosreport-node1", "sosreport-node2")
    assert code == 1
    assert out.startswith(f"sosreport-node2/sos_commands/pacemaker/crm_report/node2/cib.xml:{line}:")
    assert "stonith-enabeld" in out


def test_a_node_environment_file_from_a_bundle_is_judged(capsys, tmp_path, monkeypatch):
    report = copy_fixture("sosreport-node1", tmp_path)
    env = report / "etc" / "default" / "pacemaker"
    env.write_text(env.read_text() + "PCMK_remote_prot=3121\n")
    line = env.read_text().count("\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = lint(capsys, "--select", "PCS006", "sosreport-node1")
    assert code == 1
    assert out.splitlines()[0].startswith(f"sosreport-node1/etc/default/pacemaker:{line}:1: PCS006 ")


def test_a_file_given_with_an_option_wins_over_the_bundle_copy(capsys, tmp_path, monkeypatch):
    report = copy_fixture("sosreport-node1", tmp_path)
    env = report / "etc" / "default" / "pacemaker"
    env.write_text(env.read_text() + "PCMK_remote_prot=3121\n")
    clean = tmp_path / "node1.sysconfig"
    shutil.copy(SAMPLES / "clean" / "env" / "node1.sysconfig", clean)
    monkeypatch.chdir(tmp_path)
    code, out, _ = lint(capsys, "--select", "PCS006", "--sysconfig", "node1=node1.sysconfig", "sosreport-node1")
    assert (code, out.splitlines()[0]) == (0, "No problems found in 2 files.")


def test_the_same_node_in_two_bundles_is_an_error(capsys, tmp_path, monkeypatch):
    copy_fixture("sosreport-node1", tmp_path)
    shutil.copytree(tmp_path / "sosreport-node1", tmp_path / "copy", symlinks=True)
    monkeypatch.chdir(tmp_path)
    code, _, err = lint(capsys, "sosreport-node1", "copy")
    assert code == 2
    assert "pcs-lint: error: copy: node 'node1' is also in sosreport-node1; this copy is not read" in err


def test_bundles_and_plain_files_mix(tmp_path):
    copy_fixture("crm_report", tmp_path)
    inputs = read_bundles([str(tmp_path / "crm_report"), str(SAMPLES / "clean" / "cib.xml")])
    assert isinstance(inputs, BundleInputs)
    assert inputs.others == (str(SAMPLES / "clean" / "cib.xml"),)
    assert [c.node for c in inputs.corosync] == ["node1", "node2"]
    assert inputs.cib.name.endswith("crm_report/node1/cib.xml")


# ------------------------------------------------------------------ the samples


def test_the_sosreport_sample_gives_exactly_its_one_finding(capsys, monkeypatch):
    monkeypatch.chdir(SAMPLES / "sosreport")
    code, out, err = lint(capsys, "sosreport-node1/", "sosreport-node2/")
    findings = [line for line in out.splitlines() if ": PCS" in line]
    assert (code, err) == (1, "")
    assert [f.split(" ")[:2] for f in findings] == [["sosreport-node2/etc/sysconfig/sbd:7:1:", "PCS604"]]


@pytest.mark.parametrize("as_tarball", [False, True])
def test_the_crm_report_sample_gives_pcs501_for_each_copy(capsys, tmp_path, monkeypatch, as_tarball):
    if as_tarball:
        archive = tmp_path / "report.tar.bz2"
        with tarfile.open(archive, "w:bz2") as tar:
            tar.add(SAMPLES / "crm-report", arcname="crm-report")
        monkeypatch.chdir(tmp_path)
        given, prefix = "report.tar.bz2", "report.tar.bz2:crm-report"
    else:
        monkeypatch.chdir(SAMPLES)
        given, prefix = "crm-report", "crm-report"
    code, out, _ = lint(capsys, given)
    findings = [line.split(" ")[:2] for line in out.splitlines() if ": PCS" in line]
    assert code == 1
    # PCS706 (info): a crm_report copies no Pacemaker environment file, so the port checks had none.
    assert findings == [[f"{given}:", "PCS706"], [f"{prefix}/node1/corosync.conf:24:", "PCS501"],
                        [f"{prefix}/node2/corosync.conf:24:", "PCS501"]]
    assert f"PCS706 the crm_report {given} holds no Pacemaker environment file" in out
    # Given the nodes' files, the crm_report's lack is not the news (PCS706 names the hosts still
    # without one: the sample's CIB has a remote and a guest node).
    env = SAMPLES / "clean" / "env"
    code, out, _ = lint(capsys, "--sysconfig", f"node1={env / 'node1.sysconfig'}",
                        "--sysconfig", f"node2={env / 'node2.sysconfig'}", given)
    assert "holds no Pacemaker environment file" not in out and "but not for remote1, guest1" in out


def test_force_exclude_applies_to_bundles_too(capsys, tmp_path, monkeypatch):
    copy_fixture("crm_report", tmp_path)
    (tmp_path / "cib.xml").write_bytes((SAMPLES / "clean" / "cib.xml").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, _ = lint(capsys, "--force-exclude", "--exclude", "crm_report", "crm_report", "cib.xml")
    assert (code, out) == (0, "No problems found in 1 file.\n")


def test_a_host_named_by_its_fqdn_is_the_nodelist_node_of_its_first_label(tmp_path):
    """RHEL hosts often print a FQDN as their hostname; Pacemaker names the node as corosync's
    nodelist does (samples/clean/corosync.conf: name: node1)."""
    report = copy_fixture("sosreport-node1", tmp_path)
    (report / "sos_commands" / "host" / "hostname").write_text("node1.example.com\n")
    (node,) = read_bundles([str(report)]).nodes
    assert node.node == "node1"
    conf = report / "etc" / "corosync" / "corosync.conf"
    conf.write_text(conf.read_text().replace("name: node1", "name: node1.example.com"))
    (node,) = read_bundles([str(report)]).nodes
    assert node.node == "node1.example.com"  # the nodelist names the whole host name: kept


def test_a_bundle_holding_nothing_pcs_lint_reads_is_said_so(capsys, tmp_path, monkeypatch):
    report = copy_fixture("sosreport-node1", tmp_path)
    for part in ("etc", "sos_commands/pacemaker"):
        shutil.rmtree(report / part)
    monkeypatch.chdir(tmp_path)
    code, out, err = lint(capsys, "sosreport-node1")
    assert (code, out) == (0, "No problems found in 0 files.\n")
    assert err == ("pcs-lint: warning: skipped sosreport-node1: no CIB, corosync.conf, Pacemaker environment "
                   "or SBD file in this sosreport\n")
