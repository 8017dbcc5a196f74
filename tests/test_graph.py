"""`pcs-lint graph`: the cluster as DOT (always) and SVG (with Graphviz's dot), findings marked."""

from __future__ import annotations

import random
import shutil

import pytest
from lxml import etree

from pcs_lint.cli import main
from pcs_lint.graph import quote

from .conftest import SAMPLES
from .hostile import run_hostile

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz's dot is not installed (apt-get install graphviz)")


def graph(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["graph", "--isolated", *args])
    return exit_info.value.code, capsys.readouterr().out


def test_the_clean_sample_has_every_kind_of_node_and_its_placement(capsys):
    code, dot = graph(capsys, str(SAMPLES / "clean" / "cib.xml"))
    assert code == 0 and dot.startswith("digraph cluster {")
    for line in ('"node:node1" [shape=box3d', '"node:remote1" [shape=box style="filled,dashed"',
                 '"node:guest1" [shape=box style="filled,dashed"',
                 '"rsc:remote1" -> "node:remote1" [label="connects"',
                 '"rsc:vm-guest1" -> "node:guest1" [label="hosts guest"',
                 '"rsc:webserver" -> "node:remote1" [ color="#1f77b4" label="prefers INFINITY"]',
                 '"rsc:fence-node1" -> "node:node1" [arrowhead=tee style=dashed color="#d62728" label="never"]'):
        assert line in dot, line
    assert "PCS" not in dot  # no finding, no mark


@pytest.mark.parametrize(("sample", "marked"), [
    ("PCS104-remote-connection-in-group.xml", '"rsc:remote1" [shape=ellipse label="remote1\\nocf:pacemaker:remote\\nPCS104" color="#d62728"'),
    ("PCS106-remote-connection-in-constraint.xml", '"rsc:remote1" -> "rsc:web" [label="then PCS106" color="#d62728"'),
    ("PCS208-group-member-constraint.xml", 'subgraph "cluster_web-group" { label="group web-group"'),
    ("PCS131-bundle-control-port-replicas.xml", '"bundle:web-bundle" -> "node:web-bundle-1" [label="replica"'),
])
def test_findings_are_marked_on_what_they_name(capsys, sample, marked):
    code, dot = graph(capsys, str(SAMPLES / "bad" / sample))
    assert code == 0 and marked in dot


@needs_dot
@pytest.mark.parametrize("sample", [SAMPLES / "clean" / "cib.xml", SAMPLES / "bad" / "PCS106-remote-connection-in-constraint.xml"])
def test_svg_of_the_clean_and_a_bad_sample(capsys, tmp_path, sample):
    out = tmp_path / "cluster.svg"
    code, _ = graph(capsys, str(sample), "-o", str(out))
    svg = etree.fromstring(out.read_bytes())
    assert code == 0 and svg.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {"".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert "cluster node node1" in texts and "remote node remote1" in texts
    if "PCS106" in sample.name:
        assert "then PCS106" in texts


@needs_dot
def test_hostile_ids_cannot_break_out_of_the_dot_text(tmp_path):
    rng = random.Random(7)
    nasty = ['a"b', "c\\", "d\ne", "f}g;h", "x]->y", "\\\"", "\u202e"]
    ids = [f"{rng.choice(nasty)}{n}" for n in range(5)]
    resources = "".join(
        f'<primitive id="{etree_escape(i)}" class="ocf" provider="heartbeat" type="Dummy"/>' for i in ids)
    constraints = "".join(
        f'<rsc_order id="o{n}" first="{etree_escape(a)}" then="{etree_escape(b)}"/>' for n, (a, b) in enumerate(zip(ids, ids[1:], strict=False)))
    (tmp_path / "cib.xml").write_text(
        '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration>'
        f'<crm_config/><nodes><node id="1" uname="n&quot;1"/></nodes><resources>{resources}</resources>'
        f'<constraints>{constraints}</constraints></configuration><status/></cib>')
    dot = run_hostile(["graph", "cib.xml"], cwd=tmp_path, expect=0).stdout
    assert dot.count("\n") == len(dot.splitlines())  # no line came from inside an id
    run_hostile(["graph", "cib.xml", "-o", "out.svg"], cwd=tmp_path, expect=0)
    texts = "".join(etree.parse(str(tmp_path / "out.svg")).getroot().itertext())
    assert "cluster node n\"1" in texts


def etree_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("\n", "&#10;")


def test_quote():
    assert quote('a"b\\c') == '"a\\"b\\\\c"'
    assert quote("two\nlines") == '"two\\nlines"'
    assert quote("\x1b[31m") == '"\\\\x1b[31m"'


def test_not_a_cib_and_a_missing_dot_are_one_line_errors(tmp_path, monkeypatch):
    (tmp_path / "x.xml").write_text("PCMK_remote_port=3121\n")
    run = run_hostile(["graph", "x.xml"], cwd=tmp_path, expect=2)
    assert run.stderr.startswith("pcs-lint: error: x.xml: cannot draw it: not a CIB") and run.stderr.count("\n") == 1
    shutil.copy(SAMPLES / "clean" / "cib.xml", tmp_path / "cib.xml")
    run = run_hostile(["graph", "cib.xml", "--format", "svg"], cwd=tmp_path, expect=2, env={"PATH": str(tmp_path)})
    assert "Graphviz's 'dot' program is not installed" in run.stderr
    run_hostile(["graph", "cib.xml", "-o", "cib.xml"], cwd=tmp_path, expect=2)  # never overwrites its input
    assert (tmp_path / "cib.xml").read_bytes() == (SAMPLES / "clean" / "cib.xml").read_bytes()


def test_the_readme_picture_is_the_graph_it_describes():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/graph-example.svg)" in readme
    picture = ROOT / "docs" / "graph-example.svg"
    assert picture.stat().st_size < 20_000
    texts = "".join(etree.parse(str(picture)).getroot().itertext())
    assert "samples/bad/PCS106-remote-connection-in-constraint.xml" in texts and "then PCS106" in texts
