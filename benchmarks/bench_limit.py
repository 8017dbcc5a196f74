#!/usr/bin/env python3
"""pcs-lint against the physical limit: parsing a CIB plus validating it against Pacemaker's schema.

    .venv/bin/python benchmarks/bench_limit.py [--repeat 5] [--startup-repeat 10] [--sizes 1.2,4.8,19]

Generates deterministic CIBs of about 1.2, 4.8 and 19 MB shaped like a large real cluster (8
cluster nodes; remote nodes, guest VMs, bundles, groups of primitives with operations, fence
devices, a template; location, colocation and order constraints, some with rules or resource
sets: at 4.8 MB 400 remote and 400 guest nodes and about 8,000 constraints), then times, in the
same run and interleaved:

* pcs-lint, every rule on (no config file), JSON report to /dev/null;
* the limit script: a child Python that parses the file with lxml and validates it against the
  RELAX NG schema its ``validate-with`` names in the schema directory (/usr/share/pacemaker).

Both run as child processes; their CPU time (user + system) and peak RSS come from os.wait4, so
other jobs on a shared machine inflate the wall time but hardly the CPU time. Each figure is the
median of ``--repeat`` runs. Then start-up: pcs-lint on a tiny clean CIB, yamllint on a tiny YAML
file (when yamllint is installed: it is not a pcs-lint dependency) and ``python -c pass``.

A measurement script, not a test: it prints figures and ratios and asserts nothing. The goals of
issue 14 are printed beside the ratios for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lint import cli_environment  # noqa: E402  (a sibling script, not a package)

SCHEMA_DIR = "/usr/share/pacemaker"
SCHEMA_VERSION = "pacemaker-3.9"
SIZES_MB = (1.2, 4.8, 19.0)
# Remote nodes (and guest VMs) per generated megabyte: 400 of each make about 4.8 MB.
UNITS_PER_MB = 400 / 4.8
# The units that get constraints (about 19 each). Without this cap the 19 MB CIB had 30,394
# constraints in its one <constraints> element, more children than PCS903 validates (20,000:
# libxml2's RELAX NG validation is quadratic in them), so pcs-lint skipped the validation the
# limit script does and the comparison favoured it. Capped, every CIB here is validated by both.
CONSTRAINED_UNITS = 1000
CLUSTER_NODES = 8

# The limit: lxml's parse and libxml2's RELAX NG validation of the declared schema, nothing else.
LIMIT_SCRIPT = """
import sys
from lxml import etree
root = etree.parse(sys.argv[1], etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
schema = etree.RelaxNG(etree.parse(sys.argv[2] + "/" + root.get("validate-with") + ".rng"))
sys.exit(0 if schema.validate(root) else 1)
"""

TINY_YAML = "---\nname: tiny\nitems:\n  - one\n  - two\n"


# ---------------------------------------------------------------- the generated CIB


def _nvpairs(set_id: str, tag: str, pairs: dict[str, str], indent: str = "      ") -> str:
    """An attribute set laid out as pcs writes it: one nvpair a line."""
    body = "".join(f'\n{indent}  <nvpair id="{set_id}-{name}" name="{name}" value="{value}"/>'
                   for name, value in pairs.items())
    return f'<{tag} id="{set_id}">{body}\n{indent}</{tag}>'


def _operations(owner: str, ops: tuple[tuple[str, str, str], ...]) -> str:
    body = "".join(f'\n        <op id="{owner}-{name}-interval-{interval}" name="{name}" interval="{interval}" '
                   f'timeout="{timeout}"/>' for name, interval, timeout in ops)
    return f"\n      <operations>{body}\n      </operations>"


STANDARD_OPS = (("monitor", "30s", "20s"), ("start", "0s", "60s"), ("stop", "0s", "60s"))
REMOTE_OPS = (("monitor", "60s", "30s"), ("start", "0s", "60s"), ("stop", "0s", "60s"),
              ("migrate_from", "0s", "60s"), ("migrate_to", "0s", "60s"), ("reload", "0s", "60s"))
VM_OPS = (("monitor", "10s", "30s"), ("start", "0s", "90s"), ("stop", "0s", "90s"),
          ("migrate_from", "0s", "60s"), ("migrate_to", "0s", "120s"))


def _primitive(rid: str, agent: str, params: dict[str, str], ops: tuple[tuple[str, str, str], ...],
               meta: dict[str, str] | None = None, template: str | None = None) -> str:
    if template:
        head = f'<primitive id="{rid}" template="{template}">'
    else:
        standard, _, rest = agent.partition(":")
        provider, _, kind = rest.rpartition(":")
        provider_attr = f' provider="{provider}"' if provider else ""
        head = f'<primitive id="{rid}" class="{standard}"{provider_attr} type="{kind}">'
    parts = [head, "\n      " + _nvpairs(f"{rid}-instance_attributes", "instance_attributes", params)]
    if meta:
        parts.append("\n      " + _nvpairs(f"{rid}-meta_attributes", "meta_attributes", meta))
    if ops:
        parts.append(_operations(rid, ops))
    parts.append("\n    </primitive>")
    return "".join(parts)


def _ip(block: int, number: int) -> str:
    return f"10.{block}.{number // 250}.{number % 250 + 1}"


def generate_cib(units: int, *, status: bool = True) -> bytes:
    """A valid CIB with ``units`` remote nodes, as many guest VMs and groups, units/20 bundles,
    about 20 constraints per unit (for the first CONSTRAINED_UNITS units), and (``status``) the
    status section of a running cluster: about 45 % of the bytes. Deterministic: the same
    arguments give the same bytes."""
    nodes = [f"node{n}" for n in range(1, CLUSTER_NODES + 1)]
    out = ['<cib crm_feature_set="3.16.2" validate-with="' + SCHEMA_VERSION + '" epoch="42" num_updates="0" '
           'admin_epoch="0">\n  <configuration>\n    <crm_config>\n      ']
    out.append(_nvpairs("cib-bootstrap-options", "cluster_property_set", {
        "have-watchdog": "false", "dc-version": "2.1.5-a3f44794f94", "cluster-infrastructure": "corosync",
        "cluster-name": "big", "stonith-enabled": "true", "no-quorum-policy": "stop"}))
    out.append("\n    </crm_config>\n    <nodes>")
    for number, name in enumerate(nodes, 1):
        site = {"site": "a" if number % 2 else "b"}
        out.append(f'\n      <node id="{number}" uname="{name}">'
                   f'{_nvpairs(f"nodes-{number}", "instance_attributes", site, "        ")}\n      </node>')
    for unit in range(units):
        if unit % 2 == 0:  # pcs writes a remote node's entry once it has a node attribute
            out.append(f'\n      <node id="remote{unit}" type="remote" uname="remote{unit}">'
                       f'{_nvpairs(f"nodes-remote{unit}", "instance_attributes", {"rack": str(unit % 16)}, "        ")}'
                       "\n      </node>")
    out.append("\n    </nodes>\n    <resources>")
    out.append('\n    <template id="web-template" class="ocf" provider="heartbeat" type="apache">'
               + _operations("web-template", STANDARD_OPS) + "\n    </template>")
    for number, name in enumerate(nodes, 1):
        out.append("\n    " + _primitive(f"fence-{name}", "stonith:fence_xvm",
                                         {"pcmk_host_list": name, "port": f"vm-{name}"},
                                         (("monitor", "60s", "20s"),), {"priority": str(number)}))
    for unit in range(units):
        out.append("\n    " + _primitive(f"remote{unit}", "ocf:pacemaker:remote",
                                         {"server": _ip(1, unit), "reconnect_interval": "60s"}, REMOTE_OPS))
        out.append("\n    " + _primitive(f"vm{unit}", "ocf:heartbeat:VirtualDomain",
                                         {"config": f"/etc/libvirt/qemu/vm{unit}.xml", "hypervisor": "qemu:///system",
                                          "migration_transport": "ssh"}, VM_OPS,
                                         {"remote-node": f"guest{unit}", "remote-addr": _ip(2, unit),
                                          "allow-migrate": "true"}))
        web = (_primitive(f"web{unit}", "", {"configfile": f"/srv/app{unit}/httpd.conf"}, (),
                          template="web-template") if unit % 10 == 0 else
               _primitive(f"web{unit}", "ocf:heartbeat:apache", {"configfile": f"/srv/app{unit}/httpd.conf",
                                                                  "statusurl": "http://localhost/server-status"},
                          STANDARD_OPS))
        out.append(f'\n    <group id="grp{unit}">\n    '
                   + _primitive(f"ip{unit}", "ocf:heartbeat:IPaddr2", {"ip": _ip(3, unit), "cidr_netmask": "24"},
                                STANDARD_OPS)
                   + "\n    " + _primitive(f"fs{unit}", "ocf:heartbeat:Filesystem",
                                           {"device": f"/dev/vg/app{unit}", "directory": f"/srv/app{unit}",
                                            "fstype": "xfs"}, STANDARD_OPS)
                   + "\n    " + web + "\n    </group>")
        if unit % 20 == 0:
            bundle = f"bundle{unit // 20}"
            out.append(f'\n    <bundle id="{bundle}">\n      <podman image="registry.example/app:{unit // 20}" '
                       f'replicas="3" run-command="/usr/sbin/pacemaker-remoted"/>\n      <network '
                       f'ip-range-start="{_ip(4, unit)}" host-netmask="24" control-port="{3200 + unit // 20}"/>\n'
                       f'      <storage><storage-mapping id="{bundle}-data" source-dir="/srv/{bundle}" '
                       f'target-dir="/srv/data" options="rw"/></storage>\n    '
                       + _primitive(f"{bundle}-app", "ocf:heartbeat:apache", {"configfile": "/srv/data/httpd.conf"},
                                    STANDARD_OPS) + "\n    </bundle>")
        if unit % 50 == 0:
            clone = f"ping{unit // 50}"
            out.append(f'\n    <clone id="{clone}-clone">\n    '
                       + _primitive(clone, "ocf:pacemaker:ping", {"host_list": _ip(5, unit), "multiplier": "100"},
                                    (("monitor", "15s", "60s"),)) + "\n    </clone>")
    out.append("\n    </resources>\n    <constraints>")
    for unit in range(min(units, CONSTRAINED_UNITS)):
        home, other, banned = nodes[unit % 8], nodes[(unit + 3) % 8], nodes[(unit + 5) % 8]
        neighbour = (unit + 1) % units
        ping = f"ping{unit // 50}-clone"
        out.extend((
            f'\n      <rsc_location id="loc-remote{unit}-{home}" rsc="remote{unit}" node="{home}" score="100"/>',
            f'\n      <rsc_location id="ban-remote{unit}-{banned}" rsc="remote{unit}" node="{banned}" '
            'score="-INFINITY"/>',
            f'\n      <rsc_location id="loc-vm{unit}-{other}" rsc="vm{unit}" node="{other}" score="50"/>',
            f'\n      <rsc_location id="ban-vm{unit}-{banned}" rsc="vm{unit}" node="{banned}" score="-INFINITY"/>',
            f'\n      <rsc_location id="loc-grp{unit}-guest" rsc="grp{unit}" node="guest{unit}" score="INFINITY"/>',
            f'\n      <rsc_location id="loc-grp{unit}-remote" rsc="grp{unit}" node="remote{neighbour}" score="10"/>',
            f'\n      <rsc_location id="rule-grp{unit}" rsc="grp{unit}">\n        <rule id="rule-grp{unit}-rule" '
            f'score="-INFINITY" boolean-op="or">\n          <expression id="rule-grp{unit}-expr" '
            'attribute="pingd" operation="lt" value="1" type="number"/>\n        </rule>\n      </rsc_location>',
            f'\n      <rsc_location id="ban-grp{unit}-{banned}" rsc="grp{unit}" node="{banned}" score="-INFINITY"/>',
            f'\n      <rsc_colocation id="col-grp{unit}-grp{neighbour}" rsc="grp{unit}" with-rsc="grp{neighbour}" '
            'score="-100"/>',
            f'\n      <rsc_colocation id="col-vm{unit}-vm{neighbour}" rsc="vm{unit}" with-rsc="vm{neighbour}" '
            'score="-50"/>',
            f'\n      <rsc_colocation id="col-grp{unit}-vm{unit}" rsc="grp{unit}" with-rsc="vm{unit}" '
            'score="INFINITY"/>',
            f'\n      <rsc_colocation id="col-vm{unit}-{ping}" rsc="vm{unit}" with-rsc="{ping}" score="INFINITY"/>',
            f'\n      <rsc_order id="order-vm{unit}-grp{unit}" first="vm{unit}" then="grp{unit}" kind="Mandatory"/>',
            f'\n      <rsc_order id="order-vm{unit}-vm{neighbour}" first="vm{unit}" then="vm{neighbour}" '
            'kind="Optional"/>',
            f'\n      <rsc_order id="order-grp{unit}-grp{neighbour}" first="grp{unit}" then="grp{neighbour}" '
            'kind="Optional" symmetrical="false"/>',
            f'\n      <rsc_order id="order-{ping}-vm{unit}" first="{ping}" then="vm{unit}" kind="Serialize"/>',
            f'\n      <rsc_location id="rule-vm{unit}" rsc="vm{unit}">\n        <rule id="rule-vm{unit}-rule" '
            f'score="-INFINITY">\n          <expression id="rule-vm{unit}-expr" attribute="site" operation="eq" '
            f'value="{"b" if unit % 2 else "a"}"/>\n        </rule>\n      </rsc_location>',
            f'\n      <rsc_location id="loc-grp{unit}-{home}" rsc="grp{unit}" node="{home}" score="5"/>',
            f'\n      <rsc_location id="loc-vm{unit}-{home}" rsc="vm{unit}" node="{home}" score="5"/>',
        ))
        if unit % 5 == 0:
            out.append(f'\n      <rsc_order id="set-order{unit}">\n        <resource_set id="set-order{unit}-a" '
                       f'sequential="false"><resource_ref id="vm{unit}"/><resource_ref id="vm{neighbour}"/>'
                       f'</resource_set>\n        <resource_set id="set-order{unit}-b"><resource_ref '
                       f'id="grp{unit}"/></resource_set>\n      </rsc_order>')
    out.append("\n    </constraints>\n    <rsc_defaults>\n      "
               + _nvpairs("rsc-options", "meta_attributes", {"resource-stickiness": "100"})
               + "\n    </rsc_defaults>\n    <op_defaults>\n      "
               + _nvpairs("op-options", "meta_attributes", {"timeout": "60s"})
               + "\n    </op_defaults>\n  </configuration>\n")
    if status:
        out.append(_status(nodes, units))
    out.append("</cib>\n")
    return "".join(out).encode()


def _history(rid: str, agent: tuple[str, str, str], node: str, call: int) -> str:
    """One resource's operation history on a node, as the controller records it: the last
    start and the recurring monitor."""
    standard, provider, kind = agent
    provider_attr = f' provider="{provider}"' if provider else ""
    ops = []
    for offset, (operation, interval) in enumerate((("start", "0"), ("monitor", "30000"))):
        key = f"{rid}_{operation}_{interval}"
        op_id = f"{rid}_last_0" if interval == "0" else f"{rid}_monitor_{interval}"
        ops.append(f'\n            <lrm_rsc_op id="{op_id}" operation_key="{key}" operation="{operation}" '
                   f'crm-debug-origin="do_update_resource" crm_feature_set="3.16.2" '
                   f'transition-key="{call + offset}:7:0:5f0c7d2e-1111-4c4c-9e9e-{call:012d}" '
                   f'transition-magic="0:0;{call + offset}:7:0:5f0c7d2e-1111-4c4c-9e9e-{call:012d}" exit-reason="" '
                   f'on_node="{node}" call-id="{call + offset}" rc-code="0" op-status="0" interval="{interval}" '
                   f'last-rc-change="1700000000" exec-time="{40 + call % 900}" queue-time="0" '
                   f'op-digest="{call * 2654435761 % 2**128:032x}"/>')
    return (f'\n          <lrm_resource id="{rid}" class="{standard}"{provider_attr} type="{kind}">{"".join(ops)}'
            "\n          </lrm_resource>")


def _status(nodes: list[str], units: int) -> str:
    """The status section of a running cluster: each connection and VM active on a cluster node,
    each group on its guest node."""
    placed: dict[str, list[str]] = {name: [] for name in nodes}
    guests: dict[str, list[str]] = {}
    for unit in range(units):
        node = nodes[unit % len(nodes)]
        placed[node].append(_history(f"remote{unit}", ("ocf", "pacemaker", "remote"), node, 10 * unit))
        placed[node].append(_history(f"vm{unit}", ("ocf", "heartbeat", "VirtualDomain"), node, 10 * unit + 2))
        guest = f"guest{unit}"
        guests[guest] = [_history(f"ip{unit}", ("ocf", "heartbeat", "IPaddr2"), guest, 10 * unit + 4),
                         _history(f"fs{unit}", ("ocf", "heartbeat", "Filesystem"), guest, 10 * unit + 6),
                         _history(f"web{unit}", ("ocf", "heartbeat", "apache"), guest, 10 * unit + 8)]
    out = ["  <status>"]
    for number, name in enumerate(nodes, 1):
        out.append(f'\n    <node_state id="{number}" uname="{name}" in_ccm="true" crmd="online" '
                   'crm-debug-origin="do_update_resource" join="member" expected="member">'
                   f'\n      <transient_attributes id="{number}">\n        '
                   + _nvpairs(f"status-{number}", "instance_attributes", {"pingd": "100"}, "        ")
                   + f'\n      </transient_attributes>\n      <lrm id="{number}">\n        <lrm_resources>'
                   + "".join(placed[name]) + "\n        </lrm_resources>\n      </lrm>\n    </node_state>")
    for name, history in guests.items():
        out.append(f'\n    <node_state id="{name}" uname="{name}" remote_node="true" in_ccm="true" '
                   f'crm-debug-origin="do_update_resource">\n      <lrm id="{name}">\n        <lrm_resources>'
                   + "".join(history) + "\n        </lrm_resources>\n      </lrm>\n    </node_state>")
    out.append("\n  </status>\n")
    return "".join(out)


# ---------------------------------------------------------------- measuring children


@dataclass(frozen=True)
class Run:
    cpu: float  # user + system seconds of the child
    wall: float
    max_rss_mb: float
    exit_code: int


def run_child(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command with its output discarded; its own CPU time and peak RSS via wait4."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, child.returncode)


def not_validated(command: list[str], env: dict[str, str] | None) -> str | None:
    """PCS903's message when pcs-lint's JSON report says it did not validate the CIB (then it did
    less than the limit script, and the ratio does not compare like with like), else None."""
    output = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, env=env, check=False).stdout
    try:
        findings = json.loads(output)["findings"]
    except (ValueError, KeyError, TypeError):
        return "no JSON report"
    return next((f["message"] for f in findings if f.get("rule") == "PCS903" and "not validated" in f["message"]),
                None)


@dataclass(frozen=True)
class Medians:
    cpu: float
    wall: float
    max_rss_mb: float
    exit_codes: frozenset[int]


def medians(runs: list[Run]) -> Medians:
    return Medians(statistics.median(r.cpu for r in runs), statistics.median(r.wall for r in runs),
                   statistics.median(r.max_rss_mb for r in runs), frozenset(r.exit_code for r in runs))


def interleaved(commands: dict[str, tuple[list[str], dict[str, str]]], repeat: int) -> dict[str, Medians]:
    """Each (command, environment) once per round, ``repeat`` rounds, after one untimed warm-up
    round (page cache, bytecode cache)."""
    for command, env in commands.values():
        run_child(command, env)
    runs: dict[str, list[Run]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, (command, env) in commands.items():
            runs[label].append(run_child(command, env))
    return {label: medians(found) for label, found in runs.items()}


def describe(m: Medians) -> str:
    codes = ",".join(map(str, sorted(m.exit_codes)))
    return f"cpu {m.cpu:7.3f} s  wall {m.wall:7.3f} s  peak RSS {m.max_rss_mb:6.1f} MB  exit {codes}"


def write_in_child(path: Path, units: int, status: bool) -> None:
    """Generate a CIB in a child process: this process stays small, and so does what its
    children's peak RSS starts from (a child begins as a copy of this process)."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from bench_limit import generate_cib; "
            "open(sys.argv[2], 'wb').write(generate_cib(int(sys.argv[3]), status=sys.argv[4] == '1'))")
    subprocess.run([sys.executable, "-c", code, str(Path(__file__).resolve().parent), str(path), str(units),
                    "1" if status else "0"], check=True)


def width(labels: dict) -> int:
    return max(map(len, labels)) + 2


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side per size (median)")
    parser.add_argument("--startup-repeat", type=int, default=10, help="runs of each start-up command")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_MB)),
                        help="CIB sizes in MB, comma-separated (default %(default)s)")
    parser.add_argument("--schema-dir", default=SCHEMA_DIR)
    parser.add_argument("--no-status", dest="status", action="store_false",
                        help="generate the configuration only (no status section; the files are then smaller)")
    parser.add_argument("--keep", type=Path, help="write the generated CIBs into this directory")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="also time another pcs-lint tree, laid out as the package in DIR (DIR/pcs_lint, "
                        "DIR/pcs_lint/rules, DIR/pcs_lint/schemas), in the same interleaved rounds")
    options = parser.parse_args()
    sizes = [float(size) for size in options.sizes.split(",") if size]

    with tempfile.TemporaryDirectory(prefix="pcs-lint-limit-") as work:
        out_dir = options.keep or Path(work)
        out_dir.mkdir(parents=True, exist_ok=True)
        env = cli_environment(True, str(Path(work) / "pycache"))
        lint = [sys.executable, "-m", "pcs_lint", "--isolated", "--exit-zero", "--format", "json"]
        print(f"python {sys.version.split()[0]}; {load()} at the start")
        print(f"each figure: median of {options.repeat} interleaved runs (CPU = user + system of the child)")

        sides = {"pcs-lint": env}
        if options.compare:
            sides[f"pcs-lint {options.compare}"] = {**env, "PYTHONPATH": str(options.compare.resolve()),
                                                    "PYTHONPYCACHEPREFIX": str(Path(work) / "pycache-compare")}
        limit_env = env
        results: dict[str, list[tuple[float, Medians]]] = {label: [] for label in sides}
        for size in sizes:
            units = max(1, round(size * UNITS_PER_MB))
            path = out_dir / f"cib-{size:g}MB.xml"
            write_in_child(path, units, options.status)
            megabytes = path.stat().st_size / 1e6
            commands = {label: ([*lint, str(path)], side_env) for label, side_env in sides.items()}
            commands["limit"] = ([sys.executable, "-c", LIMIT_SCRIPT, str(path), options.schema_dir], limit_env)
            measured = interleaved(commands, options.repeat)
            limit_m = measured["limit"]
            print(f"{megabytes:5.1f} MB ({units} remote + {units} guest nodes):")
            print(f"  {'limit':<{width(sides)}}{describe(limit_m)}"
                  f"{'' if limit_m.exit_codes == {0} else '  (CIB NOT VALID)'}")
            for label in sides:
                found = measured[label]
                results[label].append((megabytes, found))
                print(f"  {label:<{width(sides)}}{describe(found)}")
                skipped = not_validated(*commands[label])
                if skipped:
                    print(f"  {'':<{width(sides)}}NOT LIKE FOR LIKE: pcs-lint did not validate this CIB "
                          f"({skipped[:120]}...)")
                print(f"  {'':<{width(sides)}}ratio to the limit: cpu {found.cpu / limit_m.cpu:.2f}x  "
                      f"wall {found.wall / limit_m.wall:.2f}x  peak RSS {found.max_rss_mb / limit_m.max_rss_mb:.2f}x"
                      "   (goals: cpu <= 2.5x, RSS <= 2x)")
            print(f"  [{load()}]")
        for label, sized in results.items():
            for (small_mb, small), (big_mb, big) in zip(sized, sized[1:], strict=False):
                print(f"growth {small_mb:.1f} -> {big_mb:.1f} MB ({big_mb / small_mb:.1f}x input): {label} cpu "
                      f"{big.cpu / small.cpu:.2f}x  (goal <= 4.6x for 4x input)")

        tiny = Path(work) / "tiny.yaml"
        tiny.write_text(TINY_YAML)
        clean = Path(__file__).resolve().parent.parent / "samples" / "clean" / "cib.xml"
        startup = {f"{label} tiny clean CIB": ([*lint, str(clean)], side_env) for label, side_env in sides.items()}
        startup["python -c pass"] = ([sys.executable, "-c", "pass"], env)
        yamllint = shutil.which("yamllint", path=str(Path(sys.executable).parent)) or shutil.which("yamllint")
        if yamllint:
            startup["yamllint tiny YAML"] = ([yamllint, str(tiny)], env)
        measured = interleaved(startup, options.startup_repeat)
        print(f"start-up (median of {options.startup_repeat}):")
        for label, found in measured.items():
            print(f"  {label:<{width(startup)}}{describe(found)}")
        for label in sides:
            if yamllint:
                ratio = measured[f"{label} tiny clean CIB"].cpu / measured["yamllint tiny YAML"].cpu
                print(f"  {label}: ratio to yamllint cpu {ratio:.2f}x  (goal <= 3x)")
        if not yamllint:
            print("  yamllint is not installed: no start-up ratio (pip install yamllint into the venv to compare)")
        print(f"at the end: {load()}")


if __name__ == "__main__":
    main()
