"""Resource operations as Pacemaker reads them (shared by the PCS4xx rules; not a rule).

* ``operations(cib)``: every ``<op>`` of the configuration, once, with the primitive or template
  that defines it. Rules that judge one op's own values (interval, timeout, on-fail) use this,
  so an op written in a template is reported once, at the template.
* ``effective_operations(cib, primitive)``: the ops Pacemaker really gives a primitive. With
  ``template=``, Pacemaker 2.1 appends each template op whose name and role (Started,
  Unpromoted and Slave all count as "no role") the primitive does not define itself.
* ``op_defaults(cib)`` / ``rsc_defaults(cib)``: the unconditioned defaults, name -> NvPair.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from pcs_lint.durations import Duration, parse_interval
from pcs_lint.findings import Fix
from pcs_lint.model import Cib, NvPair, Resource

# Actions Pacemaker refuses to schedule as recurring (op_cannot_recur in libpacemaker).
NON_RECURRING_ACTIONS = ("start", "stop", "promote", "demote", "migrate_to", "migrate_from", "reload-agent")
PROMOTED_ROLES = ("promoted", "master")
_NO_ROLE = ("started", "unpromoted", "slave")


@dataclass(frozen=True, slots=True)
class Operation:
    """One ``<op>`` of a resource's ``<operations>``, with its owner."""

    element: Any
    owner: Resource | None  # the primitive or template whose <operations> holds the op
    # Read once, when the op is recorded: most of the rules read every op's name and interval
    # (an lxml attribute read costs more than a slot's). Both follow from ``element``, so they
    # take no part in comparing or hashing.
    name: str = field(compare=False)  # "" when missing
    interval: Duration = field(compare=False)

    @property
    def id(self) -> str | None:
        return self.element.get("id")

    @property
    def role(self) -> str | None:
        return self.element.get("role")

    @property
    def interval_text(self) -> str | None:
        return self.element.get("interval")

    @property
    def owner_id(self) -> str:
        return self.owner.id if self.owner is not None else "?"

    @property
    def in_template(self) -> bool:
        return self.owner is not None and self.owner.kind == "template"

    def describe(self) -> str:
        """"operation 'web-monitor' of resource 'web'" for messages."""
        kind = "template" if self.in_template else "resource"
        return f"operation {self.id!r} of {kind} {self.owner_id!r}"


@dataclass(frozen=True)
class _OperationTable:
    """Every op of a CIB, and the look-ups the operation rules make, built once per CIB."""

    every: tuple[Operation, ...]  # in document order
    by_container: Mapping[Any, tuple[Operation, ...]]  # <operations> element -> its ops
    with_meta: frozenset[Any]  # the op elements that have a <meta_attributes> (few do)
    first_container: Mapping[Any, Any]  # element -> its first <operations> child (what find() gives)


def operations(cib: Cib) -> tuple[Operation, ...]:
    """Every op written in an ``<operations>`` element, in document order (built once per CIB:
    eight rules read them)."""
    return cib.derived(_all_operations).every


def _all_operations(cib: Cib) -> _OperationTable:
    found = []
    by_container: dict[Any, list[Operation]] = {}
    # An <operations> element's ops are consecutive in document order: its owner is looked up
    # once, not once per op.
    current = ops_of_current = owner = None
    for element in cib.elements("op"):
        container = element.getparent()
        if container is not current:
            current = container
            if container is None or container.tag != "operations":
                ops_of_current = None
            else:
                ops_of_current = by_container.setdefault(container, [])
                owner = _owner(cib, container.getparent())
        if ops_of_current is None:
            continue
        op = Operation(element, owner, element.get("name") or "", parse_interval(element.get("interval")))
        found.append(op)
        ops_of_current.append(op)
    # From the few attribute sets, not by asking for every op's.
    with_meta = frozenset(parent for parent in (meta.getparent() for meta in cib.elements("meta_attributes"))
                          if parent is not None and parent.tag == "op")
    # One pass over the <operations> elements instead of a search in each resource.
    first_container: dict[Any, Any] = {}
    for container in cib.elements("operations"):
        first_container.setdefault(container.getparent(), container)
    return _OperationTable(tuple(found), MappingProxyType({k: tuple(v) for k, v in by_container.items()}), with_meta,
                           MappingProxyType(first_container))


def op_setting(cib: Cib, op: Operation, name: str) -> tuple[str | None, Any]:
    """(value, element carrying it) of an op setting: the op's attribute, else its own
    unconditioned meta_attributes (Pacemaker lets the attribute win)."""
    value = op.element.get(name)
    if value is not None:
        return value, op.element
    if op.element not in ops_with_meta_attributes(cib):
        return None, None
    pair = cib.values(op.element, "meta_attributes").get(name)
    if pair is not None:
        return pair.value, pair.element
    return None, None


def op_settings(cib: Cib, name: str) -> Iterator[tuple[Operation, str, Any]]:
    """(op, value, element carrying it) for every op with a value for that setting, in document
    order: ``op_setting`` of each op, read in one pass (a rule that judges one setting of every
    op would otherwise pay a call per op)."""
    table = cib.derived(_all_operations)
    with_meta = table.with_meta
    for op in table.every:
        element = op.element
        value = element.get(name)
        if value is not None:
            yield op, value, element
        elif element in with_meta:
            pair = cib.values(element, "meta_attributes").get(name)
            if pair is not None and pair.value is not None:
                yield op, pair.value, pair.element


def ops_with_meta_attributes(cib: Cib) -> frozenset[Any]:
    """The op elements that have a <meta_attributes>: few do, and asking this set is cheaper
    than asking each op for its attribute sets."""
    return cib.derived(_all_operations).with_meta


def effective_operations(cib: Cib, primitive: Resource) -> tuple[Operation, ...]:
    own = _operations_of(cib, primitive)
    template = cib.resources.get(primitive.template) if primitive.template else None
    if template is None or template.kind != "template":
        return own
    inherited = _operations_of(cib, template)
    if not own:
        return inherited
    own_keys = {_template_key(op) for op in own}
    return own + tuple(op for op in inherited if _template_key(op) not in own_keys)


def op_defaults(cib: Cib) -> Mapping[str, NvPair]:
    return cib.derived(_op_defaults)


def rsc_defaults(cib: Cib) -> Mapping[str, NvPair]:
    """(Read per group by PCS904, so worked out once per CIB.)"""
    return cib.derived(_rsc_defaults)


def _op_defaults(cib: Cib) -> Mapping[str, NvPair]:
    return MappingProxyType(_defaults(cib, "op_defaults"))


def _rsc_defaults(cib: Cib) -> Mapping[str, NvPair]:
    return MappingProxyType(_defaults(cib, "rsc_defaults"))


def is_promoted_role(role: str | None) -> bool:
    return (role or "").lower() in PROMOTED_ROLES


# The op attributes pcs 0.11.5 takes in "resource update R op ..."; it refuses others, even to
# remove them (measured: "requires is not a valid op option (use --force to override)"; with
# --force it writes requires="", which the schema refuses).
PCS_OP_OPTIONS = frozenset({"id", "name", "interval", "description", "start-delay", "interval-origin", "timeout",
                            "enabled", "record-pending", "role", "on-fail", "OCF_CHECK_LEVEL"})


def op_fix(op: Operation, **settings: str) -> Fix | str:
    """The pcs command that rewrites this op with new settings (advice for a template's op:
    pcs cannot edit templates)."""
    if op.in_template:
        return (f"pcs cannot edit templates: change op {op.id!r} in template {op.owner_id!r} with "
                "`cibadmin --query --scope resources` / `cibadmin --replace --scope resources`")
    words = [f"interval={op.interval_text}"] if op.interval_text is not None else []
    if op.role:
        words.append(f"role={op.role}")
    if op.element.get("timeout") is not None:
        words.append(f"timeout={op.element.get('timeout')}")  # pcs replaces the whole op
    words += [f"{key.replace('_', '-')}={value}" for key, value in settings.items()]
    seen: dict[str, str] = {}
    for word in words:
        key = word.split("=", 1)[0]
        seen[key] = word  # later settings replace the op's current ones
    unknown = sorted(key for key in seen if key not in PCS_OP_OPTIONS)
    if unknown:
        return (f"edit op {op.id!r} with pcs cluster edit: pcs refuses op attribute {unknown[0]!r} (with --force "
                "it writes an empty value, which the schema refuses)")
    return Fix.of(f"pcs resource update {op.owner_id} op {op.name} {' '.join(seen.values())}")


def _owner(cib: Cib, element: Any) -> Resource | None:
    if element is None or element.tag not in ("primitive", "template"):
        return None
    resource = cib.resources.get(element.get("id") or "")
    return resource if resource is not None and resource.element is element else None


def _operations_of(cib: Cib, resource: Resource) -> tuple[Operation, ...]:
    """The ops of a resource (``<operations id-ref>`` followed): a few lookups in the table of
    every op, so no table per resource is kept."""
    table = cib.derived(_all_operations)
    container = table.first_container.get(resource.element)
    if container is None:
        return ()
    reference = container.get("id-ref")
    if reference:
        # <operations id-ref="..."> uses another resource's operations element.
        targets = [e for e in cib.ids.get(reference, ()) if e.tag == "operations"]
        if not targets:
            return ()
        container = targets[0]
    return table.by_container.get(container, ())


def _template_key(op: Operation) -> tuple[str, str]:
    role = op.role
    if role is None or role.lower() in _NO_ROLE:
        role = "Unknown"
    return (op.name, role)


def _defaults(cib: Cib, tag: str) -> dict[str, NvPair]:
    merged: dict[str, NvPair] = {}
    for element in cib.elements(tag):
        for name, pair in cib.values(element, "meta_attributes").items():
            merged.setdefault(name, pair)
    return merged


def iso_lookalike(text: str | None) -> Duration | None:
    """How an interval would read had its ISO 8601 form started with an upper-case ``P``.

    Pacemaker takes ISO 8601 only when the value's first character is ``P``: "pt5m", "Pt5m"
    and " PT5M" are read as plain numbers, fail, and become 0. Returns the intended reading
    for such a value (so PCS402 can report it and PCS401 can leave it alone), else None.
    """
    if text is None or parse_interval(text).valid:
        return None
    candidate = text.strip().upper()
    if candidate == text or not candidate.startswith("P"):
        return None
    intended = parse_interval(candidate)
    return intended if intended.valid and intended.form == "iso" and intended.ms else None
