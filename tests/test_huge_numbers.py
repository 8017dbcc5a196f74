"""Issue 8, items 3 and 4: numbers of any length and bundles of any size.

Every CIB here is generated in the test. Numbers longer than Python's 4,300-digit int() limit
used to crash eleven rules to PCS000, and inside a bundle the index itself, so nothing in the
file was linted. Pacemaker reads such numbers with saturating C conversions, so each rule must
give its normal finding: a zero-padded number reads as its value ("000…03122" is 3122), and a
long run of nines saturates. Bundles with huge replicas must not cost memory per replica.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .hostile import run_hostile, write

# slow: every case runs pcs-lint in a child process (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

DIGITS = (5_001, 100_000)


def nines(digits: int) -> str:
    return "9" * digits


def padded(digits: int, value: int) -> str:
    """``value`` written with ``digits`` digits: what C reads as ``value``."""
    return str(value).rjust(digits, "0")


def cib(resources: str = "", constraints: str = "", crm_config: str = "", op_defaults: str = "") -> str:
    return f"""<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options">{crm_config}</cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
    <resources>
      <primitive id="fence-all" class="stonith" type="fence_ipmilan"/>
      {resources}
    </resources>
    <constraints>{constraints}</constraints>
    {op_defaults}
  </configuration>
</cib>
"""


def remote(rid: str, server: str, port: str | None = None, ops: str = "") -> str:
    port_pair = f'<nvpair id="{rid}-port" name="port" value="{port}"/>' if port is not None else ""
    return (f'<primitive id="{rid}" class="ocf" provider="pacemaker" type="remote">'
            f'<instance_attributes id="{rid}-ia"><nvpair id="{rid}-server" name="server" value="{server}"/>'
            f'{port_pair}</instance_attributes><operations>{ops}</operations></primitive>')


def dummy(rid: str, ops: str) -> str:
    return (f'<primitive id="{rid}" class="ocf" provider="heartbeat" type="Dummy">'
            f"<operations>{ops}</operations></primitive>")


def guest(meta: str) -> str:
    return ('<primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">'
            f'<meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/>'
            f"{meta}</meta_attributes></primitive>")


# code -> (files to write: name -> text, given the number's digit count)
CASES = {
    # port read by atoi: nines saturate strtol and wrap to -1, no port
    "PCS112": lambda n: {"cib.xml": cib(remote("remote1", "192.0.2.21", nines(n)))},
    # the cluster nodes connect to 3122 (atoi of the padded port), remote1 listens on 3121
    "PCS113": lambda n: {
        "cib.xml": cib(remote("remote1", "192.0.2.21", padded(n, 3122))),
        "node1.env": "PCMK_remote_port=3121\n", "node2.env": "PCMK_remote_port=3121\n",
        "remote1.env": "PCMK_remote_port=3121\n"},
    # strtol overflows: Pacemaker uses 3121
    "PCS115": lambda n: {
        "cib.xml": cib(remote("remote1", "192.0.2.21")),
        "node1.env": f"PCMK_remote_port={nines(n)}\n", "node2.env": "PCMK_remote_port=3121\n"},
    # a timeout of 0 however it is written
    "PCS118": lambda n: {"cib.xml": cib(guest(
        f'<nvpair id="vm1-rct" name="remote-connect-timeout" value="{padded(n, 0)}s"/>'))},
    # both connect to 192.0.2.21:3121
    "PCS120": lambda n: {"cib.xml": cib(remote("remote1", "192.0.2.21", padded(n, 3121))
                                        + remote("remote2", "192.0.2.21", padded(n, 3121)))},
    # a zero-padded score of 2000000 is INFINITY: the fence device is sent onto a remote node
    # (an unpadded 10**n overflows a long long and pcmk__scan_ll makes it 0)
    "PCS121": lambda n: {"cib.xml": cib(
        remote("remote1", "192.0.2.21"),
        f'<rsc_location id="loc1" rsc="fence-all" node="remote1" score="{padded(n, 2_000_000)}"/>')},
    # an ISO amount too large for a C int: the interval is invalid
    "PCS401": lambda n: {"cib.xml": cib(dummy("d1", f'<op id="d1-mon" name="monitor" interval="P{nines(n)}D"/>'))},
    # capped at about 49.7 days
    "PCS402": lambda n: {"cib.xml": cib(dummy("d1", f'<op id="d1-mon" name="monitor" interval="{nines(n)}"/>'))},
    # larger than a C int of milliseconds
    "PCS403": lambda n: {"cib.xml": cib(dummy("d1", f'<op id="d1-start" name="start" interval="0" timeout="{nines(n)}"/>'))},
    # "000…010" and "10s" are one interval
    "PCS404": lambda n: {"cib.xml": cib(dummy(
        "d1", f'<op id="d1-m1" name="monitor" interval="{padded(n, 10)}"/><op id="d1-m2" name="monitor" interval="10s"/>'))},
    # a remote connection's start timeout of 2 s, too short to retry
    "PCS409": lambda n: {"cib.xml": cib(remote(
        "remote1", "192.0.2.21", ops=f'<op id="remote1-start" name="start" interval="0" timeout="{padded(n, 2)}s"/>'))},
}


def _lint(tmp_path: Path, files: dict[str, str], *args: str) -> list[dict]:
    for name, text in files.items():
        write(tmp_path / name, text.encode())
    env_args = [arg for name in files if name.endswith(".env")
                for arg in ("--sysconfig", f"{name.removesuffix('.env')}={name}")]
    run = run_hostile(["--isolated", "--format", "json", "--fail-on", "info", *env_args, *args, "cib.xml"], cwd=tmp_path, expect=1)
    return json.loads(run.stdout)["findings"]


@pytest.mark.parametrize("digits", DIGITS)
@pytest.mark.parametrize("code", sorted(CASES))
def test_a_huge_number_gives_the_rules_normal_finding(tmp_path, code, digits):
    findings = _lint(tmp_path, CASES[code](digits), "--select", f"{code},PCS000")
    codes = [f["rule"] for f in findings]
    assert code in codes and "PCS000" not in codes, findings
    assert all(len(f["message"]) < 1000 + 2 * digits for f in findings)


def bundle(bid: str, replicas: str, network: str = "", extra: str = "") -> str:
    return (f'<bundle id="{bid}"><docker image="img" replicas="{replicas}" replicas-per-host="{replicas}" '
            f'promoted-max="{replicas}" {extra}/>{network}'
            f'<primitive id="{bid}-rsc" class="ocf" provider="heartbeat" type="apache"/></bundle>')


@pytest.mark.parametrize("digits", DIGITS)
def test_a_huge_number_in_a_bundle_leaves_the_rest_of_the_file_linted(tmp_path, digits):
    network = f'<network ip-range-start="10.{padded(digits, 0)}.0.1" control-port="{nines(digits)}"/>'
    files = {"cib.xml": cib(
        # pcmk__scan_min_int: a zero-padded 9999999999 is INT_MAX replicas; a number too large
        # for a long long is discarded (1 replica)
        bundle("web", padded(digits, 9_999_999_999), network)
        + bundle("db", padded(digits, 3))  # no network: unreachable
        + bundle("one", nines(digits), '<network control-port="3130"/>')
        + dummy("d1", f'<op id="d1-mon" name="monitor" interval="{nines(digits)}"/>'),
        constraints='<rsc_location id="loc1" rsc="d1" node="web-2147483646" score="INFINITY"/>'
                    '<rsc_location id="loc2" rsc="d1" node="db-3" score="INFINITY"/>'
                    '<rsc_location id="loc3" rsc="d1" node="one-0" score="INFINITY"/>'
                    '<rsc_location id="loc4" rsc="d1" node="one-1" score="INFINITY"/>')}
    findings = _lint(tmp_path, files)
    codes = {f["rule"] for f in findings}
    assert "PCS000" not in codes, findings
    assert {"PCS112", "PCS130", "PCS402"} <= codes
    # web-2147483646 is a replica node; db has replicas 0..2 only, "one" only replica 0
    unknown = [f["object_id"] for f in findings if f["rule"] == "PCS204"]
    assert sorted(unknown) == ["loc2", "loc4"]


def test_bundles_with_huge_replicas_cost_no_memory_per_replica(tmp_path):
    # Once 300 such bundles took 900 MB and 13 s, 600 with networks 2.4 GB and 40 s: every rule
    # listed every replica's names. 2,000 bundles, each INT_MAX replicas with a network, some
    # sharing names with each other, must fit 2 GiB and 10 s.
    parts = []
    for n in range(2_000):
        network = f'<network ip-range-start="10.{n % 250}.{n % 200}.1" control-port="{3122 + n}"/>'
        parts.append(bundle(f"b{n}", "9999999999", network))  # INT_MAX replicas
    parts.append(bundle("b7-docker", "99"))  # its replica nodes are b7's containers
    files = {"cib.xml": cib(
        "".join(parts),
        constraints='<rsc_location id="loc1" rsc="fence-all" node="b1999-2147483646" score="INFINITY"/>')}
    findings = _lint(tmp_path, files)
    codes = [f["rule"] for f in findings]
    assert "PCS000" not in codes
    assert "PCS121" in codes  # the fence device sent onto the last replica of the last bundle
    shared = [f for f in findings if f["rule"] == "PCS132"]
    assert len(shared) == 20 and all(f["object_id"] == "b7-docker" for f in shared)
    assert sum("(79 more names of the two bundles are shared" in f["message"] for f in shared) == 1
