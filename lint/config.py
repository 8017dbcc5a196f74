"""Configuration: ``.pcs-lint.toml`` or ``[tool.pcs-lint]`` in ``pyproject.toml``.

Found from the current directory upward; the nearest file wins, and in one directory
``.pcs-lint.toml`` wins over ``pyproject.toml``. Paths inside are relative to the file.
The file is validated against ``schemas/config.schema.json``; any problem is a ConfigError whose
message names the file and the key.

A config file found by searching is used only when it belongs to the user running pcs-lint or to
root, for the reason git has ``safe.directory``: a parent directory someone else controls (a
shared checkout, /tmp) must not be able to switch rules off. Such a file is ignored with a
warning; naming it with ``--config`` uses it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pcs_lint import package_data
from pcs_lint.inputs import InputError, read_regular

DEDICATED_FILE = ".pcs-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_KEY = "pcs-lint"
ALL_NODES = ""  # the node key of a file that is every node's copy (--corosync PATH)


class ConfigError(Exception):
    """A configuration problem; its message is one line meant for the user."""


@dataclass(frozen=True)
class Config:
    """The settings of a config file (.pcs-lint.toml or pyproject.toml), or the defaults."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    schema_dir: str | None = None
    sysconfig: Mapping[str, str] = field(default_factory=dict)
    authkey: Mapping[str, str] = field(default_factory=dict)
    # corosync.conf copies: node name -> path; the key "" is one copy for every node.
    corosync: Mapping[str, str] = field(default_factory=dict)
    sbd: Mapping[str, str] = field(default_factory=dict)  # node -> its SBD file
    sbd_dump: Mapping[str, str] = field(default_factory=dict)  # device -> the text of sbd dump
    exclude: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    baseline: str | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    suppress: tuple[Mapping[str, str], ...] = ()
    warnings: tuple[str, ...] = ()  # config files found and not used, and why
    rule_timeout: float | None = None
    pacemaker_version: str | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def load_schema(name: str) -> dict[str, Any]:
    return json.loads(package_data.read_text("pcs_lint.schemas", name))


def discover(start: Path | None = None, ignored: list[str] | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: the current directory) upward.

    Files owned by another user are passed over; why is appended to ``ignored``.
    """
    directory = (start or Path.cwd()).resolve()
    for candidate_dir in (directory, *directory.parents):
        for candidate in (candidate_dir / DEDICATED_FILE, candidate_dir / PYPROJECT):
            if not candidate.is_file():
                continue
            try:
                text, owner = _read(candidate)
            except ConfigError as error:
                if candidate.name == PYPROJECT:
                    continue  # a broken unrelated pyproject.toml is not ours to judge
                raise error
            if candidate.name == PYPROJECT and not _has_tool_table(text):
                continue
            if not trusted_owner(owner):
                if ignored is not None:
                    ignored.append(_untrusted(candidate, owner))
                continue
            return candidate
    return None


def trusted_owner(uid: int) -> bool:
    """Whether a config file owned by ``uid`` may be used without being named."""
    return uid in (0, os.geteuid())


def _untrusted(path: Path, owner: int) -> str:
    return f"ignoring config file {path}: owned by uid {owner}, neither you nor root (name it with --config to use it)"


def _has_tool_table(text: str) -> bool:
    try:
        return isinstance(_tool_table(_parse(text, Path(PYPROJECT))), dict)
    except ConfigError:
        return False


def _tool_table(document: dict[str, Any]) -> Any:
    """``[tool.pcs-lint]``, or None when the file has none (``tool`` may be anything at all)."""
    tool = document.get("tool")
    return tool.get(TOOL_KEY) if isinstance(tool, dict) else None


def _read(path: Path) -> tuple[str, int]:
    """The text of a config file and the owner of the file that was read."""
    try:
        data, status = read_regular(str(path))
    except InputError as error:
        raise ConfigError(f"cannot read config file {error}") from None
    try:
        return data.decode("utf-8"), status.st_uid
    except UnicodeDecodeError as error:
        raise ConfigError(f"cannot read config file {path}: not UTF-8 ({error.reason} at byte {error.start})") from None


def _parse(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # here: a run without a config file (or --isolated) does not pay its import

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML in config file {path}: {error}") from None
    except RecursionError:
        raise ConfigError(f"invalid TOML in config file {path}: nested too deeply") from None


def load(path: Path, *, searched: bool = False) -> Config:
    """The config in ``path``; ``searched``: found by searching, so used only if trusted."""
    text, owner = _read(path)
    if searched and not trusted_owner(owner):  # checked again on what was read: it may have changed
        return Config(warnings=(_untrusted(path, owner),))
    document = _parse(text, path)
    if path.name == PYPROJECT:
        table = _tool_table(document)
        table = {} if table is None else table
        prefix = f"tool.{TOOL_KEY}"
    else:
        table, prefix = document, ""
    validate_table(table, load_schema("config.schema.json"), path, prefix)
    if table.get("rule-timeout") != table.get("rule-timeout"):  # nan passes the schema's minimum
        raise ConfigError(
            f"invalid config {path}: {prefix + '.' if prefix else ''}rule-timeout: nan is not a number of seconds")
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
        corosync=_corosync_paths(table.get("corosync"), relative),
        sbd={node: relative(p) for node, p in table.get("sbd", {}).items()},
        sbd_dump={device: relative(p) for device, p in table.get("sbd-dump", {}).items()},
        exclude=tuple(table.get("exclude", ())),
        files=tuple(relative(f) for f in table.get("files", ())),
        baseline=relative(table["baseline"]) if "baseline" in table else None,
        rules=dict(table.get("rules", {})),
        suppress=tuple(table.get("suppress", ())),
        rule_timeout=table.get("rule-timeout"),
        pacemaker_version=table.get("pacemaker-version"),
    )


def _corosync_paths(value: Any, relative: Any) -> dict[str, str]:
    """``corosync = "PATH"`` (every node's copy, keyed "") or a ``[corosync]`` table NODE = PATH."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {ALL_NODES: relative(value)}
    return {node: relative(path) for node, path in value.items()}


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
        if not os.path.lexists(explicit):
            raise ConfigError(f"config file not found: {explicit}")
        return load(explicit)  # anything but a regular file is refused by the reader
    ignored: list[str] = []
    found = discover(ignored=ignored)
    config = load(found, searched=True) if found else Config()
    return replace(config, warnings=(*ignored, *config.warnings))
