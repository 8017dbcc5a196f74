"""The PCS1xx docs' claims about Pacemaker, re-checked against the installed Pacemaker.

Rule docs and messages say what Pacemaker (2.1.5) does with each bad sample: "crm_verify says
nothing", "the scheduler logs a fatal assertion ... exit 0", "the schema rejects it as an unknown
IDREF", "no guest node is created". Each case here runs one tool once on the rule's bad sample
(edited where the claim is about a variant) and asserts the claim, so a Pacemaker upgrade that
changes the behaviour fails the test named after the rule whose doc must then change.

Runs are `crm_verify -x FILE -VV` (the catalogue's reference command: warnings shown) and
`crm_simulate -x FILE -S -VV` (the transition a live cluster would run, and its warnings).
Claims about a running cluster get a status section: both cluster nodes online and quorum, so
the scheduler places resources instead of logging that it cannot.
"""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SAMPLES

# slow: runs crm_verify for many cases (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

BAD = SAMPLES / "bad"


# --- building the input ---------------------------------------------------------------------

def sample_path(rule: str) -> Path:
    """The rule's bad sample: PCSxxx-name.xml, or PCSxxx-name/cib.xml for multi-file samples."""
    (found,) = [p for p in BAD.glob(f"{rule}-*") if p.suffix == ".xml" or p.is_dir()]
    return found / "cib.xml" if found.is_dir() else found


def add_status(root: etree._Element) -> None:
    """Every cluster node online and a quorate partition: what a running cluster shows."""
    root.set("have-quorum", "1")
    status = root.find("status")
    if status is None:
        status = etree.SubElement(root, "status")
    for node in root.iterfind("configuration/nodes/node"):
        if node.get("type", "member") == "member":
            etree.SubElement(status, "node_state", id=node.get("id"), uname=node.get("uname"),
                             in_ccm="true", crmd="online", join="member", expected="member")


def find_id(root: etree._Element, ident: str) -> etree._Element:
    (element,) = root.xpath("//*[@id=$ident]", ident=ident)
    return element


def clone_guest_vm(root: etree._Element) -> None:
    """Wrap the VM vm1 in a clone: its remote-node then creates no guest (PCS108's case)."""
    vm = find_id(root, "vm1")
    clone = etree.Element("clone", id="vm1-clone")
    vm.addprevious(clone)
    clone.append(vm)


def name_guest_through_tag(root: etree._Element) -> None:
    """Name guest1 through a tag: an obj_ref is no IDREF, so the schema lets it through."""
    tags = etree.SubElement(root.find("configuration"), "tags")
    tag = etree.SubElement(tags, "tag", id="guests")
    etree.SubElement(tag, "obj_ref", id="guest1")
    find_id(root, "col-app-guest1").set("with-rsc", "guests")


def unvalidated(root: etree._Element) -> None:
    root.set("validate-with", "none")


def move_before_bundle(ident: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        find_id(root, "web-bundle").addprevious(find_id(root, ident))
    return edit


# --- reading the output ---------------------------------------------------------------------

LOG_LINE = re.compile(r"\b(error|warning|crit|notice):|^crm_verify: ", re.MULTILINE)


def log_lines(output: str) -> list[str]:
    """The lines a user reads as complaints (the schema validator's lines included)."""
    return [line for line in output.splitlines()
            if LOG_LINE.search(line) or "validity error" in line]


def transition_summary(output: str) -> list[str]:
    """crm_simulate's 'Transition Summary' lines, spaces collapsed ('Start web ( node1 )')."""
    section = output.split("Transition Summary:", 1)[1].split("Executing Cluster Transition:", 1)[0]
    return [" ".join(line.split()).lstrip("* ") for line in section.splitlines() if line.strip()]


def revised_status(output: str) -> str:
    return output.split("Revised Cluster Status:", 1)[1]


# --- the claims -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Claim:
    rule: str
    says: str                       # the claim, in the doc's words
    tool: str                       # crm_verify or crm_simulate
    exit_code: int
    logs: tuple[str, ...] = ()      # phrases the output must contain
    silent: bool = False            # no error, warning or validity line at all
    edits: tuple[Callable[[etree._Element], None], ...] = ()
    check: Callable[[str], None] | None = None   # a further assertion on the whole output
    graph_check: Callable[[etree._Element], None] | None = None  # on crm_simulate's -G graph
    variant: str = ""
    exact_log: bool = True          # the logs phrases are all the log complains about

    @property
    def name(self) -> str:
        return f"{self.rule}{'-' + self.variant if self.variant else ''}-{self.tool}"


def schedules_twice(name: str) -> Callable[[str], None]:
    def check(output: str) -> None:
        starts = [line for line in transition_summary(output) if line.startswith(f"Start {name} ")]
        assert len(starts) == 2, starts
    return check


def guest_probed_only(name: str) -> Callable[[str], None]:
    def check(output: str) -> None:
        assert f"{name} monitor on node1" in " ".join(output.split())
        assert not [line for line in transition_summary(output) if line.startswith(f"Start {name} ")]
        assert "GuestOnline" not in revised_status(output)
    return check


def remote_stays_stopped(name: str) -> Callable[[str], None]:
    def check(output: str) -> None:
        assert f"{name} (ocf:pacemaker:remote): Stopped" in " ".join(revised_status(output).split())
        assert not [line for line in transition_summary(output) if line.startswith(f"Start {name} ")]
    return check


def no_node(name: str) -> Callable[[str], None]:
    def check(output: str) -> None:
        # Not a node, not a resource: the name appears nowhere in the simulation.
        assert re.search(rf"\b{re.escape(name)}\b", output) is None, output
    return check


def guest_online(name: str) -> Callable[[str], None]:
    def check(output: str) -> None:
        assert f"GuestOnline: [ {name} ]" in revised_status(output)
    return check


def guest_start_timeout(name: str, milliseconds: str) -> Callable[[etree._Element], None]:
    def check(graph: etree._Element) -> None:
        timeouts = [attributes.get("CRM_meta_timeout") for op in graph.iter("rsc_op")
                    if op.get("operation_key") == f"{name}_start_0" for attributes in op.iter("attributes")]
        assert timeouts == [milliseconds], timeouts
    return check


def assertions(count: int) -> Callable[[str], None]:
    def check(output: str) -> None:
        assert output.count("Triggered fatal assertion") == count, output
    return check


def not_about_guests(output: str) -> None:
    assert "remote-node" not in output and "guest" not in output.replace('"guest1"', "")


def connection_renamed(output: str) -> None:
    """Replica 0's connection starts under an internal id; web-bundle-0 is the IPaddr2 alone."""
    summary = transition_summary(output)
    assert [line for line in summary if line.startswith("Start pcmk-internal-web:0-remote-0 ")], summary
    assert len([line for line in summary if line.startswith("Start web-bundle-0 ")]) == 1, summary


SILENT = {"exit_code": 0, "silent": True}
FATAL = "Triggered fatal assertion"

CLAIMS = [
    Claim("PCS101", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS101", 'the scheduler schedules a second "web", then fences the guest', "crm_simulate", 0,
          logs=("Guest node web will be fenced", "web is thought to be active there"),
          check=schedules_twice("web")),
    Claim("PCS102", "crm_verify reports only the VM's ordering with itself", "crm_verify", 0,
          logs=("Invalid ordering constraint between vm1 and vm1",)),
    Claim("PCS102", "no guest node; the connection is only probed; an invalid ordering of the VM "
          "with itself is logged", "crm_simulate", 0,
          logs=("Invalid ordering constraint between vm1 and vm1",), check=guest_probed_only("Node2")),
    Claim("PCS103", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS103", "crm_simulate leaves the connection Stopped", "crm_simulate", 0, silent=True,
          check=remote_stays_stopped("node2")),
    Claim("PCS104", "the scheduler logs a fatal assertion (remote_node != NULL), exit 0",
          "crm_verify", 0, logs=(FATAL, "remote_node != NULL"), check=assertions(1)),
    Claim("PCS105", "a fatal assertion per instance (2 nodes: 2), exit 0", "crm_verify", 0,
          logs=(FATAL, "remote_node != NULL"), check=assertions(2)),
    Claim("PCS106", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS107", 'the schema rejects it: IDREF ... unknown ID "guest1", no word about guests',
          "crm_verify", 78, logs=('IDREF attribute with-rsc references an unknown ID "guest1"',
                                  "did not pass schema validation"), check=not_about_guests),
    Claim("PCS107", "through a tag the CIB loads and the constraint is taken", "crm_verify",
          variant="tag", edits=(name_guest_through_tag,), **SILENT),
    Claim("PCS107", 'through a tag, a guest not created: "No resource found", constraint ignored',
          "crm_verify", 78, variant="tag-no-guest", edits=(clone_guest_vm, name_guest_through_tag),
          logs=("No resource found for guest1",)),
    Claim("PCS107", "unvalidated, a guest not created: not a valid resource, constraint ignored",
          "crm_verify", 78, variant="none-no-guest", edits=(clone_guest_vm, unvalidated),
          logs=("Ignoring constraint 'col-app-guest1' because 'guest1' is not a valid resource",),
          exact_log=False),
    Claim("PCS108", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS108", "no node of that name exists", "crm_simulate", 0, silent=True,
          check=no_node("guest1")),
    Claim("PCS109", "crm_verify is silent", "crm_verify", **SILENT),
    Claim("PCS110", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS110", "2.1 accepts Remote-Node: the guest exists", "crm_simulate", 0, silent=True,
          check=guest_online("guest1")),
    Claim("PCS111", 'empty: "Ignoring <primitive> resource without ID", an error', "crm_verify", 78,
          logs=("Ignoring <primitive> resource without ID",)),
    Claim("PCS112", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS113", "crm_verify cannot catch it", "crm_verify", **SILENT),
    Claim("PCS117", 'crm_verify only logs "Using 0 instead", exit 0', "crm_verify", 0,
          logs=("Using 0 instead of '1d'",)),
    Claim("PCS118", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS118", "PT2M is replaced by the 20 s default operation timeout", "crm_simulate", 0,
          silent=True, graph_check=guest_start_timeout("guest1", "20000")),
    Claim("PCS119", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS120", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS121", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS122", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS123", "the scheduler logs an assertion, exit 0", "crm_verify", 0,
          logs=(FATAL, "remote_node != NULL"), check=assertions(2)),
    Claim("PCS130", '"Cannot control ... without either ip-range-start or control-port", an error',
          "crm_verify", 78,
          logs=("Cannot control web-bundle inside web without either ip-range-start or control-port",),
          exact_log=False),
    Claim("PCS131", "\"Specifying the 'control-port' for ... requires 'replicas-per-host=1'\"",
          "crm_verify", 78,
          logs=("Specifying the 'control-port' for web-bundle requires 'replicas-per-host=1'",)),
    Claim("PCS132", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS132", "defined after the bundle, the resource and replica 0's connection share the id",
          "crm_simulate", 0, silent=True, check=schedules_twice("web-bundle-0")),
    Claim("PCS132", "defined before the bundle, replica 0's connection gets an internal name",
          "crm_simulate", 0, silent=True, variant="before", edits=(move_before_bundle("web-bundle-0"),),
          check=connection_renamed),
    Claim("PCS134", '"Ignoring constraint ... because ... is not a valid resource or tag", an error',
          "crm_verify", 78,
          logs=("Ignoring constraint 'loc-web-node1' because 'web' is not a valid resource or tag",),
          exact_log=False),
    Claim("PCS135", "the assertion fails and crm_verify aborts (SIGABRT)", "crm_verify",
          -signal.SIGABRT, logs=(FATAL, "node->details->remote_rsc")),
    Claim("PCS136", "crm_verify says nothing", "crm_verify", **SILENT),
    Claim("PCS136", "no node of that name is created", "crm_simulate", 0, silent=True,
          check=no_node("web-guest")),
]

# The product's premise: crm_verify, run the way users run it on the file as written, passes.
UNSEEN = ["PCS101", "PCS104", "PCS106", "PCS113"]


def run(tool: str, path: Path, graph: Path | None = None) -> subprocess.CompletedProcess:
    args = [tool, "-x", str(path), "-VV"] if tool.endswith("crm_verify") else [tool, "-x", str(path), "-S", "-VV"]
    if graph is not None:
        args += ["-G", str(graph)]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.name)
def test_doc_claim_holds(claim: Claim, request, tmp_path: Path):
    tool = request.getfixturevalue(claim.tool)
    root = etree.parse(str(sample_path(claim.rule))).getroot()
    for edit in claim.edits:
        edit(root)
    add_status(root)
    path = tmp_path / "cib.xml"
    etree.ElementTree(root).write(str(path))

    graph = tmp_path / "graph.xml" if claim.graph_check else None
    result = run(tool, path, graph)
    output = result.stdout + result.stderr
    complaints = log_lines(output)
    assert result.returncode == claim.exit_code, f"{claim.says}\n{output}"
    if claim.silent:
        assert complaints == [], f"{claim.says}\n{output}"
    for phrase in claim.logs:
        assert phrase in output, f"{claim.says}\n{output}"
    if claim.logs and claim.exact_log:
        unexplained = [line for line in complaints if not any(p in line for p in claim.logs)
                       and "config not valid" not in line]
        assert unexplained == [], f"{claim.says}\n{output}"
    if claim.check:
        claim.check(output)
    if claim.graph_check:
        claim.graph_check(etree.parse(str(graph)).getroot())


@pytest.mark.parametrize("rule", UNSEEN)
def test_crm_verify_does_not_see_it(rule: str, crm_verify: str):
    result = subprocess.run([crm_verify, "-x", str(sample_path(rule)), "-V"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr)

