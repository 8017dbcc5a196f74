"""Turn configuration and command-line options into a RunPlan (validated, ready to run)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pcs_lint.config import ALL_NODES, Config, ConfigError, validate_table
from pcs_lint.engine import RunPlan
from pcs_lint.findings import Severity
from pcs_lint.guard import DEFAULT_RULE_TIMEOUT
from pcs_lint.inputs import (
    InputError,
    display_path,
    load_authkeys,
    load_corosync,
    load_env_files,
    load_sbd_dumps,
    load_sbd_files,
)
from pcs_lint.plugins import RuleRegistry
from pcs_lint.release import CONFIG, OPTION, ReleaseSetting, chosen
from pcs_lint.rule import Settings
from pcs_lint.selection import SelectorError, check_selectors, select_rules

SCHEMA_DIR_ENV = "PCMK_schema_directory"


class UsageError(Exception):
    """Bad options, configuration or auxiliary files: a one-line error and exit code 2."""


@dataclass(frozen=True)
class CliOptions:
    """What the command line said; None means "not given, use the config file"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    sysconfig: tuple[str, ...] = ()
    authkey: tuple[str, ...] = ()
    corosync: tuple[str, ...] = ()  # --corosync PATH or NODE=PATH
    sbd: tuple[str, ...] = ()
    sbd_dump: tuple[str, ...] = ()
    schema_dir: str | None = None
    debug: bool = False
    rule_timeout: float | None = None
    pacemaker_version: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def split_list(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """Accept both repeated options and comma-separated lists: --select PCS1,PCS201."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def parse_node_paths(values: Iterable[str], option: str, key: str = "NODE") -> dict[str, str]:
    mapping: dict[str, str] = {}
    for value in values:
        node, sep, path = value.partition("=")
        if not sep or not node.strip() or not path.strip():
            raise UsageError(f"{option} expects {key}=PATH, got {value!r}")
        mapping[node.strip()] = path.strip()
    return mapping


def parse_corosync_paths(values: Iterable[str]) -> dict[str, str]:
    """``--corosync PATH`` (every node's copy) or ``--corosync NODE=PATH``: a value is NODE=PATH
    when it has '=' and no '/' before it (a path may hold '=': ./a=b.conf is a path)."""
    mapping: dict[str, str] = {}
    for value in values:
        node, sep, path = value.partition("=")
        if sep and "/" not in node:
            mapping.update(parse_node_paths([value], "--corosync"))
        elif value.strip():
            mapping[ALL_NODES] = value
        else:
            raise UsageError("--corosync expects PATH or NODE=PATH, got an empty value")
    return mapping


def fail_on_severity(config: Config, cli: CliOptions) -> Severity:
    text = cli.fail_on or config.fail_on or "warning"
    try:
        return Severity.parse(text)
    except ValueError as error:
        raise UsageError(f"--fail-on: {error}") from None


def build_plan(registry: RuleRegistry, config: Config, cli: CliOptions) -> RunPlan:
    rules = registry.rules
    select = cli.select if cli.select is not None else config.select
    try:
        if config.select is not None:
            check_selectors(config.select, rules, f"config {config.path}: select", selecting=True)
        check_selectors(config.ignore, rules, f"config {config.path}: ignore")
        if cli.select is not None:
            check_selectors(cli.select, rules, "--select", selecting=True)
        check_selectors(cli.ignore, rules, "--ignore")
    except SelectorError as error:
        raise UsageError(str(error)) from None
    selected = select_rules(rules, select, (*config.ignore, *cli.ignore))
    severities, options = _rule_settings(registry, config)
    # Every selected rule gets its options once here, not once per file.
    options = {rule.code: options.get(rule.code) or rule.default_options() for rule in selected}

    sysconfig = {**config.sysconfig, **parse_node_paths(cli.sysconfig, "--sysconfig")}
    authkey = {**config.authkey, **parse_node_paths(cli.authkey, "--authkey")}
    node_arguments = {
        **{node: f"config {config.path}: [{table}] {node}" for table, given in
           (("sysconfig", config.sysconfig), ("authkey", config.authkey), ("sbd", config.sbd),
            ("corosync", config.corosync)) for node in given if node != ALL_NODES},
        **{node: f"{option} {node}={path}"
           for option, values in (("--sysconfig", cli.sysconfig), ("--authkey", cli.authkey), ("--sbd", cli.sbd))
           for node, path in parse_node_paths(values, option).items()},
        **{node: f"--corosync {node}={path}"
           for node, path in parse_corosync_paths(cli.corosync).items() if node != ALL_NODES},
    }
    try:
        env_files = load_env_files(sysconfig)
        authkeys = load_authkeys(authkey)
    except InputError as error:
        raise UsageError(f"environment or key file {error}") from None
    try:
        corosync = load_corosync({**config.corosync, **parse_corosync_paths(cli.corosync)})
    except InputError as error:
        raise UsageError(f"corosync.conf {error}") from None
    sbd = {**config.sbd, **parse_node_paths(cli.sbd, "--sbd")}
    sbd_dump = {**config.sbd_dump, **parse_node_paths(cli.sbd_dump, "--sbd-dump", "DEVICE")}
    try:
        sbd_files = load_sbd_files(sbd)
        sbd_dumps = load_sbd_dumps(sbd_dump)
    except InputError as error:
        raise UsageError(f"SBD file or dump {error}") from None

    schema_dir = cli.schema_dir or config.schema_dir or os.environ.get(SCHEMA_DIR_ENV) or None
    release = release_setting(config, cli)
    return RunPlan(
        registry=registry,
        rules=selected,
        severities=severities,
        options=options,
        env_files=env_files,
        authkeys=authkeys,
        corosync=corosync,
        sbd_files=sbd_files,
        sbd_dumps=sbd_dumps,
        settings=Settings(schema_dir=schema_dir),
        debug=cli.debug,
        suppress=config.suppress,
        config_path=display_path(str(config.path)) if config.path else None,
        rule_timeout=cli.rule_timeout or config.rule_timeout or DEFAULT_RULE_TIMEOUT,
        release=release,
        node_arguments=node_arguments,
    )


def release_setting(config: Config, cli: CliOptions) -> ReleaseSetting:
    """The target release the run chose (--pacemaker-version wins over the config), checked once."""
    if cli.pacemaker_version is not None:
        version, source, where = cli.pacemaker_version, OPTION, "--pacemaker-version"
    elif config.pacemaker_version is not None:
        version, source, where = config.pacemaker_version, CONFIG, f"config {config.path}: pacemaker-version"
    else:
        return ReleaseSetting()
    try:
        chosen(version, source)
    except ValueError as error:
        raise UsageError(f"{where}: {error}") from None
    return ReleaseSetting(version.strip(), source)


def _rule_settings(registry: RuleRegistry, config: Config) -> tuple[dict[str, Severity], dict[str, dict]]:
    severities: dict[str, Severity] = {}
    options: dict[str, dict] = {}
    for key, table in config.rules.items():
        rule = registry.find(key)
        if rule is None:
            raise UsageError(f"config {config.path}: rules.{key}: no rule has this code or name")
        table = dict(table)
        if "severity" in table:
            severities[rule.code] = Severity.parse(table.pop("severity"))
        if table:
            schema = rule.options_schema or {"type": "object", "additionalProperties": False}
            try:
                validate_table(table, schema, config.path or "config", f"rules.{key}")
            except ConfigError as error:
                raise UsageError(str(error)) from None
        options[rule.code] = {**rule.default_options(), **table}
    return severities, options
