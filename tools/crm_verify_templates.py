"""crm_verify's lines reduced to message templates, and the names each line is about.

A template is the message without what varies between files: the function prefix and log level
are split off; the ids and node names of the CIB checked become ``<ID>``, action keys
(``rsc_monitor_10000``) ``<ACTION>``, time stamps ``<TIME>``, file paths ``<FILE>``, other numbers
``N``, and the ``| key=value`` details crm_verify appends are dropped. The same message of 2.1.5 and
3.0.0 gets the same template where only these parts differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# "(unpack_config) \twarning: text" (2.1.x, and 3.0 at -VV) or "error: text" (3.0 at -V).
_PREFIXED = re.compile(r"^\((?P<function>[A-Za-z0-9_]+)\)\s+(?P<level>[a-z]+):\s?(?P<text>.*)$")
_LEVELLED = re.compile(r"^(?P<level>error|warning|notice|info|debug|trace|crit):\s(?P<text>.*)$")
# The schema-upgrade XSL's own messages (2.1.5 upgrading a pre-3.0 CIB in memory).
_XSL = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR):\s(?P<text>.*)$")
_TOOL = re.compile(r"^crm_verify:\s(?P<text>.*)$")
# libxml2's Relax-NG errors: "SET/FILE.xml:LINE: element x: Relax-NG validity error : ...".
_RELAXNG_FILE = re.compile(r"^\S+?\.xml:\d+:\s")
_TIME = re.compile(r"\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                   r"\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4}\b")
_DETAILS = re.compile(r"\s*\|.*$")
_TOKEN = re.compile(r"[A-Za-z0-9_.:@#/+-]+")
_ACTION = re.compile(r"^(?P<rsc>.+?)_(?P<action>start|stop|monitor|promote|demote|migrate_to|migrate_from|"
                     r"notify|reload|reload-agent|meta-data|validate-all|asyncmon|pre_notify|post_notify|"
                     r"confirmed-pre_notify|confirmed-post_notify|running|stopped|promoted|demoted|"
                     r"[a-z_-]+)_(?P<interval>\d+)$")
_INSTANCE = re.compile(r"^(?P<base>.+?)(?::\d+)+$")
# A number, or a duration with its unit ("30s"), that is not part of a word or placeholder.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_<.])\d+(?:\.\d+)?(?:ms|us|s|m|min|h)?(?![A-Za-z0-9_>])")
# Ids Pacemaker makes up itself (the schema upgrade's "pcmk__3_10_upgrade-...").
_GENERATED = re.compile(r"^pcmk__\S+$")
_UNKNOWN_TIME = re.compile(r"\bat unknown[ _]time\b")
# What a recorded operation returned ("error: Simulated failure", "not running"): status data.
_RESULTS = (
    (re.compile(r"Unexpected result \(.*\) was recorded for \S+ of"),
     "Unexpected result (<RESULT>) was recorded for <OPERATION> of"),
    (re.compile(r"Pretending failed \S+ \(.*\) of"), "Pretending failed <OPERATION> (<RESULT>) of"),
    (re.compile(r"because of (hard|fatal) failure \(.*\)$"), r"because of \1 failure (<RESULT>)"),
    (re.compile(r"failed \(.*\) at <TIME>$"), "failed (<RESULT>) at <TIME>"),
)
# A name Pacemaker derives from a configured id: a bundle's replicas, containers and addresses,
# a clone's instances.
_DERIVED = re.compile(r"^-(?:clone|(?:docker|podman|rkt)-\d+|ip-[0-9.]+|\d+)(?::\d+)?$")
_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Message:
    """One crm_verify line: its level, template and the CIB names it is about (ids, nodes)."""

    level: str
    template: str
    names: tuple[str, ...]


def _strip_trailing_punctuation(token: str) -> tuple[str, str]:
    core = token.rstrip(".:,;")
    return core, token[len(core):]


def _replace_token(token: str, known: frozenset[str], found: list[str]) -> str:
    core, tail = _strip_trailing_punctuation(token)
    if not core or _DIGITS.match(core) or core in _ENGLISH:
        return token
    if core in known:
        found.append(core)
        instance = _INSTANCE.match(core)
        if instance:  # a status section names instances ("rsc:0"); the configuration, the resource
            found.append(instance["base"])
        return "<ID>" + tail
    if _GENERATED.match(core):
        return "<ID>" + tail
    instance = _INSTANCE.match(core)
    if instance and instance["base"] in known:
        found.append(instance["base"])
        return "<ID>" + tail
    derived = _derived_from(core, known)
    if derived:
        found.append(derived)
        return "<ID>" + tail
    action = _ACTION.match(core)
    if action:
        resource = action["rsc"]
        base = _INSTANCE.match(resource)
        name = base["base"] if base else resource
        if name in known:
            found.append(name)
        return "<ACTION>" + tail
    return token


def _derived_from(name: str, known: frozenset[str]) -> str | None:
    cut = name.find("-")
    while cut > 0:
        if name[:cut] in known and _DERIVED.match(name[cut:]):
            return name[:cut]
        cut = name.find("-", cut + 1)
    return None


def reduce(line: str, known: frozenset[str]) -> Message:
    """The template of LINE for a CIB whose ids and node names are KNOWN."""
    text = line.strip()
    level = "note"
    for pattern in (_PREFIXED, _LEVELLED, _XSL, _TOOL):
        match = pattern.match(text)
        if match:
            level = (match.groupdict().get("level") or "summary").lower()
            text = match["text"]
            break
    else:
        if _RELAXNG_FILE.match(text):
            level = "error"
            text = _RELAXNG_FILE.sub("<FILE>:N: ", text)
    text = _UNKNOWN_TIME.sub("at <TIME>", _TIME.sub("<TIME>", text))
    text = _DETAILS.sub("", text)
    found: list[str] = []
    # Quoted names first ('rsc1', "node1"), then bare words.
    text = re.sub(r"'([^']*)'", lambda m: "'" + _replace_token(m[1], known, found) + "'", text)
    text = _TOKEN.sub(lambda m: _replace_token(m[0], known, found), text)
    text = re.sub(r"'([^'<>]*\d[^'<>]*)'", "'<VALUE>'", text)
    # The option a deprecation names by example: one template for every option.
    text = re.sub(r"\(such as [^()<>]+\)", "(such as <NAME>)", text)
    text = _NUMBER.sub("N", text)
    for pattern, replacement in _RESULTS:
        text = pattern.sub(replacement, text)
    return Message(level, text.strip(), tuple(dict.fromkeys(found)))


def names_in(root) -> frozenset[str]:
    """The ids and node names of a parsed CIB: what crm_verify's messages name."""
    names: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("id", "uname"):
            value = element.get(attribute)
            if value:
                names.add(value)
        if element.tag == "nvpair" and element.get("name") in ("remote-node",) and element.get("value"):
            names.add(element.get("value"))
    return frozenset(names)


# Words of crm_verify's messages that corpus CIBs also use as ids: never a placeholder.
_ENGLISH = frozenset(
    "a an and are as at be because but by can cannot for from has have in is it its no node nodes not "
    "of on or the to was will with without Action Cluster Constraint Fencing Guest Ignoring Node "
    "Operation Remote Resource Scheduling Support fencing resource resources start stop monitor promote "
    "demote Started Stopped Promoted Unpromoted Master Slave ping group clone bundle primitive template tag "
    "promotable".split())


def templates(lines: Iterable[str], known: frozenset[str]) -> list[Message]:
    return [reduce(line, known) for line in lines if line.strip()]
