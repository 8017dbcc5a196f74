"""Frozen records that are cheap to make in bulk (the CIB index makes tens of thousands)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, TypeVar

Record = TypeVar("Record")


def filled_at_once(cls: type[Record]) -> type[Record]:
    """Give a frozen dataclass an ``__init__`` that fills the instance's dict in one step.

    The ``__init__`` dataclasses generates for a frozen class sets each field through
    ``object.__setattr__``, about 0.1 µs a field; the index makes a record per nvpair, per
    resource and per constraint reference (tens of thousands in a large CIB): one step instead
    took about 8 of 125 ms off building the index of a 4.8 MB CIB. The signature, defaults,
    frozenness, equality and ``replace()`` are the dataclass's own; only classes whose fields
    are all plain init fields are accepted.
    """
    params, items, defaults = [], [], {}
    for each in fields(cls):
        if not each.init or each.default_factory is not MISSING or each.kw_only:
            raise TypeError(f"{cls.__name__}.{each.name}: only plain fields can be filled at once")
        if each.default is MISSING:
            params.append(each.name)
        else:
            defaults[each.name] = each.default
            params.append(f"{each.name}=_defaults[{each.name!r}]")
        items.append(f"{each.name!r}: {each.name}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: __post_init__ is not called when filled at once")
    namespace: dict[str, Any] = {"_defaults": defaults, "_fill": object.__setattr__}
    # The same technique as dataclasses' own generated __init__: source built from the fields.
    exec(f"def __init__(self, {', '.join(params)}):\n    _fill(self, '__dict__', {{{', '.join(items)}}})", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls
