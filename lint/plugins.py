"""Plugin discovery: built-in rules and third-party packages go through the same pluggy hook.

Failures are isolated per plugin: a plugin that cannot be imported, or whose hook raises (any
exception, SystemExit included; only the user's Ctrl-C stops the run) or returns something that
is not a list of valid rules, becomes a load error (finding PCS000 naming it) and every other
plugin's rules still run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pluggy

from pcs_lint import hookspecs, rule_codes
from pcs_lint.findings import Severity
from pcs_lint.guard import DEFAULT_RULE_TIMEOUT, BudgetExceeded, TimeBudget, is_user_interrupt
from pcs_lint.rule import CODE_PATTERN, NAME_PATTERN, SCOPES, Rule

if TYPE_CHECKING:
    from importlib import metadata

ENTRY_POINT_GROUP = "pcs_lint"
DISABLE_AUTOLOAD_ENV = "PCS_LINT_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN = "builtin"


@dataclass(frozen=True)
class PluginInfo:
    """A loaded plugin, for ``pcs-lint --version``."""

    name: str
    version: str | None
    rule_count: int


@dataclass(frozen=True)
class LoadError:
    """A plugin that could not be loaded, or gave something other than valid rules."""

    plugin: str
    message: str


@dataclass(frozen=True)
class RuleRegistry:
    """Every rule of the run, built-in and from plugins, by code order, with the plugins' load errors."""

    rules: tuple[Rule, ...]
    plugins: tuple[PluginInfo, ...]
    errors: tuple[LoadError, ...]

    def by_code(self) -> dict[str, Rule]:
        return {rule.code: rule for rule in self.rules}

    def find(self, code_or_name: str) -> Rule | None:
        return rule_codes.find(self.rules, code_or_name)


def make_plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def load_registry(*, autoload: bool | None = None, extra_plugins: tuple[Any, ...] = (),
                  timeout: float | None = DEFAULT_RULE_TIMEOUT) -> RuleRegistry:
    """Register the built-in plugin, entry-point plugins and ``extra_plugins``; collect rules.

    Importing a plugin and calling its hook each get ``timeout`` seconds (the rules' budget): a
    plugin that hangs there is a load error like any other."""
    if autoload is None:
        autoload = not os.environ.get(DISABLE_AUTOLOAD_ENV)
    manager = make_plugin_manager()
    errors: list[LoadError] = []
    versions: dict[str, str | None] = {}

    try:
        from pcs_lint import rules as builtin_rules

        manager.register(builtin_rules, name=BUILTIN)
    except Exception as error:  # the built-in package itself failed: report, keep plugins
        errors.append(LoadError(BUILTIN, _describe(error)))

    if autoload:
        for entry_point in _entry_points():
            name = entry_point.name
            if manager.has_plugin(name) or manager.is_blocked(name):
                continue
            try:
                manager.register(_within(timeout, entry_point.load), name=name)
            except BaseException as error:  # SystemExit at import too; only the user's Ctrl-C stops us
                if is_user_interrupt(error):
                    raise
                why = _describe(error, timeout)
                errors.append(LoadError(name, f"cannot load entry point {entry_point.value}: {why}"))
                continue
            versions[name] = entry_point.dist.version if entry_point.dist else None

    for plugin in extra_plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        try:
            manager.register(plugin, name=name)
        except Exception as error:
            errors.append(LoadError(name, _describe(error)))

    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        errors.append(LoadError(str(getattr(error, "plugin", "?")), str(error)))

    rules: list[Rule] = []
    infos: list[PluginInfo] = []
    seen: dict[str, str] = {}
    # Registration order (built-ins first, then entry points by name, then extra plugins): the
    # first to register a code or name keeps it, so a plugin can never displace a built-in rule.
    # (sorted, not trusted: pluggy lists a plugin's trylast=True hook before the built-ins').
    impls = sorted(manager.hook.pcs_lint_rules.get_hookimpls(), key=lambda impl: impl.plugin_name != BUILTIN)
    for impl in impls:
        plugin_name = impl.plugin_name
        try:
            # The built-in hook imports every rule module: not a plugin's time to judge.
            provided = _within(None if plugin_name == BUILTIN else timeout, lambda hook=impl.function: list(hook()))
        except BaseException as error:
            if is_user_interrupt(error):
                raise
            verb = "" if isinstance(error, BudgetExceeded) else "raised "
            errors.append(LoadError(plugin_name, f"pcs_lint_rules() {verb}{_describe(error, timeout)}"))
            continue
        count = 0
        for rule in provided:
            problem = _invalid(rule, seen)
            if problem:
                errors.append(LoadError(plugin_name, problem))
                continue
            rule = replace(rule, plugin=plugin_name)
            seen[rule.code] = seen[rule.name] = plugin_name
            rules.append(rule)
            count += 1
        infos.append(PluginInfo(plugin_name, versions.get(plugin_name), count))
    rules.sort(key=lambda r: r.code)
    return RuleRegistry(tuple(rules), tuple(infos), tuple(errors))


def _invalid(rule: Any, seen: dict[str, str]) -> str | None:
    if not isinstance(rule, Rule):
        return f"returned {type(rule).__name__!s}, not a pcs_lint.rule.Rule"
    # Rule is a dataclass: nothing checked the types of its fields when the plugin made it.
    for name, kind in (("code", str), ("name", str), ("summary", str), ("doc", str), ("severity", Severity)):
        value = getattr(rule, name)
        if not isinstance(value, kind):
            return f"rule {name} {_short(value)} is {type(value).__name__}, not {kind.__name__}"
    if rule.check is not None and not callable(rule.check):
        return f"rule {rule.code} has a check that is not callable ({type(rule.check).__name__})"
    if rule.scope not in SCOPES:
        return f"rule {rule.code} has scope {_short(rule.scope)}, not one of {', '.join(SCOPES)}"
    if rule.options_schema is not None and not isinstance(rule.options_schema, Mapping):
        return f"rule {rule.code} has an options_schema that is not a mapping"
    if not CODE_PATTERN.match(rule.code):
        return f"rule code {rule.code!r} is not letters followed by three digits (like PCS201)"
    if not NAME_PATTERN.match(rule.name):
        return f"rule name {rule.name!r} of {rule.code} is not kebab-case"
    for key in (rule.code, rule.name):
        if key in seen:
            return f"rule {rule.code} ({rule.name}) clashes with {key!r} already registered by {seen[key]}"
    return None


def _entry_points() -> list[metadata.EntryPoint]:
    from pcs_lint.entry_points import may_declare

    if not may_declare(ENTRY_POINT_GROUP):  # importlib.metadata is costly to import: see there
        return []
    from importlib import metadata

    return sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _within(seconds: float | None, call: Any) -> Any:
    """``call()``, stopped with BudgetExceeded after ``seconds``."""
    with TimeBudget(seconds, shielded=(__file__,)) as budget:
        budget.start()
        try:
            return call()
        finally:
            if budget.stop():
                raise BudgetExceeded


def _describe(error: BaseException, timeout: float | None = None) -> str:
    if isinstance(error, BudgetExceeded):
        return f"did not finish within {timeout:g} s and was stopped (the budget is --rule-timeout)"
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
