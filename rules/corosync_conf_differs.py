"""PCS703 corosync-conf-differs: the nodes' copies of corosync.conf differ in content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, key_at

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, CorosyncKey

CONFIG_VERSION = "totem.config_version"
_LISTED = 5  # differences named in one message


def _keys(conf: CorosyncConf) -> Iterator[tuple[tuple[str, str, str], CorosyncKey]]:
    """Each key with what it says: its place (a nodelist entry by its node, not its position),
    name and value; config_version apart (PCS703 names it separately)."""
    labels = {id(entry.section): f"nodelist.node[{entry.label}]" for entry in conf.nodelist}
    for section in conf.walk():
        place = labels.get(id(section), section.path)
        for key in section.keys:
            if key.dotted != CONFIG_VERSION:
                yield (place, key.name, key.value), key


def content(conf: CorosyncConf) -> Counter:
    """What a copy says, apart from comments, blank lines, indentation and order."""
    return Counter(said for said, _ in _keys(conf))


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
    wanted = set(extra)
    lines = [key.line for said, key in _keys(conf) if said in wanted]
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
