"""Hostile input to the XML reader (issue 8, items 1, 2 and 15): a DOCTYPE hidden by the declared
encoding, floods of comments, processing instructions and twins, and libxml2's size limits.

A FIFO stands for any file an external entity could name: opening it for reading blocks until a
writer comes, so a parse that finishes proves it was never opened.
"""

from __future__ import annotations

import base64
import codecs
import encodings.aliases
import json
import os
import shutil
import subprocess
import threading

import pytest
from lxml import etree

from pcs_lint import parse
from pcs_lint.locate import SiblingPositions
from pcs_lint.parse import XmlDocument, XmlRejection, parse_xml

from .hostile import run_hostile, write

# slow: every case runs pcs-lint in a child process (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

CIB_ELEMENT = '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration/></cib>'
EBCDIC_CODECS = ("cp037", "cp273", "cp500", "cp875", "cp1026", "cp1140")


def _shared_codecs() -> dict[str, str]:
    """Python codec -> a name for it that libxml2 also knows, for every codec both can read.

    Found by asking both: the name must let libxml2 read back a document Python wrote in it.
    """
    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    names |= {name.upper().replace("_", "-") for name in names}
    shared: dict[str, str] = {}
    for name in sorted(names):
        try:
            codec = codecs.lookup(name).name
            data = f'<?xml version="1.0" encoding="{name}"?>\n<cib a="1"/>'.encode(codec)
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, load_dtd=False))
        except (LookupError, UnicodeError, ValueError, etree.XMLSyntaxError):
            continue
        if root.tag == "cib" and root.get("a") == "1":
            shared.setdefault(codec, name)
    return shared


SHARED_CODECS = _shared_codecs()


def utf7_in_base64(text: str) -> bytes:
    """``text`` in UTF-7 with every character base64-encoded, so no markup byte shows."""
    return b"+" + base64.b64encode(text.encode("utf-16-be")).rstrip(b"=") + b"-"


def hostile_doctype(*entity_paths: str) -> str:
    """A DOCTYPE whose external parameter entities name ``entity_paths``, then a CIB."""
    entities = "".join(f'<!ENTITY % e{n} SYSTEM "{path}"> %e{n}; ' for n, path in enumerate(entity_paths))
    return f"<!DOCTYPE cib [{entities}]>\n{CIB_ELEMENT}\n"


def encoded_documents(*entity_paths: str) -> dict[str, bytes]:
    """The hostile document in every encoding Python and libxml2 share, and in a few more."""
    body = hostile_doctype(*entity_paths)
    documents = {}
    for codec, name in SHARED_CODECS.items():
        documents[codec] = f'<?xml version="1.0" encoding="{name}"?>\n{body}'.encode(codec)
    for codec in EBCDIC_CODECS:
        documents[codec] = f'<?xml version="1.0" encoding="{codec}"?>\n{body}'.encode(codec)
    declaration = '<?xml version="1.0" encoding="UTF-7"?>\n'
    documents["utf-7-base64"] = declaration.encode() + utf7_in_base64(body)
    documents["utf-7-after-bom"] = b"\xef\xbb\xbf" + documents["utf-7-base64"]  # the BOM wins: UTF-8
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        unmarked = f'<?xml version="1.0" encoding="{codec.upper()}"?>\n{body}'.encode(codec)
        documents[f"{codec}-unmarked"] = unmarked
        documents[f"{codec}-marked"] = "\ufeff".encode(codec) + unmarked
        documents[f"{codec}-marked-undeclared"] = "\ufeff".encode(codec) + body.encode(codec)
    documents["utf-8-marked"] = b"\xef\xbb\xbf" + body.encode()
    return documents


def parse_guarded(data: bytes, fifo: str) -> XmlDocument | XmlRejection:
    """parse_xml(data), failing (not hanging) if it opens the FIFO."""
    results: list = []
    worker = threading.Thread(target=lambda: results.append(parse_xml(data)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(fifo, "wb"):  # a writer lets the blocked reader go on, so the suite goes on
            pass
        worker.join(10)
        pytest.fail("the parser opened the file an external entity names")
    return results[0]


@pytest.fixture
def fifo(tmp_path) -> str:
    path = tmp_path / "entity-fifo"
    os.mkfifo(path)
    return str(path)


# ------------------------------------------------------------------ item 1: DOCTYPE in any encoding


def test_the_shared_codecs_include_the_ones_that_matter():
    # Guards the generated list: if libxml2 lost iconv, UTF-7 would silently go untested.
    assert {"utf-7", "utf-16-le", "utf-32-be", "iso8859-1", "shift_jis", "utf-8"} <= set(SHARED_CODECS)
    assert len(SHARED_CODECS) >= 30


def test_a_doctype_is_refused_in_every_encoding_and_no_entity_is_opened(fifo):
    documents = encoded_documents(fifo)
    assert b"<!DOCTYPE" not in documents["utf-7-base64"] and b"DOCTYPE" not in documents["cp037"]
    outcomes = {codec: parse_guarded(data, fifo) for codec, data in documents.items()}
    assert {codec for codec, result in outcomes.items() if not isinstance(result, XmlRejection)} == set()
    assert {result.code for result in outcomes.values()} == {"PCS001"}
    # Wherever pcs-lint can decode the document, the refusal is the DOCTYPE, where it is.
    refused_as_doctype = {codec for codec, result in outcomes.items() if "DOCTYPE" in result.message}
    assert set(SHARED_CODECS) | {"utf-7-base64", "utf-16-le-unmarked", "utf-8-marked", "cp037", "cp500"} <= refused_as_doctype
    assert (outcomes["utf-7-base64"].line, outcomes["utf-7-base64"].column) == (2, 1)


def test_libxml2_does_not_decode_the_decoded_text_a_second_time(fifo):
    # Text whose characters are UTF-7 for "<!DOCTYPE": were libxml2 to obey the declaration
    # again instead of the forced UTF-8, it would find a DOCTYPE the scan never saw.
    inner = hostile_doctype(fifo).replace("<", "+ADw-").replace("!", "+ACE-")
    data = b'<?xml version="1.0" encoding="UTF-7"?>\n' + inner.encode("utf-7")
    assert "+ADw-+ACE-DOCTYPE" in data.decode("utf-7")
    result = parse_guarded(data, fifo)
    assert result.code == "PCS001" and "DOCTYPE" not in result.message and "Start tag expected" in result.message


@pytest.mark.parametrize("codec", ["cp037", "cp500", "cp1140"])
def test_ebcdic_is_decoded_by_pcs_lint_even_where_lxmls_libxml2_cannot(codec, fifo):
    # lxml's own libxml2 has no EBCDIC converter; Pacemaker's does (see the crm_verify test).
    result = parse_guarded(encoded_documents(fifo)[codec], fifo)
    assert result.code == "PCS001" and "DOCTYPE" in result.message and (result.line, result.column) == (2, 1)
    document = parse_xml(f'<?xml version="1.0" encoding="{codec}"?>\n{CIB_ELEMENT}'.encode(codec))
    assert isinstance(document, XmlDocument) and document.root.get("validate-with") == "pacemaker-3.9"


@pytest.mark.skipif(shutil.which("crm_verify") is None, reason="crm_verify is not installed (pacemaker-cli-utils)")
@pytest.mark.parametrize(("codec", "name"), [("cp037", "IBM037"), ("cp500", "IBM500"), ("iso8859-1", "latin_1")])
def test_pacemaker_reads_cibs_in_encodings_lxmls_libxml2_lacks(tmp_path, codec, name):
    cib = ('<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration>'
           '<crm_config><cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/>'
           '</cluster_property_set></crm_config><nodes/><resources/><constraints/></configuration><status/></cib>')
    data = f'<?xml version="1.0" encoding="{name}"?>\n{cib}\n'.encode(codec)
    path = write(tmp_path / "cib.xml", data)
    verified = subprocess.run(["crm_verify", "-x", str(path)], capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0 and "parse" not in verified.stderr, verified.stderr
    assert isinstance(parse_xml(data), XmlDocument)


def test_hostile_encodings_through_the_command_line(tmp_path, fifo):
    # /dev/zero too: read, it would never end. Every file is one PCS001 and nothing else.
    linted = tmp_path / "repo"
    for codec, data in encoded_documents(fifo, "/dev/zero").items():
        write(linted / f"{codec}.xml", data)
    run = run_hostile(["--isolated", "--format", "json", str(linted)], expect=1)
    findings = json.loads(run.stdout)["findings"]
    assert sorted(os.path.basename(f["path"]) for f in findings) == sorted(os.listdir(linted))
    assert {f["rule"] for f in findings} == {"PCS001"}


def test_libxml2_itself_opens_nothing_when_a_doctype_gets_past_the_scan(fifo, monkeypatch):
    # The second line of defence: no DTD loaded, no entity substituted, every load refused.
    monkeypatch.setattr(parse, "_refuse_before_parsing", lambda decoded: None)
    for document in (
        hostile_doctype(fifo),
        f'<!DOCTYPE cib SYSTEM "{fifo}">\n{CIB_ELEMENT}',
        f'<!DOCTYPE cib [<!ENTITY e SYSTEM "{fifo}">]>\n<cib>&e;</cib>',
        f'<!DOCTYPE cib [<!ENTITY e SYSTEM "file://{fifo}">]>\n<cib a="&e;"/>',
        f'<!DOCTYPE cib PUBLIC "-//x//y" "{fifo}">\n{CIB_ELEMENT}',
    ):
        result = parse_guarded(document.encode(), fifo)
        assert isinstance(result, XmlRejection) and result.code == "PCS001", document


def test_the_hardened_parser_refuses_every_load_whoever_uses_it(fifo):
    # With collect_ids=False (libxml2's XML_SKIP_IDS) libxml2 2.14 loads external parameter
    # entities of the internal subset even without load_dtd: the resolver is what stops it.
    with pytest.raises(parse.ExternalLoadRefused):
        etree.fromstring(hostile_doctype(fifo).encode(), parse.hardened_parser(collect_ids=False))


@pytest.mark.parametrize(
    ("data", "reason", "line", "column"),
    [
        (b'<?xml version="1.0" encoding="x-no-such-charset"?><cib/>', "cannot decode the declared encoding 'x-no-such-charset'", 1, 1),
        (b'<?xml version="1.0" encoding="unicode_escape"?><cib/>', "cannot decode the declared encoding 'unicode_escape'", 1, 1),
        (b'<?xml version="1.0" encoding="rot13"?><cib/>', "cannot decode the declared encoding 'rot-13'", 1, 1),
        (b'<?xml version="1.0" encoding="UCS-2"?><cib/>', "pcs-lint cannot decode the declared encoding 'UCS-2'", 1, 1),
        (b'<?xml version="1.0" encoding="UTF-16"?><cib />', "not itself written in that encoding", 1, 1),
        (b'<?xml version="1.0" encoding="1nvalid"?><cib/>', "names no valid encoding", 1, 1),
        (b'<?xml version="1.0" encoding="ascii"?>\n<cib a="\xe9"/>', "not valid ascii", 2, 9),
        (b"\xff\xfe<\x00c\x00\x00\xd8", "not valid utf-16-le", 1, 3),
        (b"\x00<\x00?\xd8\x00", "not valid utf-16-be", 1, 3),
    ],
    ids=["unknown", "escape-codec", "transform-codec", "python-unknown", "misdeclared-wide", "bad-name", "not-ascii", "lone-surrogate", "unmarked-surrogate"],
)
def test_undecodable_documents_are_pcs001_where_they_fail(data, reason, line, column):
    result = parse_xml(data)
    assert isinstance(result, XmlRejection) and result.code == "PCS001"
    assert reason in result.message and (result.line, result.column) == (line, column), result


def test_ebcdic_without_declaration_is_read_as_utf8_and_refused():
    assert parse_xml(CIB_ELEMENT.encode("cp037")).code == "PCS001"


@pytest.mark.parametrize(
    ("codec", "description"),
    [("utf-7-base64", "Zürich ノード"), ("iso8859-1", "Zürich"), ("shift_jis", "ノード"), ("hz", "节点"),
     ("utf-16-be", "Zürich ノード"), ("utf-32-le", "Zürich ノード")],
)
def test_a_cib_in_another_encoding_is_read_with_its_characters(codec, description):
    cib = CIB_ELEMENT.replace("<configuration/>", f'<configuration description="{description}"/>')
    if codec == "utf-7-base64":
        data = b'<?xml version="1.0" encoding="UTF-7"?>\n' + utf7_in_base64(cib)
    else:
        data = f'<?xml version="1.0" encoding="{SHARED_CODECS[codec]}"?>\n{cib}'.encode(codec)
    document = parse_xml(data)
    assert isinstance(document, XmlDocument), document
    assert document.root.find("configuration").get("description") == description


def test_an_error_after_decoding_keeps_libxml2s_line_and_column():
    data = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<cib a="é" b="1" b="2"/>'.encode("latin-1")
    result = parse_xml(data)
    assert (result.code, result.line, result.column) == ("PCS001", 2, 23)


# ------------------------------------------------------------------ item 2: linear work


def cib_with_resources(body: str) -> bytes:
    return CIB_ELEMENT.replace("<configuration/>", f"<configuration><resources>{body}</resources></configuration>").encode()


def test_consecutive_comments_are_linear(tmp_path):
    # 20,000 comments took 21 s when each looked ahead through all those after it.
    path = write(tmp_path / "comments.xml", cib_with_resources("<!-- c -->" * 30_000))
    run_hostile(["--isolated", "--select", "PCS0", str(path)], expect=0)


def test_processing_instructions_between_text_are_linear(tmp_path):
    # 200,000 took 28 s when the text after each was appended to the text before, one by one.
    path = write(tmp_path / "pis.xml", cib_with_resources("<?p?>x" * 200_000))
    run_hostile(["--isolated", "--select", "PCS0", str(path)], expect=0)


def test_siblings_sharing_an_id_are_linear(tmp_path):
    # 40,000 siblings with one id took 10.8 s (a list search per finding), 200,000 never ended;
    # 30,000 took 16 s. Now each is one dictionary look-up.
    twins = '<nvpair id="a" name="n" value="v"/>' * 30_000
    cib = CIB_ELEMENT.replace(
        "<configuration/>",
        f'<configuration><crm_config><cluster_property_set id="s">{twins}</cluster_property_set></crm_config></configuration>')
    path = write(tmp_path / "twins.xml", cib.encode())
    report = tmp_path / "report.txt"
    run_hostile(["--isolated", "--select", "PCS201", "-o", str(report), str(path)], expect=1)
    text = report.read_text()
    assert "29999 problems" in text


def test_node_entries_sharing_a_name_are_looked_up_in_constant_time(tmp_path):
    # The fuzzer's 50,000 <node> entries named 'twin': every node-name look-up walked all of
    # them, so PCS204 over 2,000 constraints naming 'twin' ran out of its 10 s budget.
    nodes = "".join(f'<node id="n{i}" uname="twin"/>' for i in range(40_000))
    constraints = "".join(f'<rsc_location id="l{i}" rsc="r" node="TWIN" score="1"/>' for i in range(2_000))
    cib = CIB_ELEMENT.replace(
        "<configuration/>",
        f"<configuration><crm_config/><nodes>{nodes}</nodes><resources/><constraints>{constraints}</constraints>"
        "</configuration>")
    path = write(tmp_path / "twins.xml", cib.encode())
    run_hostile(["--isolated", "--select", "PCS204", str(path)], expect=0)


class _Twin:
    """Stands for an lxml element; counts comparisons, the work a list search does."""

    comparisons = 0
    tag = "primitive"

    def get(self, name):
        return "a" if name == "id" else None

    def __eq__(self, other):
        _Twin.comparisons += 1
        return self is other

    __hash__ = object.__hash__


class _Parent:
    def __init__(self, children):
        self.children = children

    def iterchildren(self, tag):
        return iter(self.children)


@pytest.mark.parametrize("count", [1_000, 4_000])
def test_locating_every_twin_takes_work_proportional_to_their_number(count):
    twins = [_Twin() for _ in range(count)]
    parent = _Parent(twins)
    positions = SiblingPositions()
    _Twin.comparisons = 0
    found = [positions.among_twins(parent, twin, "a") for twin in twins]
    assert found == [(index, count) for index in range(count)]
    assert _Twin.comparisons <= count  # a list search per twin made count²/2


def test_text_around_removed_comments_and_pis_is_joined_in_place():
    body = "a<!--1-->b<?p?>c<primitive id='x'/>d<!--2--><?q?>e<primitive id='y'/><!--3-->f"
    document = parse_xml(cib_with_resources(body))
    resources = document.root.find("configuration/resources")
    assert resources.text == "abc"
    assert [(child.get("id"), child.tail) for child in resources] == [("x", "de"), ("y", "f")]
    assert [(c.text, c.target.get("id") if c.target is not None else None) for c in document.comments] == [
        ("1", "x"), ("2", "y"), ("3", None)]


def test_text_untouched_where_nothing_was_removed():
    document = parse_xml(cib_with_resources("<primitive id='x'/>tail<primitive id='y'/>"))
    resources = document.root.find("configuration/resources")
    assert resources.text is None and [child.tail for child in resources] == ["tail", None]


# ------------------------------------------------------------------ item 15: libxml2's limits


def test_a_huge_attribute_is_called_what_it_is(tmp_path):
    data = CIB_ELEMENT.replace("<configuration/>", f'<configuration description="{"x" * 10_500_000}"/>').encode()
    result = parse_xml(data)
    assert result.code == "PCS001"
    assert "text node or attribute value" in result.message and "10 MB" in result.message
    assert "nested" not in result.message and "XML_PARSE_HUGE" not in result.message and "\n" not in result.message
    run = run_hostile(["--isolated", str(write(tmp_path / "big.xml", data))], expect=1)
    assert "text node or attribute value" in run.stdout and "nested" not in run.stdout


def test_a_huge_text_node_is_called_what_it_is():
    result = parse_xml(cib_with_resources("x" * 10_500_000))
    assert "text node or attribute value" in result.message and "nested" not in result.message


def test_real_depth_keeps_the_nesting_message():
    result = parse_xml(b"<cib>" + b"<a>" * 300 + b"</a>" * 300 + b"</cib>")
    assert "Excessive depth" in result.message and "nested deeper than any CIB" in result.message
    assert "text node" not in result.message and "XML_PARSE_HUGE" not in result.message


@pytest.mark.parametrize("doctype", ["external-dtd", "parameter-entity"])
def test_a_schema_directory_from_the_repository_opens_nothing_either(tmp_path, fifo, doctype):
    # --schema-dir (or schema-dir in a committed .pcs-lint.toml) may point into an untrusted tree.
    declaration = (f'<!DOCTYPE grammar SYSTEM "{fifo}">' if doctype == "external-dtd"
                   else f'<!DOCTYPE grammar [<!ENTITY % e SYSTEM "{fifo}"> %e;]>')
    schemas = tmp_path / "schemas"
    write(schemas / "pacemaker-3.9.rng", (
        f'{declaration}\n<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
        '<element name="cib"><text/></element></start></grammar>\n').encode())
    cib = write(tmp_path / "cib.xml", CIB_ELEMENT.encode())
    run = run_hostile(["--isolated", "--select", "PCS903", "--schema-dir", str(schemas), str(cib)], expect=0)
    assert "PCS903" in run.stdout and "DOCTYPE" in run.stdout
