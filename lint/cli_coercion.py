"""typer's parameter coercion, without importing pydantic for values that are already right.

typer 0.29 coerces every parameter value that is not a boolean flag through a pydantic
``TypeAdapter``, and builds the adapter (importing pydantic: ~65 ms of CPU, a quarter of a small
run's start-up; issue 14) even for an option left at its default. Most of pcs-lint's values
need no coercion at all: text options and arguments arrive from argv as ``str`` and typer's
adapter returns them unchanged, and a default is already of its parameter's type. So each
parameter's coercion first checks for a value typer would return as it is, and hands anything
else (a number given as text, a value out of range, ...) to typer's own coercion, unchanged.
``tests/test_cli_coercion.py`` compares both on every parameter of every command.

This uses typer's private per-parameter hook (``_runtime_param``); with a typer that has no such
hook nothing here is installed, and typer coerces every value itself, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer.core import _TyperParameter
except ImportError:  # another typer: it coerces everything itself
    RuntimeParam = None

# Types whose values typer returns unchanged when they already have the type (not a subclass:
# bool is an int, and typer would turn it into one).
_PLAIN_TYPES = (str, int, float)


def unchanged(descriptor: Any, value: Any) -> bool:
    """Whether typer's coercion would return ``value`` as it is (a list as a list of the same
    items) for a parameter of this type: no conversion, no constraint that could fail."""
    info = descriptor.parameter_info
    if info.parser is not None:
        return False
    if descriptor.is_list:
        return (get_args(descriptor.annotation) == (str,) and isinstance(value, (list, tuple))
                and all(type(item) is str for item in value))
    annotation = descriptor.annotation
    if annotation not in _PLAIN_TYPES or type(value) is not annotation:
        return False
    if annotation is str:
        return True
    if info.clamp:
        return False
    return (info.min is None or value >= info.min) and (info.max is None or value <= info.max)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainFirst(RuntimeParam):
        """A parameter's coercion: its value as it is when typer would not change it, else typer's."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if unchanged(self.descriptor, value):
                return list(value) if self.descriptor.is_list else value
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def install(param: Any) -> None:
    """Give one parameter the coercion above, unless typer has no hook for it or it has one."""
    if RuntimeParam is None or not isinstance(param, _TyperParameter):
        return
    if getattr(param, "_runtime_param", False) is None:  # typer builds its own on first use
        descriptor = param.type_descriptor
        param._runtime_param = _PlainFirst(parameter_info=descriptor.parameter_info,
                                           annotation=descriptor.annotation, descriptor=descriptor)


class PlainFirstCoercion:
    """Mixin for typer's command and group classes: their parameters (the help option included,
    which typer makes per context) get the coercion above before any value is processed."""

    def get_params(self, ctx: Any) -> list:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            install(param)
        return params
