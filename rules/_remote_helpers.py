"""Shared facts about remote and guest nodes for the PCS1xx naming and placement rules.

Everything here is a pure function of the CIB index. The rules that use it report different
things about the same objects; keeping the shared judgements (is this guest really created?
is this a real remote connection?) in one place keeps them from disagreeing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pcs_lint.findings import Fix, Problem
from pcs_lint.model import Cib, GuestNode, RemoteConnection, Resource


def placement_creates_guest(cib: Cib, primitive: Resource) -> bool:
    """Whether Pacemaker makes a guest node of this primitive when it has remote-node.

    Pacemaker looks for remote-node only on top-level primitives and on primitives directly
    inside a top-level group. It reads the nvpairs of every meta_attributes written inside the
    primitive without evaluating rules (2.1.5 creates the guest even when the set's rule can
    never match), so a rule-bound set still creates the node. ``GuestNode.creates_node`` gives
    the same answer for primitives that carry remote-node; this works for any primitive.
    """
    parent = cib.parent(primitive)
    if parent is None:
        return True
    return parent.kind == "group" and parent.parent is None


def created_guests(cib: Cib) -> Iterator[GuestNode]:
    """The guests Pacemaker really creates, in document order."""
    return (g for g in cib.guest_nodes if g.creates_node)


def direct_connections(cib: Cib) -> Iterator[RemoteConnection]:
    """ocf:pacemaker:remote primitives written with the agent on the primitive itself.

    A connection that takes its agent from a <template> is broken in its own way (PCS123), so
    the placement rules leave it to that rule instead of piling findings on one resource.
    """
    return (c for c in cib.remote_connections if not c.via_template)


def listed_names(names: Iterable[str], total: int, limit: int = 20) -> str:
    """'a, b, c' for messages; past ``limit`` names, the first ones and 'and N more' (a bundle
    alone may have INT_MAX replica nodes)."""
    shown = list(names)[:limit]
    more = f", and {total - len(shown)} more" if total > len(shown) else ""
    return ", ".join(shown) + more


def element_label(element: Any) -> str:
    """'<primitive> on line 12' for messages that point at another element."""
    return f"<{element.tag}> on line {element.sourceline}"


def describe_guest(name: str, resource_id: str) -> str:
    """"guest node 'g1' (resource 'vm1')": a guest as settings findings name it."""
    return f"guest node {name!r} (resource {resource_id!r})"


def guest_name_label(guest: GuestNode) -> str:
    """"guest node name 'g1' (remote-node of 'vm1')": the start of findings about a guest's name."""
    return f"guest node name {guest.name!r} (remote-node of {guest.resource.id!r})"


def invalid_setting(name: str, value: str | None, owner: str, expected: str, effect: str, *,
                    element: Any, object_id: str | None, hint: str | None = None,
                    fix: Fix | None = None) -> Problem:
    """The finding for a remote setting whose value Pacemaker cannot use as written, worded
    alike for every such setting: 'NAME="VALUE" of OWNER is not EXPECTED: EFFECT'."""
    return Problem(
        f'{name}="{value or ""}" of {owner} is not {expected}: {effect}',
        element=element,
        object_id=object_id,
        hint=hint,
        fix=fix,
    )
