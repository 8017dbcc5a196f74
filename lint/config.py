"""Configuration: ``.pcs-lint.toml`` or ``[tool.pcs-lint]`` in ``pyproject.toml``.

Found from the current directory upward; the nearest file wins, and in one directory
``.pcs-lint.toml`` wins over ``pyproject.toml``. Paths inside are relative to the file.
The file is validated against ``schemas/config.schema.json``; any problem is a ConfigError whose
message names the file and the key.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

DEDICATED_FILE = ".pcs-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_KEY = "pcs-lint"


class ConfigError(Exception):
    """A configuration problem; its message is one line meant for the user."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    schema_dir: str | None = None
    sysconfig: Mapping[str, str] = field(default_factory=dict)
    authkey: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    baseline: str | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    suppress: tuple[Mapping[str, str], ...] = ()
    rule_timeout: float | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def load_schema(name: str) -> dict[str, Any]:
    return json.loads(resources.files("pcs_lint.schemas").joinpath(name).read_text(encoding="utf-8"))


def discover(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: the current directory) upward."""
    directory = (start or Path.cwd()).resolve()
    for candidate_dir in (directory, *directory.parents):
        dedicated = candidate_dir / DEDICATED_FILE
        if dedicated.is_file():
            return dedicated
        pyproject = candidate_dir / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return TOOL_KEY in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # a broken unrelated pyproject.toml is not ours to judge


def load(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:  # has no strerror
        raise ConfigError(f"cannot read config file {path}: not UTF-8 ({error.reason} at byte {error.start})") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML in config file {path}: {error}") from None
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get(TOOL_KEY, {})
        prefix = f"tool.{TOOL_KEY}"
    else:
        table, prefix = document, ""
    validate_table(table, load_schema("config.schema.json"), path, prefix)
    if table.get("rule-timeout") != table.get("rule-timeout"):  # nan passes the schema's minimum
        raise ConfigError(f"invalid config {path}: {prefix + '.' if prefix else ''}rule-timeout: nan is not a number of seconds")
    base = path.parent

    def relative(value: str) -> str:
        return str((base / value).resolve()) if value else value

    return Config(
        path=path,
        select=tuple(table["select"]) if "select" in table else None,
        ignore=tuple(table.get("ignore", ())),
        fail_on=table.get("fail-on"),
        schema_dir=relative(table["schema-dir"]) if "schema-dir" in table else None,
        sysconfig={node: relative(p) for node, p in table.get("sysconfig", {}).items()},
        authkey={node: relative(p) for node, p in table.get("authkey", {}).items()},
        exclude=tuple(table.get("exclude", ())),
        files=tuple(relative(f) for f in table.get("files", ())),
        baseline=relative(table["baseline"]) if "baseline" in table else None,
        rules=dict(table.get("rules", {})),
        suppress=tuple(table.get("suppress", ())),
        rule_timeout=table.get("rule-timeout"),
    )


def validate_table(table: Any, schema: Mapping[str, Any], path: Path | str, prefix: str = "") -> None:
    """Validate with jsonschema; raise ConfigError naming the first offending key."""
    import jsonschema  # imported only when there is a config to check: it is slow to import

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(table), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        error = jsonschema.exceptions.best_match(errors) or errors[0]
        keys = [prefix] if prefix else []
        keys.extend(str(part) for part in error.absolute_path)
        where = ".".join(keys) or "(top level)"
        raise ConfigError(f"invalid config {path}: {where}: {_friendly(error)}")


def _friendly(error: Any) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown key {', '.join(map(repr, extra))}" if extra else error.message
    return error.message


def load_config(explicit: Path | None = None, *, isolated: bool = False) -> Config:
    if isolated:
        return Config()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return load(explicit)
    found = discover()
    return load(found) if found else Config()
