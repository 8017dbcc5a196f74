"""The cross-file and node rules (PCS137-PCS139, PCS211, PCS308, PCS701, PCS703, PCS704, PCS706) on
large generated clusters: no hang, no traceback, no quadratic blow-up, the documented exit code."""

from __future__ import annotations

from .hostile import run_hostile

RULES = "PCS102,PCS103,PCS137,PCS138,PCS139,PCS211,PCS308,PCS701,PCS703,PCS704,PCS706"


def cib(nodes: int, host_names: int) -> str:
    # Half the ids are not numbers (heartbeat era), connections are named like corosync-only
    # nodes (PCS102/PCS103 crashed on those before), and one fence device lists many names.
    entries = "".join(f'<node id="{n if n % 2 else f"uuid-{n}"}" uname="node{n}"/>' for n in range(1, nodes + 1))
    host_list = ",".join(f"host{n}" for n in range(host_names))
    remotes = "".join(
        f'<primitive id="node{n}" class="ocf" provider="pacemaker" type="remote"><meta_attributes id="m{n}">'
        f'<nvpair id="ft{n}" name="failure-timeout" value="1h"/></meta_attributes><instance_attributes id="i{n}">'
        f'<nvpair id="ri{n}" name="reconnect_interval" value="1m"/></instance_attributes></primitive>'
        for n in range(nodes + 1, nodes + 201))
    moves = "".join(f'<rsc_location id="cli-ban-node{n}-on-node1" rsc="node{n}" node="node1" score="-INFINITY"/>'
                    for n in range(nodes + 1, nodes + 201))
    return (
        '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration>'
        '<crm_config><cluster_property_set id="o"><nvpair id="cn" name="cluster-name" value="other"/>'
        "</cluster_property_set></crm_config>"
        f"<nodes>{entries}</nodes><resources>"
        '<primitive id="f" class="stonith" type="fence_ipmilan"><instance_attributes id="fi">'
        f'<nvpair id="hl" name="pcmk_host_list" value="{host_list}"/></instance_attributes></primitive>'
        f"{remotes}</resources><constraints>{moves}</constraints></configuration><status/></cib>"
    )


def corosync(nodes: int, token: int) -> str:
    entries = "".join(f"    node {{\n        ring0_addr: 10.{n // 65536}.{n // 256 % 256}.{n % 256}\n"
                      f"        name: node{n}\n        nodeid: {n}\n    }}\n" for n in range(1, nodes + 201))
    return (f"totem {{\n    version: 2\n    cluster_name: web\n    token: {token}\n    config_version: {token}\n}}\n"
            f"nodelist {{\n{entries}}}\nquorum {{\n    provider: corosync_votequorum\n}}\n")


def test_large_cluster_with_differing_copies(tmp_path):
    nodes = 3000
    (tmp_path / "cib.xml").write_text(cib(nodes, 50_000))
    copies = []
    for number in range(1, 4):
        (tmp_path / f"node{number}.conf").write_text(corosync(nodes, 3000 + (number == 3)))
        copies += ["--corosync", f"node{number}=node{number}.conf"]
    run = run_hostile(["--isolated", "--select", RULES, "--format", "json", *copies, "cib.xml"],
                      cwd=tmp_path, expect=1)
    found = {finding["rule"] for finding in __import__("json").loads(run.stdout)["findings"]}
    assert found == {"PCS138", "PCS139", "PCS211", "PCS308", "PCS701", "PCS703", "PCS704", "PCS706"}
