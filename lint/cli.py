"""Command line: ``pcs-lint [OPTIONS] PATH...``, ``pcs-lint rules``, ``pcs-lint explain CODE``.

Thin on purpose: parse options, build the plan, run, render, exit. Exit codes: 0 no finding at or
above --fail-on; 1 such findings; 2 usage or config error, unreadable file, internal error.
"""

# No "from __future__ import annotations" here: typer reads the commands' annotations at every
# run, and evaluating them from strings cost ~7 ms of CPU per start-up (issue 14).
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from pcs_lint import __version__
from pcs_lint.cli_coercion import PlainFirstCoercion

EXIT_USAGE = 2


class _DefaultToCheck(PlainFirstCoercion, TyperGroup):
    """``pcs-lint FILE`` means ``pcs-lint check FILE``: the check is the default command."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            if args:
                _refuse_misspelt_command(args[0], self.list_commands(ctx))
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx) -> list[str]:
        return ["check", "rules", "explain", "graph"]


class _Command(PlainFirstCoercion, TyperCommand):
    """A subcommand whose plain values skip typer's pydantic coercion (lint/cli_coercion.py)."""


def _refuse_misspelt_command(word: str, commands: list[str]) -> None:
    """``pcs-lint chek cib.xml``: a first argument that is no path but close to a command name is
    a typo, not a file to report missing."""
    if word.startswith("-") or not word.isidentifier() or os.path.lexists(word):  # a file name has a dot or a slash
        return
    from pcs_lint.rules._suggest import suggest_name

    close = suggest_name(word, frozenset(commands))
    if close:
        _usage(f"{word!r} is neither a command nor a file: did you mean '{close}'?")


app = typer.Typer(
    cls=_DefaultToCheck,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint Pacemaker cluster configuration: the CIB XML, corosync.conf, and each node's "
    "environment and SBD files.\n\n"
    "'pcs-lint FILE...' is short for 'pcs-lint check FILE...'; "
    "'pcs-lint check --help' lists the lint options (formats, rule selection, environment files, "
    "baselines, suppressions).",
)


def _version_callback(value: bool) -> None:
    if not value:
        return
    from pcs_lint.plugins import load_registry

    registry = load_registry()
    lines = [f"pcs-lint {__version__}"]
    for plugin in registry.plugins:
        version = f" {plugin.version}" if plugin.version else ""
        lines.append(f"  plugin {plugin.name}{version}: {plugin.rule_count} rules")
    for error in registry.errors:
        lines.append(f"  plugin {error.plugin}: failed to load ({error.message})")
    _write_stdout("\n".join(lines) + "\n", 0)


def _color_wanted(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


@app.command("check", cls=_Command)
def check(
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATH", help="CIB XML files or directories, corosync.conf files (recognised by content), or report bundles: sosreports and crm_reports, as directories or tarballs (recognised by layout); - reads stdin.", show_default=False)] = None,
    sysconfig: Annotated[list[str], typer.Option("--sysconfig", metavar="NODE=PATH", help="A node's environment file (/etc/sysconfig/pacemaker, /etc/default/pacemaker). Repeatable.")] = [],  # noqa: B006
    corosync: Annotated[list[str], typer.Option("--corosync", metavar="[NODE=]PATH", help="corosync.conf: PATH is every node's copy, NODE=PATH one node's. Repeatable.")] = [],  # noqa: B006
    authkey: Annotated[list[str], typer.Option("--authkey", metavar="NODE=PATH", help="A copy of a node's Pacemaker authkey, compared by digest. Repeatable.")] = [],  # noqa: B006
    sbd: Annotated[list[str], typer.Option("--sbd", metavar="NODE=PATH", help="A node's SBD file (/etc/sysconfig/sbd, /etc/default/sbd). Repeatable.")] = [],  # noqa: B006
    sbd_dump: Annotated[list[str], typer.Option("--sbd-dump", metavar="DEVICE=PATH", help="The text of 'sbd -d DEVICE dump' (the timeouts on the disk). Repeatable.")] = [],  # noqa: B006
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output format: text, concise (one short line per finding), json, sarif, junit, github, gitlab.")] = "text",
    output_file: Annotated[Path | None, typer.Option("--output-file", "-o", metavar="FILE", help="Write the report to this file instead of stdout.")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", metavar="RULES", help="Only these rules: codes, code prefixes or names, comma-separated or repeated.")] = None,
    ignore: Annotated[list[str], typer.Option("--ignore", metavar="RULES", help="Skip these rules (codes, prefixes or names).")] = [],  # noqa: B006
    fail_on: Annotated[str | None, typer.Option("--fail-on", metavar="SEVERITY", help="Exit 1 on findings at or above: error, warning (default), info.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even with findings (errors reading input still exit 2).")] = False,
    config: Annotated[Path | None, typer.Option("--config", metavar="FILE", help="Config file to use instead of searching for .pcs-lint.toml / pyproject.toml.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
    schema_dir: Annotated[str | None, typer.Option("--schema-dir", metavar="DIR", help="Directory of Pacemaker's RELAX NG schemas (default: $PCMK_schema_directory, /usr/share/pacemaker).")] = None,
    pacemaker_version: Annotated[str | None, typer.Option("--pacemaker-version", metavar="X.Y[.Z]", help="The Pacemaker release the cluster runs (default: the config's pacemaker-version, else each CIB's dc-version, else the oldest release that can have written it).")] = None,
    exclude: Annotated[list[str], typer.Option("--exclude", metavar="GLOB", help="Skip files and directories matching this glob when searching directories. Repeatable; adds to the config's exclude.")] = [],  # noqa: B006
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="Apply --exclude to files named on the command line too (for pre-commit).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=0, help="Lint files in N parallel processes (0: one per CPU). Output is identical to a serial run.")] = 1,
    baseline: Annotated[Path | None, typer.Option("--baseline", metavar="FILE", help="Report and fail only on findings not recorded in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", metavar="FILE", help="Record the current findings in this baseline file and exit 0.")] = None,
    stdin_filename: Annotated[str | None, typer.Option("--stdin-filename", metavar="NAME", help="Name to report for input read from stdin.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Text and concise formats: print the count of findings per rule instead of the findings.")] = False,
    show_source: Annotated[bool, typer.Option("--show-source", help="Text format: show the offending line of the file under each finding.")] = False,
    color: Annotated[str, typer.Option("--color", metavar="WHEN", help="Colour text output: auto (default; a terminal without NO_COLOR), always, never.")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Text and concise formats: no summary line.")] = False,
    rule_timeout: Annotated[float | None, typer.Option("--rule-timeout", metavar="SECONDS", min=0.001, help="Stop a rule that takes longer than this on one file and report it as PCS000 (default 10; config: rule-timeout).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Text format: after the summary, the Pacemaker release each file was judged for and where it came from (option, config, dc-version or inferred).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and the loaded plugins.")] = False,
) -> None:
    """Lint cluster configuration files (the default command)."""
    from dataclasses import replace

    from pcs_lint import baseline as baseline_module
    from pcs_lint.config import ConfigError, load_config
    from pcs_lint.discovery import cib_targets
    from pcs_lint.guard import DEFAULT_RULE_TIMEOUT
    from pcs_lint.planning import CliOptions, UsageError, build_plan, fail_on_severity, split_list
    from pcs_lint.plugins import load_registry
    from pcs_lint.report import RenderOptions, Report
    from pcs_lint.reporters import FORMATS, render
    from pcs_lint.runner import exit_code, run

    if output_format not in FORMATS:
        _usage(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if color not in ("auto", "always", "never"):
        _usage(f"--color must be auto, always or never, not {color!r}")
    cli = CliOptions(
        select=split_list(select),
        ignore=split_list(ignore) or (),
        fail_on=fail_on,
        sysconfig=tuple(sysconfig),
        authkey=tuple(authkey),
        corosync=tuple(corosync),
        sbd=tuple(sbd),
        sbd_dump=tuple(sbd_dump),
        schema_dir=schema_dir,
        debug=debug,
        rule_timeout=rule_timeout,
        pacemaker_version=pacemaker_version,
    )
    try:
        configuration = load_config(config, isolated=isolated)
        threshold = fail_on_severity(configuration, cli)
        registry = load_registry(timeout=rule_timeout or configuration.rule_timeout or DEFAULT_RULE_TIMEOUT)
        plan = replace(build_plan(registry, configuration, cli), keep_source_lines=show_source)
    except (ConfigError, UsageError) as error:
        _usage(str(error))
    for message in configuration.warnings:
        _warning(message)
    targets = cib_targets(paths or [], configuration)
    if not targets:
        _usage("no files given (try 'pcs-lint cib.xml', set 'files' in the config file, or see 'pcs-lint --help')")

    baseline_file = baseline or (Path(configuration.baseline) if configuration.baseline else None)
    try:
        result = run(
            targets,
            plan,
            stdin_name=stdin_filename or "-",
            exclude=(*configuration.exclude, *exclude),
            force_exclude=force_exclude,
            jobs=jobs,
            baseline=None if write_baseline is not None else baseline_file,  # it records them all
        )
    except baseline_module.BaselineError as error:
        _usage(str(error))
    if result.usage_errors:  # a NODE= name no linted CIB has: the findings would be wrong
        for message in result.usage_errors[:-1]:
            _error(message)
        _usage(result.usage_errors[-1])
    for message in result.skipped:
        _warning(f"skipped {message}")
    for message in result.errors:
        _error(message)
    inputs = [
        *result.inputs,
        *([stdin_filename] if stdin_filename and "-" in result.inputs else []),
        *(env.path for env in plan.env_files.values()),
        *(key.path for key in plan.authkeys.values()),
        *(conf.path for conf in plan.corosync),
        *(file.path for file in plan.sbd_files.values()),
        *(dump.path for dump in plan.sbd_dumps.values()),
        *([configuration.path] if configuration.path else []),
    ]
    if write_baseline is not None:  # may be the baseline in use: rewriting that is its purpose
        _refuse_to_overwrite("--write-baseline", write_baseline, inputs)
        try:
            count = baseline_module.write(result.findings, write_baseline)
        except baseline_module.BaselineError as error:
            _usage(str(error))
        print(f"pcs-lint: wrote {count} findings to baseline {write_baseline}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE if exit_code(result, threshold, exit_zero=True) == EXIT_USAGE else 0)
    if output_file is not None:
        _refuse_to_overwrite("--output-file", output_file, [*inputs, *([baseline_file] if baseline_file else [])])
    code = exit_code(result, threshold, exit_zero=exit_zero)
    report = Report(
        version=__version__,
        findings=result.findings,
        files=result.files,
        rules=plan.rules,
        fail_on=threshold,
        exit_code=code,
        errors=result.errors,
        extra={"baseline": dict(result.baseline)} if result.baseline is not None else {},
        source_lines=result.source_lines,
        releases=result.releases,
    )
    stream = sys.stdout if output_file is None else None
    options = RenderOptions(
        color=stream is not None and _color_wanted(color, stream),
        statistics=statistics,
        show_source=show_source,
        quiet=quiet,
        verbose=verbose,
    )
    text = render(output_format, report, options)
    if output_file is None:
        _write_stdout(text, code)
    else:
        try:
            output_file.write_text(text, encoding="utf-8")
        except OSError as error:
            _usage(f"cannot write {output_file}: {error.strerror or error}")
    raise typer.Exit(code)


@app.command("rules", cls=_Command)
def list_rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown (the table in docs/rules.md).")] = "text",
) -> None:
    """List every rule, built-in and from plugins."""
    import json

    from pcs_lint.plugins import load_registry

    registry = load_registry()
    if output_format == "json":
        text = json.dumps([
            {"code": r.code, "name": r.name, "severity": r.severity.label, "summary": r.summary, "plugin": r.plugin}
            for r in registry.rules
        ], indent=2) + "\n"
    elif output_format == "markdown":
        text = rules_markdown(registry.rules)
    elif output_format == "text":
        text = rules_text(registry.rules)
    else:
        _usage(f"--format must be text, json or markdown, not {output_format!r}")
    for error in registry.errors:
        print(f"pcs-lint: error: plugin {error.plugin!r} failed to load: {error.message}", file=sys.stderr)
    _write_stdout(text, EXIT_USAGE if registry.errors else 0)


RULES_TEXT_WIDTH = 100


def rules_text(rules) -> str:
    """One rule per entry, code, name, severity and summary in columns; a summary too long for
    the line continues under itself, so that no line is wider than RULES_TEXT_WIDTH."""
    import textwrap

    name_width = max((len(rule.name) for rule in rules), default=0)
    lines = []
    for rule in rules:
        head = f"{rule.code:<6}  {rule.name:<{name_width}}  {rule.severity.label:<7}  "
        summary = rule.summary + ("" if rule.plugin == "builtin" else f" (plugin {rule.plugin})")
        width = max(RULES_TEXT_WIDTH - len(head), 30)
        wrapped = textwrap.wrap(summary, width, break_on_hyphens=False) or [""]
        lines.append(head + wrapped[0])
        lines.extend(" " * len(head) + more for more in wrapped[1:])
    return "".join(line + "\n" for line in lines)


def rules_markdown(rules) -> str:
    """The rule index of docs/rules.md: built-in rules link to their doc in rules/."""
    lines = [
        "# Rules",
        "",
        "Generated by `pcs-lint rules --format markdown`; `pcs-lint explain CODE` prints each rule's doc.",
        "",
        "| code | name | severity | what it reports |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        name = rule.name
        if rule.plugin == "builtin":
            name = f"[{rule.name}](../rules/{rule.name.replace('-', '_')}.md)"
        summary = rule.summary.replace("|", "\\|").replace("<", "&lt;")
        lines.append(f"| {rule.code} | {name} | {rule.severity.label} | {summary} |")
    return "\n".join(lines) + "\n"


@app.command("explain", cls=_Command)
def explain(rule: Annotated[str, typer.Argument(metavar="CODE", help="A rule code (PCS113) or name (remote-port-mismatch).")]) -> None:
    """Show a rule's documentation."""
    from pcs_lint.plugins import load_registry
    from pcs_lint.rule import NO_DOC

    found = load_registry().find(rule)
    if found is None:
        _usage(f"no rule has the code or name {rule!r} (see 'pcs-lint rules')")
    if found.documented:
        _write_stdout(found.doc.strip() + "\n", 0)
    header = f"{found.code} {found.name} ({found.severity.label}): {found.summary}"
    detail = found.doc.strip().removeprefix(NO_DOC) if found.doc.strip() else "its Rule record has no doc"
    _write_stdout(f"{header}\n\nplugin {found.plugin!r} ships no documentation for {found.code}: {detail}\n", 0)


@app.command("graph", cls=_Command)
def graph(
    path: Annotated[str, typer.Argument(metavar="FILE", help="A CIB XML file.", show_default=False)],
    output_file: Annotated[Path | None, typer.Option("--output-file", "-o", metavar="FILE", help="Write the picture to this file instead of stdout.")] = None,
    output_format: Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT", help="dot (Graphviz source) or svg (needs Graphviz's dot program). Default: svg for an -o file ending in .svg, else dot.")] = None,
    sysconfig: Annotated[list[str], typer.Option("--sysconfig", metavar="NODE=PATH", help="A node's environment file, as for check. Repeatable.")] = [],  # noqa: B006
    config: Annotated[Path | None, typer.Option("--config", metavar="FILE", help="Config file to use instead of searching for .pcs-lint.toml / pyproject.toml.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
) -> None:
    """Draw a CIB as a graph with its findings marked (Graphviz DOT or SVG)."""
    from pcs_lint.config import ConfigError, load_config
    from pcs_lint.engine import lint_document
    from pcs_lint.graph import GraphError, cluster_dot, render_svg
    from pcs_lint.inputs import InputError, read_input
    from pcs_lint.model import build_index
    from pcs_lint.parse import XmlRejection, parse_xml
    from pcs_lint.planning import CliOptions, UsageError, build_plan
    from pcs_lint.plugins import load_registry

    chosen = output_format or ("svg" if output_file is not None and output_file.suffix.lower() == ".svg" else "dot")
    if chosen not in ("dot", "svg"):
        _usage(f"--format must be dot or svg, not {chosen!r}")
    try:
        configuration = load_config(config, isolated=isolated)
        plan = build_plan(load_registry(), configuration, CliOptions(sysconfig=tuple(sysconfig)))
        data = read_input(path)
    except (ConfigError, UsageError, InputError) as error:
        _usage(str(error))
    parsed = parse_xml(data)
    if isinstance(parsed, XmlRejection):
        _usage(f"{path}: cannot draw it: {without_quoted(parsed.message)}")
    findings = lint_document(data, path, plan).findings
    text = cluster_dot(build_index(parsed.root), findings, title=path)
    if output_file is not None:
        _refuse_to_overwrite("--output-file", output_file, [path])
    try:
        picture = render_svg(text) if chosen == "svg" else text.encode("utf-8")
    except GraphError as error:
        _usage(str(error))
    if output_file is None:
        _write_stdout(picture.decode("utf-8"), 0)
    try:
        output_file.write_bytes(picture)
    except OSError as error:
        _usage(f"cannot write {output_file}: {error.strerror or error}")
    raise typer.Exit(0)


def without_quoted(message: str) -> str:
    from pcs_lint.engine import without_quoted_content

    return without_quoted_content(message)


def _refuse_to_overwrite(option: str, output: Path, inputs: list) -> None:
    from pcs_lint.inputs import input_at

    overwritten = input_at(output, inputs)
    if overwritten is not None:
        _usage(f"{option} {output} is an input of this run ({overwritten}); refusing to overwrite it")


def _error(message: str) -> None:
    """One line on stderr: a file name in the message cannot break it or drive the terminal."""
    _stderr_line("error", message)


def _warning(message: str) -> None:
    _stderr_line("warning", message)


def _stderr_line(kind: str, message: str) -> None:
    from pcs_lint.reporters._common import escape_control

    print(f"pcs-lint: {kind}: {escape_control(message)}", file=sys.stderr)


def _usage(message: str) -> None:
    _error(message)
    raise typer.Exit(EXIT_USAGE)


def _write_stdout(text: str, code: int) -> None:
    """Write the report and exit with ``code``; handled here, not left to typer, whose own
    broken-pipe handling exits 1 whatever the findings say.

    A reader that stops early (``| head``) does not change the verdict: the exit code still
    follows the findings. Any other write error (a full disk, ``/dev/full``) means the report
    was lost: one line, exit 2.
    """
    if sys.stdout is None:  # started with standard output closed (`>&-`): as a reader that read nothing
        raise typer.Exit(code)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise typer.Exit(code) from None
    except OSError as error:
        _discard_stdout()
        _usage(f"cannot write the report: {error.strerror or error}")
    raise typer.Exit(code)


def _discard_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that the interpreter's final flush of what is
    still buffered cannot fail again (Python then prints a traceback-like note and exits 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - kept open until the interpreter exits


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: no Python traceback reaches the user unless --debug."""
    from pcs_lint import collector
    from pcs_lint.guard import watch_user_interrupts

    args = sys.argv[1:] if argv is None else argv
    watch_user_interrupts()  # before plugins load: their own KeyboardInterrupt must not pass for the user's
    try:
        with collector.paused(restore=argv is not None):  # argv None: the process's own run, see below
            code = app(args=args, prog_name="pcs-lint", standalone_mode=False)
    except typer.Exit as error:
        code = error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("pcs-lint: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = 0
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush error
        except OSError:
            pass
    except Exception as error:
        from pcs_lint.guard import user_interrupted

        if user_interrupted():  # Ctrl-C while a module or plugin was loading: still the user's stop
            print("pcs-lint: interrupted", file=sys.stderr)
            sys.exit(130)
        # Usage errors from the option parser (click's, or typer's vendored copy) carry
        # format_message() and exit_code; anything else is a bug: one line, exit 2.
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            print(f"pcs-lint: error: {error.format_message()}", file=sys.stderr)
            code = EXIT_USAGE
        elif "--debug" in args:
            raise
        else:
            print(f"pcs-lint: internal error: {type(error).__name__}: {error} "
                  "(run with --debug for details)", file=sys.stderr)
            code = EXIT_USAGE
    code = code if isinstance(code, int) else 0
    if argv is None:  # the process's own run (console script, python -m), not a caller's
        collector.exit_now(code)
    sys.exit(code)
