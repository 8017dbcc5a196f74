"""corosync.conf against the real ``corosync -t`` (corosync 3.1.7 on Debian 12).

* Every key of the key list (schemas/corosync-keys.json) with a value of its type is accepted:
  corosync ignores unknown keys silently, so what can be checked is that no known key is refused.
* For every corosync.conf the tests use (samples, and variants generated here), PCS500 reports
  the line where corosync's parser refuses the file, and no rule says corosync refuses a file it
  accepts; the RULES.md rows marked "accepts" (PCS501-PCS510's samples) are accepted.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pcs_lint.config import Config
from pcs_lint.corosync import parse_corosync_bytes
from pcs_lint.engine import lint_corosync
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry

from .conftest import ROOT, SAMPLES
from .corosync_tool import available, corosync_verdict

# slow: runs corosync -t for many cases (the inner loop skips it: -m "not slow")
pytestmark = [pytest.mark.skipif(available() is not None, reason=available() or ""), pytest.mark.slow]

REGISTRY = load_registry(autoload=False)
PLAN = build_plan(REGISTRY, Config(), CliOptions(select=("PCS5",)))
KEYS = json.loads((ROOT / "schemas" / "corosync-keys.json").read_text())
CLEAN = (SAMPLES / "clean" / "corosync.conf").read_text()
# Values that the key's type alone does not give: what corosync checks beyond the parser.
VALUES = {
    "totem.version": "2", "totem.transport": "knet", "totem.crypto_model": "nss",
    "totem.crypto_cipher": "aes256", "totem.crypto_hash": "sha256", "totem.keyfile": "/etc/corosync/authkey",
    "totem.key": "", "totem.nodeid": "1", "totem.token": "3000", "totem.consensus": "3600", "totem.join": "50",
    "totem.knet_compression_model": "zlib", "totem.netmtu": "1500", "totem.knet_mtu": "0",
    "totem.window_size": "50", "totem.max_messages": "17", "totem.secauth": "on",
    "totem.crypto_type": "aes256", "totem.rrp_mode": "none", "totem.ip_version": "ipv4-6",
    "totem.interface.linknumber": "0", "totem.interface.ringnumber": "0",
    "totem.interface.knet_ping_interval": "1000", "totem.interface.knet_ping_timeout": "2000",
    "totem.interface.mcastport": "5405", "totem.interface.bindnetaddr": "192.168.122.0",
    "totem.interface.mcastaddr": "239.255.1.1", "totem.interface.broadcast": "no",
    "totem.interface.knet_ping_precision": "2048", "totem.interface.knet_pong_count": "2",
    "totem.interface.knet_transport": "udp", "totem.interface.ttl": "1",
    "quorum.provider": "corosync_votequorum", "quorum.expected_votes": "2", "quorum.votes": "1",
    "quorum.two_node": "1", "quorum.wait_for_all": "1", "quorum.auto_tie_breaker": "0",
    "quorum.last_man_standing": "0", "quorum.auto_tie_breaker_node": "lowest",
    "quorum.device.model": "net", "quorum.device.votes": "1", "quorum.device.timeout": "10000",
    "quorum.device.sync_timeout": "30000", "quorum.device.net.host": "qnetd.example.com",
    "quorum.device.net.port": "5403", "quorum.device.net.tie_breaker": "lowest",
    "quorum.device.net.connect_timeout": "8000", "quorum.device.heuristics.timeout": "5000",
    "quorum.device.heuristics.sync_timeout": "15000", "quorum.device.heuristics.interval": "30000",
    "logging.logfile": "/dev/null", "logging.logger_subsys.logfile": "/dev/null",
    "logging.logfile_priority": "info", "logging.syslog_facility": "daemon", "logging.syslog_priority": "info",
    "logging.logger_subsys.subsys": "QUORUM", "logging.logger_subsys.logfile_priority": "info",
    "logging.logger_subsys.syslog_facility": "daemon", "logging.logger_subsys.syslog_priority": "info",
    "system.priority": "max", "system.state_dir": "/var/lib/corosync", "system.sched_rr": "no",
    "nozzle.name": "noz01", "nozzle.ipaddr": "192.168.200.0", "nozzle.ipprefix": "24",
    "nozzle.macaddr": "62:00:00:00:00:00", "uidgid.uid": "root", "uidgid.gid": "root",
    "resources.watchdog_timeout": "6", "resources.watchdog_device": "off",
    "totem.cluster_uuid": "0123456789abcdef0123456789abcdef",
    # corosync.conf(5)'s defaults for the timing keys: corosync checks them against each other.
    "totem.token_warning": "75", "totem.token_coefficient": "650", "totem.token_retransmit": "714",
    "totem.hold": "535", "totem.token_retransmits_before_loss_const": "4", "totem.send_join": "0",
    "totem.merge": "200", "totem.downcheck": "1000", "totem.fail_recv_const": "2500",
    "totem.seqno_unchanged_const": "30", "totem.heartbeat_failures_allowed": "0",
    "totem.max_network_delay": "50", "totem.miss_count_const": "5", "totem.knet_pmtud_interval": "30",
    "totem.knet_compression_threshold": "100", "totem.knet_compression_level": "1", "totem.threads": "0",
    "totem.config_version": "1",
}
def _value(dotted: str, spec: dict) -> str:
    if dotted in VALUES:
        return VALUES[dotted]
    if "enum" in spec:
        return spec["enum"][0]
    return "1" if spec.get("type") in ("uint8", "uint32", "int32", "uint64") else "text"


def _section_file(path: str) -> str:
    """The clean sample with every key of section ``path`` (and pattern examples) added in it."""
    spec = KEYS["sections"][path]
    keys = [(name, _value(f"{path}.{name}" if path else name, item)) for name, item in spec["keys"].items()
            if name != "logger_subsys"]
    for pattern in spec.get("patterns", {}):
        keys.append(("ring1_addr", "192.168.123.{n}") if pattern.startswith("ring") else ("exec_ping", "/bin/true"))
    body = "".join(f"{name}: {value}\n" for name, value in keys)
    if path == "nodelist.node":
        text = CLEAN
        for number in (1, 2):
            text = text.replace(f"nodeid: {number}\n", f"nodeid: {number}\n" + body.replace("{n}", str(10 + number))
                                .replace("nodeid: 1\n", "").replace("name: text\n", ""), 1)
        return text
    opening = {"totem": "totem {\n", "quorum": "quorum {\n", "logging": "logging {\n"}
    parts = path.split(".") if path else []
    if parts and parts[0] in opening and len(parts) == 1:
        return CLEAN.replace(opening[parts[0]], opening[parts[0]] + body, 1)
    nested = body
    for part in reversed(parts):
        nested = f"{part} {{\n{nested}}}\n"
    if parts[:1] == ["quorum"]:
        wrapper = nested.split("\n", 1)[1].rsplit("}\n", 1)[0]  # the inside of quorum { }
        if path != "quorum.device":
            wrapper = "device {\nmodel: net\nnet {\nhost: qnetd.example.com\n}\n" + wrapper.split("\n", 1)[1]
        text = CLEAN.replace("    two_node: 1\n", wrapper)
        return text
    if parts[:1] == ["totem"] or parts[:1] == ["logging"]:
        inner = nested.split("\n", 1)[1].rsplit("}\n", 1)[0]
        return CLEAN.replace(f"{parts[0]} {{\n", f"{parts[0]} {{\n{inner}", 1)
    return (body if not parts else "") + CLEAN + (nested if parts else "")


@pytest.mark.parametrize("section", sorted(KEYS["sections"]))
def test_every_known_key_is_accepted(section, tmp_path):
    conf = tmp_path / "corosync.conf"
    conf.write_text(_section_file(section))
    verdict = corosync_verdict(conf)
    assert not verdict.refused, (section, verdict, conf.read_text())


# ------------------------------------------------------------------ PCS500 against corosync

def _variants() -> dict[str, str]:
    """Generated corosync.conf files: each of the clean sample's lines replaced or followed by
    one of these lines, and the braces removed or doubled."""
    lines = CLEAN.split("\n")
    inserted = [
        "version 2", "foo { bar", "} foo", "{", "a b: 1", "a=b: 1", "ab: 1", "k: v }", "a:b: 1", ":", "x/: 1",
        "secauth: {", "token: 3000 # c", "cluster_name: web # prod", "two_node: yes", "token: 3s",
        "crypto_cipher: aes", "ring0_addr: 192.168.122.11 # first", "nodeid: 1 # one", "abc {", "}",
        "k: " + "x" * 507, "k: " + "x" * 508, "sub:{", "ä: 1", "\xa0token: 1", "token:\t3000\xa0",
        "consensus: 10", "tokn: 3000", "two_nodes: 1", "linknumber: 9",
    ]
    variants: dict[str, str] = {}
    for index in (1, 3, 12, 25, 27, 31):
        for number, extra in enumerate(inserted):
            variants[f"at{index}-{number}"] = "\n".join(lines[:index] + [extra] + lines[index:])
    for index, line in enumerate(lines):
        if line.strip() in ("}", "totem {", "node {"):
            variants[f"drop{index}"] = "\n".join(lines[:index] + lines[index + 1:])
    variants.update(MEASURED)
    variants["nul"] = CLEAN.replace("version: 2", "version: 2\x00x")
    variants["crlf"] = CLEAN.replace("\n", "\r\n")
    variants["deep"] = "abc {\n" * 70 + "}\n" * 70 + CLEAN
    return variants


THIRD_NODE = "nodelist {\n    node {\n        ring0_addr: 192.168.122.13\n        name: node3\n        nodeid: 3\n    }\n"
INTERFACE = "crypto_hash: sha256\n    interface {\n        linknumber: %s\n%s    }\n"
# What RULES.md says corosync -t does with these (its "accepts" rows and the PCS505 mixture).
MEASURED = {
    "duplicate-names": CLEAN.replace("name: node2", "name: node1"),
    "duplicate-addresses": CLEAN.replace("192.168.122.12", "192.168.122.11"),
    "two-node-with-three": CLEAN.replace("nodelist {\n", THIRD_NODE),
    "expected-votes-5": CLEAN.replace("two_node: 1", "expected_votes: 5"),
    "linknumber-9": CLEAN.replace("crypto_hash: sha256\n", INTERFACE % ("9", "")),
    "cluster-name-40": CLEAN.replace("cluster_name: webcluster", "cluster_name: " + "a" * 40),
    "misspelt-key": CLEAN.replace("two_node: 1", "two_nodes: 1"),
    "consensus-below-token": CLEAN.replace("version: 2", "version: 2\n    token: 3000\n    consensus: 1000")
                             .replace("nodelist {\n", THIRD_NODE).replace("    two_node: 1\n", ""),
    "qdevice-with-atb": CLEAN.replace("two_node: 1", "auto_tie_breaker: 1\n    device {\n        model: net\n"
                                      "        net {\n            host: qnetd\n        }\n    }"),
    "udpu": CLEAN.replace("transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha256\n", "transport: udpu\n"),
    "crypto-unset": CLEAN.replace("    crypto_cipher: aes256\n    crypto_hash: sha256\n", ""),
    "ping-alone": CLEAN.replace("crypto_hash: sha256\n", INTERFACE % ("0", "        knet_ping_interval: 100\n")),
    "window-alone": CLEAN.replace("two_node: 1", "two_node: 1\n    last_man_standing_window: 1000"),
    "section-for-value": CLEAN.replace("two_node: 1", "two_node {\n    }"),
    # refused, each for a reason PCS505 names
    "uneven-links": CLEAN.replace("ring0_addr: 192.168.122.11\n", "ring0_addr: 192.168.122.11\n        ring1_addr: 10.1.0.1\n"),
    "no-nodeid": CLEAN.replace("        nodeid: 2\n", ""),
    "nodeid-0": CLEAN.replace("nodeid: 2\n", "nodeid: 0\n"),
    "duplicate-nodeid": CLEAN.replace("nodeid: 2\n", "nodeid: 1\n"),
    "mixed-ip-versions": CLEAN.replace("ring0_addr: 192.168.122.12", "ring0_addr: fe80::12"),
}
REFUSED = {"uneven-links", "no-nodeid", "nodeid-0", "duplicate-nodeid", "mixed-ip-versions"}
REPORTED_BY = {
    "duplicate-names": "PCS505", "duplicate-addresses": "PCS505", "two-node-with-three": "PCS501",
    "expected-votes-5": "PCS506", "linknumber-9": "PCS508", "cluster-name-40": "PCS510", "misspelt-key": "PCS504",
    "consensus-below-token": "PCS503", "qdevice-with-atb": "PCS502", "udpu": "PCS507", "crypto-unset": "PCS509",
    "ping-alone": "PCS508", "window-alone": "PCS502", "section-for-value": "PCS500", "uneven-links": "PCS505", "no-nodeid": "PCS505",
    "nodeid-0": "PCS505", "duplicate-nodeid": "PCS505", "mixed-ip-versions": "PCS505",
}


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_what_rules_md_measured(name, tmp_path):
    conf = tmp_path / "corosync.conf"
    conf.write_text(MEASURED[name])
    assert corosync_verdict(conf).refused == (name in REFUSED)
    findings = lint_corosync(replace(PLAN, corosync=(parse_corosync_bytes(MEASURED[name].encode(), path="c"),)))
    assert REPORTED_BY[name] in {finding.rule for finding in findings}


def _all_files() -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.rglob("*.conf"))]
    files += [(name, text.encode("latin-1", errors="replace") if "\xa0" in text else text.encode())
              for name, text in _variants().items()]
    return files


FILES = _all_files()
# corosync's messages for a file its parser refuses (parser error: FILE:LINE: MESSAGE).
PARSER_REFUSALS = ("Line is not opening or closing section or key value", "Missing closing brace",
                   "Unexpected closing brace", "Extra characters", "Missing section name", "Line too long",
                   "Can't store key", "is expected to be integer", "path too long", "Invalid")


@pytest.mark.parametrize(("name", "data"), FILES, ids=[name for name, _ in FILES])
def test_pcs500_agrees_with_corosync(name, data, tmp_path):
    conf_file = tmp_path / "corosync.conf"
    conf_file.write_bytes(data)
    verdict = corosync_verdict(conf_file)
    conf = parse_corosync_bytes(data, path="corosync.conf")
    findings = lint_corosync(replace(PLAN, corosync=(conf,)))
    syntax = [f for f in findings if f.rule == "PCS500"]
    claims = [f for f in findings if "refuses" in f.message]
    if verdict.line is not None and any(text in verdict.message for text in PARSER_REFUSALS):
        if verdict.message == "Missing closing brace":
            assert any("never closed" in f.message for f in syntax), (verdict, findings)
        else:
            first = min((f for f in claims), key=lambda f: f.line or 0, default=None)
            assert first is not None and first.line == verdict.line, (verdict, [(f.line, f.message) for f in findings])
    if not verdict.refused:
        assert claims == [], (verdict, [(f.rule, f.line, f.message) for f in claims])


def test_the_accepts_rows_are_accepted():
    """RULES.md marks PCS501-PCS510 'accepts': their bad samples, which give exactly that
    finding, start with corosync -t."""
    for sample in sorted((SAMPLES / "bad").glob("PCS5*.conf")):
        if sample.name.startswith(("PCS500", "PCS505")):
            continue
        verdict = corosync_verdict(sample)
        assert not verdict.refused, (sample.name, verdict)
    # PCS505: duplicate addresses are accepted (RULES.md: some refused, some accepted)
    assert not corosync_verdict(SAMPLES / "bad" / "PCS505-nodelist-invalid.conf").refused
    assert corosync_verdict(SAMPLES / "bad" / "PCS500-corosync-syntax.conf").refused


def test_consensus_below_join_is_refused(tmp_path):
    conf = tmp_path / "corosync.conf"
    conf.write_text(CLEAN.replace("version: 2", "version: 2\n    join: 50\n    consensus: 40"))
    assert "may not be less than join" in corosync_verdict(conf).message
    conf.write_text(CLEAN.replace("version: 2", "version: 2\n    join: 50\n    consensus: 50"))
    assert not corosync_verdict(conf).refused
