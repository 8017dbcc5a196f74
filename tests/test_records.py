"""lint/records.py: a record filled at once is the same frozen dataclass as the generated one."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from typing import Any

import pytest

from pcs_lint import model
from pcs_lint.records import filled_at_once

# The index's records made in bulk (one per nvpair, resource, constraint reference...).
FILLED = [model.NvPair, model.AttributeSet, model.Agent, model.Resource, model.Node, model.ResourceRef,
          model.ResourceSet, model.Constraint]


def plain_twin(cls: type) -> type:
    """The same fields as an ordinary frozen dataclass, with the generated __init__."""
    return dataclass(frozen=True)(type(cls.__name__, (), {
        "__annotations__": {f.name: Any for f in dataclasses.fields(cls)},
        **{f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING},
    }))


def parameters(cls: type) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(cls).parameters.values()]


@pytest.mark.parametrize("cls", FILLED, ids=lambda cls: cls.__name__)
def test_the_index_records_made_in_bulk_are_filled_at_once(cls):
    assert cls.__init__.__globals__.get("_fill") is object.__setattr__


@pytest.mark.parametrize("cls", FILLED, ids=lambda cls: cls.__name__)
def test_a_filled_record_behaves_as_the_generated_one(cls):
    twin = plain_twin(cls)
    assert parameters(cls) == parameters(twin)
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    values = {name: f"value of {name}" for name in required}
    record, expected = cls(**values), twin(**values)
    assert dataclasses.asdict(record) == dataclasses.asdict(expected)  # defaults filled in too
    assert cls(*values.values()) == record and hash(cls(*values.values())) == hash(record)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, required[0], "changed")
    changed = dataclasses.replace(record, **{required[0]: "changed"})
    assert getattr(changed, required[0]) == "changed" and getattr(record, required[0]) == f"value of {required[0]}"
    with pytest.raises(TypeError):
        cls(*values.values(), *range(len(dataclasses.fields(cls)) - len(required) + 1))


def test_only_plain_fields_can_be_filled_at_once():
    with pytest.raises(TypeError, match="only plain fields"):
        filled_at_once(dataclass(frozen=True)(
            type("Factory", (), {"__annotations__": {"a": "list"}, "a": field(default_factory=list)})))
    with pytest.raises(TypeError, match="__post_init__"):
        filled_at_once(dataclass(frozen=True)(
            type("Post", (), {"__annotations__": {"a": "int"}, "__post_init__": lambda self: None})))
