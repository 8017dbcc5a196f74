"""PCS116 authkey-inconsistent: keys compared by digest, never printed; key modes; key locations."""

from pathlib import Path

from pcs_lint.config import Config
from pcs_lint.pipeline import CibInput, lint_inputs
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.testing import cib, codes_ids, lint_text

BUNDLE = """
      <bundle id="web-bundle">
        <podman image="registry.example.com/httpd:2.4"/>
        <network control-port="3121"/>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


def lint_with_key_files(tmp_path: Path, keys: dict[str, tuple[bytes, int]]):
    """lint_text writes keys with mode 0600; these tests need other modes."""
    options = []
    for node, (data, mode) in keys.items():
        path = tmp_path / f"{node}.authkey"
        path.write_bytes(data)
        path.chmod(mode)
        options.append(f"{node}={path}")
    plan = build_plan(load_registry(autoload=False), Config(), CliOptions(select=("PCS116",), authkey=tuple(options)))
    return list(lint_inputs([CibInput("cib.xml", "cib.xml", cib().encode())], plan).findings)


def test_a_differing_key_is_named_never_printed():
    keys = {"node1": b"secret-one", "node2": b"secret-one", "remote1": b"secret-two"}
    findings = lint_text(cib(), select=["PCS116"], authkeys=keys)
    assert [(f.rule, f.path, f.line, f.object_id) for f in findings] == [("PCS116", "remote1.authkey", None, "remote1")]
    assert "differs from the key of node1, node2 (compared by SHA-256 digest, never printed)" in findings[0].message
    assert "secret" not in findings[0].message + findings[0].hint
    assert findings[0].hint.startswith("copy the key of node1 to ")


def test_identical_keys_are_silent():
    keys = {"node1": b"k", "node2": b"k", "remote1": b"k"}
    assert lint_text(cib(), select=["PCS116"], authkeys=keys) == []


def test_a_key_readable_by_group_or_others(tmp_path):
    findings = lint_with_key_files(tmp_path, {"node1": (b"k", 0o640), "node2": (b"k", 0o604), "node3": (b"k", 0o400)})
    assert codes_ids(findings) == [("PCS116", "node1"), ("PCS116", "node2")]
    assert "has mode 0640: readable by its group or by every user" in findings[0].message
    assert findings[0].hint.endswith("chmod 0400 " + str(tmp_path / "node1.authkey") + " on node1 (the owner and mode pcs gives it)")


def test_key_location_differing_between_nodes():
    env = {"node1": "PCMK_authkey_location=/etc/pacemaker/authkey\n", "node2": "PCMK_debug=no\n",
           "remote1": "# remote1\nPCMK_authkey_location=/etc/pacemaker/remote.key\n"}
    findings = lint_text(cib(), select=["PCS116"], env=env)
    assert [(f.path, f.line, f.column, f.object_id) for f in findings] == [("remote1.env", 2, 1, "remote1")]
    assert findings[0].message == (
        "PCMK_authkey_location of remote1 is another file than the default: node1, node2 use the default "
        "/etc/pacemaker/authkey, which makes it easy to replace the key on some nodes only")
    assert "remote.key" not in findings[0].message + findings[0].hint  # a path is not known harmless
    assert findings[0].hint.startswith("keep the key at /etc/pacemaker/authkey on every node and remove")


def test_a_tie_favours_the_default_location():
    env = {"node1": "PCMK_authkey_location=/srv/key\n", "node2": "PCMK_debug=no\n"}
    assert codes_ids(lint_text(cib(), select=["PCS116"], env=env)) == [("PCS116", "node1")]


def test_a_shared_non_default_location_is_fine_without_bundles():
    env = {"node1": "PCMK_authkey_location=/srv/key\n", "node2": "PCMK_authkey_location=/srv/key\n"}
    assert lint_text(cib(), select=["PCS116"], env=env) == []


def test_a_non_default_location_with_bundles():
    env = {"node1": "PCMK_authkey_location=/srv/key\n", "node2": "PCMK_authkey_location=/srv/key\n"}
    findings = lint_text(cib(resources=BUNDLE), select=["PCS116"], env=env)
    assert codes_ids(findings) == [("PCS116", "node1"), ("PCS116", "node2")]
    assert "Pacemaker mounts /etc/pacemaker/authkey of the host into the containers of bundle web-bundle" in findings[0].message


def test_differing_and_non_default_with_bundles_is_one_finding():
    env = {"node1": "PCMK_debug=no\n", "node2": "PCMK_debug=no\n", "node3": "PCMK_authkey_location=/srv/key\n"}
    findings = lint_text(cib(resources=BUNDLE), select=["PCS116"], env=env)
    assert codes_ids(findings) == [("PCS116", "node3")]
    assert "; and Pacemaker mounts" in findings[0].message


def test_a_bundle_without_a_primitive_mounts_no_key():
    env = {"node1": "PCMK_authkey_location=/srv/key\n"}
    xml = cib(resources='\n      <bundle id="b"><podman image="x"/></bundle>')
    assert lint_text(xml, select=["PCS116"], env=env) == []


def test_a_node_keeping_the_default_where_most_use_another_place():
    env = {"node1": "PCMK_authkey_location=/srv/key\n", "node2": "PCMK_authkey_location=/srv/key\n",
           "node3": "PCMK_debug=no\n"}
    findings = lint_text(cib(), select=["PCS116"], env=env)
    assert [(f.path, f.line, f.object_id) for f in findings] == [("node3.env", None, "node3")]
    assert findings[0].message == (
        "PCMK_authkey_location of node3 is the default /etc/pacemaker/authkey: node1, node2 use another file "
        "than the default, the same one on each, which makes it easy to replace the key on some nodes only")
    assert findings[0].hint.startswith("set PCMK_authkey_location in ")
    assert findings[0].hint.endswith("node3.env to the file node1 uses, like the other nodes")
    assert "/srv/key" not in findings[0].message + findings[0].hint
