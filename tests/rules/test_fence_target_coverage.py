"""PCS308: which nodes the fence devices can target."""

from pcs_lint.testing import cib, cluster_properties, line_of, lint_text

NODES = '<node id="1" uname="node1"/>\n      <node id="2" uname="node2"/>'


def device(rid: str, **params: str) -> str:
    pairs = "".join(f'<nvpair id="{rid}-{name}" name="{name}" value="{value}"/>\n' for name, value in params.items())
    return (f'<primitive id="{rid}" class="stonith" type="fence_ipmilan">\n'
            f'<instance_attributes id="{rid}-ia">\n{pairs}</instance_attributes>\n</primitive>\n')


def remote(rid: str) -> str:
    return f'<primitive id="{rid}" class="ocf" provider="pacemaker" type="remote"/>\n'


def lint(xml: str, **kwargs):
    return [(f.line, f.severity.label, f.object_id) for f in lint_text(xml, select=["PCS308"], **kwargs)]


def test_static_list_without_any_list():
    xml = cib(device("f1", pcmk_host_check="static-list") + device("f2"), nodes=NODES, fencing=False)
    assert lint(xml) == [(line_of(xml, 'id="f1-pcmk_host_check"'), "error", "f1")]


def test_unknown_names_and_uncovered_nodes():
    xml = cib(device("f1", pcmk_host_list="NODE1,nodd2") + device("f2", pcmk_host_map="node1:1;remote1:3")
              + remote("remote1") + remote("remote2"), nodes=NODES, fencing=False)
    assert lint(xml) == [
        (line_of(xml, 'uname="node2"'), "error", "node2"),
        (line_of(xml, 'id="f1-pcmk_host_list"'), "warning", "f1"),
        (line_of(xml, 'id="remote2"'), "error", "remote2"),
    ]
    fixes = [f.fix.commands for f in lint_text(xml, select=["PCS308"]) if f.fix]
    assert fixes == [("pcs stonith update f1 pcmk_host_list=NODE1,nodd2,node2",),
                     ("pcs stonith update f1 pcmk_host_list=NODE1,nodd2,remote2",)]


def test_a_node_only_corosync_names_is_judged_at_its_line():
    corosync = ("nodelist {\n    node {\n        name: node1\n        nodeid: 1\n    }\n"
                "    node {\n        name: node3\n        nodeid: 3\n    }\n}\n")
    xml = cib(device("f1", pcmk_host_list="node1 node2"), nodes=NODES, fencing=False)
    findings = lint_text(xml, select=["PCS308"], corosync=corosync)
    assert [(f.path, f.line, f.object_id) for f in findings] == [("corosync.conf", 6, "node3")]


def test_what_covers_a_node():
    listed = device("f1", pcmk_host_list="node1")
    # A device that asks the agent, or checks nothing, may fence any node.
    assert lint(cib(listed + device("f2"), nodes=NODES, fencing=False)) == []
    # pcmk_host_check=none: the list is not read, so its names are not judged either.
    assert lint(cib(listed + device("f2", pcmk_host_check="none", pcmk_host_list="x"), nodes=NODES,
                    fencing=False)) == []
    # A fencing level by name or pattern; guests are fenced through their container.
    level = '<fencing-topology><fencing-level id="l1" target-pattern="^node[0-9]$" index="1" devices="f1"/></fencing-topology>'
    assert lint(cib(listed, nodes=NODES, fencing=False, extra=level)) == []
    guest = ('<primitive id="vm1" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="vm1-m">'
             '<nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes></primitive>')
    assert lint(cib(device("f1", pcmk_host_list="node1 node2") + guest, nodes=NODES, fencing=False)) == []
    # Fencing off, or watchdog fencing: not this rule's.
    off = cluster_properties(("stonith-enabled", "false"))
    assert lint(cib(listed, nodes=NODES, fencing=False, crm_config=off)) == []
    swt = cluster_properties(("stonith-watchdog-timeout", "10s"))
    assert lint(cib(listed, nodes=NODES, fencing=False, crm_config=swt)) == []
    # No node known: names are not judged.
    assert lint(cib(device("f1", pcmk_host_list="anything"), nodes="", fencing=False)) == []
