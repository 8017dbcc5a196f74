"""PCS703 corosync-conf-differs: the nodes' copies of corosync.conf differ in content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pcs_lint.corosync import CorosyncConf, CorosyncKey
from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, key_at

CONFIG_VERSION = "totem.config_version"
_LISTED = 5  # differences named in one message


def _place(conf: CorosyncConf, key: CorosyncKey) -> str:
    """Where a key is, as the content sees it: a nodelist entry by its node, not its position."""
    if key.path == "nodelist.node":
        entry = next((e for e in conf.nodelist if any(k is key for k in e.section.keys)), None)
        return f"nodelist.node[{entry.label}]" if entry is not None else key.path
    return key.path


def content(conf: CorosyncConf) -> Counter:
    """What a copy says, apart from comments, blank lines, indentation and order: each key with
    its section and value (config_version apart: PCS703 names it separately)."""
    found: Counter = Counter()
    for section in conf.walk():
        for key in section.keys:
            if key.dotted != CONFIG_VERSION:
                found[(_place(conf, key), key.name, key.value)] += 1
    return found


def _copy(conf: CorosyncConf) -> str:
    return f"node {conf.node}'s copy ({conf.path})" if conf.node else conf.path


def _show(items: list[tuple[str, str, str]]) -> str:
    shown = ", ".join(f"{path}.{name}: {value}" if path else f"{name}: {value}"
                      for path, name, value in items[:_LISTED])
    return shown + (f" and {len(items) - _LISTED} more" if len(items) > _LISTED else "")


def check(ctx: Context) -> Iterator[Problem]:
    confs = ctx.corosync
    if len(confs) < 2:
        return
    contents = [content(conf) for conf in confs]
    # The content most copies share is the reference (the first copy's on a tie).
    frozen = [frozenset(c.items()) for c in contents]
    reference_index = max(range(len(confs)), key=lambda i: (frozen.count(frozen[i]), -i))
    reference, expected = confs[reference_index], contents[reference_index]
    for conf, found in zip(confs, contents, strict=True):
        if conf is reference or found == expected:
            continue
        extra = sorted((found - expected).elements())
        missing = sorted((expected - found).elements())
        parts = []
        if extra:
            parts.append(f"has {_show(extra)}")
        if missing:
            parts.append(f"lacks {_show(missing)}")
        first = _first_line(conf, extra)
        yield Problem(
            f"{_copy(conf)} differs from {_copy(reference)}: it {' and '.join(parts)}; the nodes run with different "
            "settings (each corosync reads only its own node's copy)",
            location=at(conf, first), object_id=conf.node or conf.path,
            related=(at(reference, 1),),
            hint="make every copy the same: edit one node's copy and distribute it with pcs cluster sync, then "
                 "pcs cluster reload corosync",
        )
    yield from _versions(confs)


def _first_line(conf: CorosyncConf, extra: list[tuple[str, str, str]]) -> int | None:
    lines = [key.line for section in conf.walk() for key in section.keys
             if (_place(conf, key), key.name, key.value) in set(extra)]
    return min(lines) if lines else None


def _versions(confs: tuple[CorosyncConf, ...]) -> Iterator[Problem]:
    keyed = [(conf, conf.key(CONFIG_VERSION)) for conf in confs]
    versions = {conf: (key.as_int() if key is not None else 0) for conf, key in keyed}
    if len({v for v in versions.values() if v is not None}) < 2:
        return
    if not any(v for v in versions.values()):
        return
    newest = max(v for v in versions.values() if v is not None)
    for conf, key in keyed:
        version = versions[conf]
        if version is None or version >= newest:
            continue
        shown = key.value if key is not None else "unset (0)"
        yield Problem(
            f"{_copy(conf)} has config_version {shown}, older than {newest} on another copy: it missed a "
            "change, and when this node starts and joins the others, corosync terminates on it "
            "(corosync.conf(5): a joining node's config_version must equal the highest of the others')",
            location=key_at(conf, key) if key is not None else at(conf, None), object_id=conf.node or conf.path,
            hint="copy the newest corosync.conf to this node (pcs cluster sync), then pcs cluster reload corosync",
        )


RULE = Rule(
    code="PCS703",
    name="corosync-conf-differs",
    severity=Severity.ERROR,
    summary="the nodes' corosync.conf copies differ in content (compared parsed), or in config_version",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
