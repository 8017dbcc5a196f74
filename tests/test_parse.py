"""Hardened reading of CIB XML (lint/parse.py): bad input becomes PCS001/PCS002, never a crash,
an expanded entity, an opened file or a fetched URL."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from lxml import etree

from pcs_lint import parse
from pcs_lint.findings import Problem, Severity
from pcs_lint.hookspecs import hookimpl
from pcs_lint.parse import XmlDocument, XmlRejection, parse_xml
from pcs_lint.rule import Rule
from pcs_lint.testing import cib, codes_lines, lint_text

SMALL_CIB = '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration/></cib>'
DOCTYPE_REFUSED = "DOCTYPE declaration; refused without reading it"

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE cib [\n'
    ' <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n<cib>&lol9;</cib>\n"
).encode()

QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?>\n<!DOCTYPE cib [<!ENTITY a "' + b"x" * 200_000 + b'">]>\n<cib>'
    + b"&a;" * 200_000 + b"</cib>\n"
)


def rejected(data: bytes) -> XmlRejection:
    result = parse_xml(data)
    assert isinstance(result, XmlRejection), result
    return result


# ------------------------------------------------------------------ not well-formed input


def test_malformed_xml_gives_pcs001_with_line_and_column():
    xml = '<cib validate-with="pacemaker-3.9">\n  <configuration>\n    <x a="1" a="2"/>\n</configuration></cib>\n'
    result = rejected(xml.encode())
    assert (result.code, result.line, result.column) == ("PCS001", 3, 19)
    assert result.message == "not well-formed XML: Attribute a redefined"


def test_unclosed_tag_through_the_engine():
    xml = '<cib validate-with="pacemaker-3.9">\n  <configuration>\n    <resources>\n  </configuration>\n</cib>\n'
    findings = lint_text(xml)
    assert [(f.rule, f.line, f.column) for f in findings] == [("PCS001", 4, 19)]
    assert findings[0].severity is Severity.ERROR
    assert "Opening and ending tag mismatch" in findings[0].message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed XML: the file is empty"),
        (b"  \n\t\r\n ", "not well-formed XML: the file holds only whitespace"),
        (" \n".encode("utf-16"), "not well-formed XML: the file holds only whitespace"),
    ],
    ids=["empty", "whitespace", "utf16-whitespace"],
)
def test_empty_input(data, message):
    result = rejected(data)
    assert (result.code, result.message, result.line, result.column) == ("PCS001", message, 1, 1)


def test_binary_junk_is_refused_at_its_first_nul_byte():
    result = rejected(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # the NUL starts line 3
    assert (result.code, result.line, result.column) == ("PCS001", 3, 1)
    assert "NUL bytes" in result.message


def test_every_byte_value_is_a_finding_not_a_crash():
    assert rejected(bytes(range(256))).code == "PCS001"
    assert rejected(bytes(range(1, 256))).code == "PCS001"


def test_invalid_utf8_gives_its_column():
    result = rejected(b'<cib validate-with="pacemaker-3.9" a="\xff"/>')
    assert (result.code, result.line, result.column) == ("PCS001", 1, 39)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_documents_are_read(codec):
    text = f'<?xml version="1.0" encoding="{codec.upper()}"?>\n{SMALL_CIB}'
    data = text.encode(codec)
    if codec == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # a byte-order mark
    result = parse_xml(data)
    assert isinstance(result, XmlDocument)
    assert result.root.get("validate-with") == "pacemaker-3.9"


def test_utf8_with_bom_is_read():
    assert isinstance(parse_xml(b"\xef\xbb\xbf" + SMALL_CIB.encode()), XmlDocument)


def test_undefined_entity_reference():
    result = rejected(b'<cib validate-with="pacemaker-3.9">\n  <configuration>&nope;</configuration>\n</cib>')
    assert (result.code, result.line, result.column) == ("PCS001", 2, 24)
    assert "Entity 'nope' not defined" in result.message


def test_nesting_beyond_libxml2s_limit_is_pcs001_not_a_crash():
    data = b"<cib>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</cib>"
    result = rejected(data)
    assert result.code == "PCS001" and result.line == 1
    assert "Excessive depth" in result.message and "XML_PARSE_HUGE" not in result.message


def test_nesting_within_the_limit_is_read():
    data = b"<cib>" + b"<a>" * 200 + b"</a>" * 200 + b"</cib>"
    assert isinstance(parse_xml(data), XmlDocument)


# ------------------------------------------------------------------ DOCTYPE and entities


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"<!DOCTYPE cib>\n<cib/>", 1, 1),
        (b'<?xml version="1.0"?>\n<!DOCTYPE cib>\n<cib/>', 2, 1),
        (b'<?xml version="1.0"?>\n<!-- a\ncomment -->  <?pi x?> <!DOCTYPE cib>\n<cib/>', 3, 23),
        ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE cib>\n<cib/>'.encode("utf-16"), 2, 1),
        (b'<!DOCTYPE cib SYSTEM "http://192.0.2.1/cib.dtd">\n<cib/>', 1, 1),
    ],
    ids=["bare", "after-declaration", "after-comment-and-pi", "utf16", "external-dtd-url"],
)
def test_any_doctype_is_refused_with_its_position(data, line, column):
    result = rejected(data)
    assert (result.code, result.line, result.column) == ("PCS001", line, column)
    assert DOCTYPE_REFUSED in result.message


def test_doctype_text_inside_a_comment_is_not_a_doctype():
    data = b"<!-- <!DOCTYPE cib> -->\n" + SMALL_CIB.encode()
    assert isinstance(parse_xml(data), XmlDocument)


def test_unterminated_prolog_is_left_to_libxml2():
    assert "Comment not terminated" in rejected(b"<!-- never closed\n<cib/>").message
    assert rejected(b'<?xml version="1.0"').code == "PCS001"


@pytest.mark.parametrize("data", [BILLION_LAUGHS, QUADRATIC_BLOWUP], ids=["billion-laughs", "quadratic-blowup"])
def test_entity_bombs_are_refused_fast_and_never_expanded(data, monkeypatch):
    # libxml2 must never see the DTD: fail if the parser is even built.
    monkeypatch.setattr(parse, "_parser", lambda: pytest.fail("libxml2 was handed a DOCTYPE"))
    started = time.perf_counter()
    result = rejected(data)
    assert time.perf_counter() - started < 0.5
    assert (result.code, result.line, result.column) == ("PCS001", 2, 1)
    assert DOCTYPE_REFUSED in result.message
    assert "lol" not in result.message and "xxx" not in result.message


def test_second_line_of_defence_refuses_a_doctype_libxml2_reported(monkeypatch):
    # Should the prolog scan ever miss one, the parsed document's DOCTYPE is still refused
    # (no entity is resolved either way: resolve_entities=False, load_dtd=False).
    monkeypatch.setattr(parse, "_refuse_before_parsing", lambda data: None)
    result = rejected(b'<?xml version="1.0"?>\n<!DOCTYPE cib [<!ENTITY e "x">]>\n<cib>&e;</cib>')
    assert (result.code, result.line) == ("PCS001", 2)
    assert "DOCTYPE" in result.message


def test_external_entity_never_reads_the_file(tmp_path):
    # A regular file with a secret, and a FIFO: opening the FIFO for reading would block until a
    # writer comes, so a run that finishes proves it was never opened.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7f3a\n")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    document = tmp_path / "cib.xml"
    document.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE cib [<!ENTITY s SYSTEM "file://{secret}"> <!ENTITY f SYSTEM "file://{fifo}">]>\n'
        '<cib validate-with="pacemaker-3.9"><configuration><crm_config>&s;&f;</crm_config></configuration></cib>\n'
    )
    for output_format in ("text", "json"):
        completed = subprocess.run(
            [sys.executable, "-m", "pcs_lint", "--isolated", "--format", output_format, str(document)],
            capture_output=True, text=True, timeout=60,
        )
        assert completed.returncode == 1, completed.stderr
        assert "PCS001" in completed.stdout
        assert "TOPSECRET" not in completed.stdout + completed.stderr
        assert "Traceback" not in completed.stderr


def test_external_entity_in_process_never_opens_the_secret(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7f3a\n")
    old = 1_000_000_000
    os.utime(secret, (old, old + 10))  # atime before mtime: any read moves atime (relatime)
    data = (f'<!DOCTYPE cib [<!ENTITY s SYSTEM "{secret}">]>\n<cib>&s;</cib>').encode()
    findings = lint_text(data)
    assert codes_lines(findings) == [("PCS001", 1)]
    assert "TOPSECRET" not in repr(findings)
    assert os.stat(secret).st_atime == old


# ------------------------------------------------------------------ what is and is not a CIB


def test_a_diff_patchset_is_not_a_cib():
    xml = '<?xml version="1.0"?>\n<diff format="2">\n  <change operation="delete" path="/cib"/>\n</diff>\n'
    findings = lint_text(xml)
    assert codes_lines(findings) == [("PCS002", 2)]
    assert "<diff> (a patchset)" in findings[0].message


def test_another_document_is_not_a_cib():
    result = rejected(b"\n\n<html><body/></html>")
    assert (result.code, result.line, result.column) == ("PCS002", 3, None)
    assert "root element is <html>, not <cib>" in result.message


def test_a_namespaced_cib_is_not_a_cib():
    assert rejected(b'<cib xmlns="urn:x"/>').code == "PCS002"


def test_rejections_are_dropped_when_their_rule_is_not_selected():
    assert lint_text(b"<cib", select=["PCS201"]) == []
    assert lint_text(b"<diff/>", ignore=["not-a-cib"]) == []
    assert codes_lines(lint_text(b"<diff/>", select=["PCS0"])) == [("PCS002", 1)]


# ------------------------------------------------------------------ comments and PIs


COMMENTED = """<?xml version="1.0"?>
<?xml-stylesheet href="x.xsl"?>
<!-- before the root -->
<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <?pcs-lint noqa?>
    <crm_config/>
    <resources>
      <!-- pcs-lint: disable=PCS201 -->
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <!-- last in resources -->
    </resources>
  </configuration>
</cib>
<!-- after the root -->
"""


def test_comments_are_kept_aside_with_their_target():
    document = parse_xml(COMMENTED.encode())
    assert isinstance(document, XmlDocument)
    kept = [(c.text.strip(), c.line, getattr(c.target, "tag", None), c.target is not None and c.target.get("id"),
             getattr(c.parent, "tag", None)) for c in document.comments]
    assert kept == [
        ("before the root", 3, "cib", None, None),
        ("pcs-lint: disable=PCS201", 9, "primitive", "web", "resources"),
        ("last in resources", 11, None, False, "resources"),
        ("after the root", 15, None, False, None),
    ]


def test_comments_and_pis_are_removed_from_the_tree_text_kept():
    document = parse_xml(COMMENTED.encode())
    nodes = list(document.root.iter())
    assert all(isinstance(node.tag, str) for node in nodes)
    assert [node.tag for node in nodes] == ["cib", "configuration", "crm_config", "resources", "primitive"]
    # the element lines are unchanged
    assert document.root.find("configuration/resources/primitive").sourceline == 10


def test_rules_never_see_comments_or_processing_instructions():
    seen: list[str] = []

    def check(ctx):
        for node in ctx.cib.root.iter():
            seen.append(node.tag if isinstance(node.tag, str) else type(node).__name__)
            if not isinstance(node.tag, str):
                yield Problem(f"a rule saw {type(node).__name__}", object_id="x")

    class Spy:
        __name__ = "spy"

        @hookimpl
        def pcs_lint_rules(self):
            return [Rule("SPY001", "spy", Severity.INFO, "sees every node", check)]

    assert lint_text(COMMENTED, select=["SPY001"], extra_plugins=(Spy(),)) == []
    assert seen == ["cib", "configuration", "crm_config", "resources", "primitive"]


def test_iterating_elements_only_skips_nothing_real():
    document = parse_xml(cib(resources='      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>').encode())
    assert [e.get("id") for e in document.root.iter(etree.Element) if e.tag == "primitive"] == ["fence-all", "a"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("prolog", [b"", b'<?xml version="1.0"?>\n', b'<?xml version="1.0"?><?first pi?>\n',
                                    b"<?only-a-prolog-pi?>\n", b"<!-- prolog -->\n"])
@pytest.mark.parametrize("inside", ["<?pi data?>", "<?pi?>", "<!-- c -->", "<!---->"])
def test_a_comment_or_pi_inside_the_root_is_always_found(bom, prolog, inside):
    # The tree is walked for comments and PIs only when the text can hold one: every place and
    # form must still be found, after every kind of prolog (the XML declaration's "?" is no PI).
    body = f'<cib validate-with="pacemaker-3.9"><configuration>{inside}<crm_config/></configuration></cib>'
    document = parse_xml(bom + prolog + body.encode())
    assert isinstance(document, XmlDocument)
    assert [node.tag for node in document.root.iter()] == ["cib", "configuration", "crm_config"]
    inner = [c for c in document.comments if c.parent is not None]
    assert [(c.text, c.target.tag) for c in inner] == ([] if "?" in inside else [(inside[4:-3], "crm_config")])


@pytest.mark.parametrize("prolog", [b"", b'<?xml version="1.0" encoding="UTF-8"?>\n', b"<?first pi?>"])
def test_a_cib_without_comments_or_pis_is_not_walked_for_them(prolog):
    clean = prolog + cib(resources='<primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>').encode()
    assert "!" not in cib() and not parse._may_hold_comments(clean)
    assert parse._may_hold_comments(clean.replace(b"<configuration>", b"<configuration><?pi?>"))
    assert parse._may_hold_comments(clean.replace(b"<configuration>", b"<configuration><!---->"))
