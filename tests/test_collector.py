"""The collector paused during a run (with a bound), and the fast exit (lint/collector.py).

Counted, not timed: how many collections a run makes, what it prints and how it exits.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

import pytest

from pcs_lint import collector
from pcs_lint.cli import main
from pcs_lint.testing import cib, guest_vm

MANY_RESOURCES = cib(resources="".join(guest_vm(f"vm{n}", f"guest{n}") for n in range(300)))


def linting() -> bool:
    """Whether a document is being linted (the pipeline's _lint_one is on the stack)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "_lint_one":
            return True
        frame = frame.f_back
    return False


@pytest.fixture
def collections():
    """The generations of the collections the garbage collector starts while a document is
    being linted (after a run, the collector switched on again may collect at once)."""
    started = []

    def count(phase, info):
        if phase == "start" and linting():
            started.append(info["generation"])

    gc.callbacks.append(count)
    yield started
    gc.callbacks.remove(count)


def run_main(args):
    with pytest.raises(SystemExit) as stopped:
        main(args)
    return stopped.value.code


def test_a_run_makes_no_collection_while_it_lints(tmp_path, collections, capsys):
    path = tmp_path / "cib.xml"
    path.write_text(MANY_RESOURCES)
    assert run_main(["--isolated", "--format", "json", str(path)]) == 0
    assert '"findings": []' in capsys.readouterr().out
    assert collections == []
    assert gc.isenabled()  # as it was before the run


def test_a_paused_run_still_collects_once_objects_pile_up(tmp_path, collections, monkeypatch, capsys):
    monkeypatch.setattr(collector, "COLLECT_AFTER", 0)
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_text(MANY_RESOURCES)
    assert run_main(["--isolated", str(tmp_path / "a.xml"), str(tmp_path / "b.xml")]) == 0
    assert collections == [2, 2]  # full collections, before each document


def test_collect_if_grown_frees_cycles_only_when_paused(monkeypatch):
    monkeypatch.setattr(collector, "COLLECT_AFTER", 0)

    class Cycle:
        pass

    def garbage():
        first = Cycle()
        first.me = first
        return weakref.ref(first)

    with collector.paused():
        ref = garbage()
        assert ref() is not None  # the collector is off: the cycle stays
        collector.collect_if_grown()
        assert ref() is None
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # a caller's own setting is kept
    finally:
        gc.enable()


def cli(args, stdout=subprocess.PIPE):
    return subprocess.run([sys.executable, "-m", "pcs_lint", "--isolated", *args], stdout=stdout,
                          stderr=subprocess.PIPE, check=False)


@pytest.mark.slow
def test_the_fast_exit_keeps_every_byte_and_exit_code(tmp_path):
    # A report larger than a pipe's buffer: everything arrives before the process leaves.
    path = tmp_path / "cib.xml"
    path.write_text(cib(resources="".join(guest_vm(f"vm{n}", "same") for n in range(400))))
    done = cli(["--format", "json", str(path)])
    assert done.returncode == 1
    assert len(done.stdout) > 200_000 and done.stdout.rstrip().endswith(b"}")
    in_process = subprocess.run([sys.executable, "-c", "import sys\nfrom pcs_lint.cli import main\n"
                                 "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    sys.exit(e.code)",
                                 "--isolated", "--format", "json", str(path)], capture_output=True, check=False)
    assert (in_process.returncode, in_process.stdout) == (done.returncode, done.stdout)
    # A standard output that cannot be written: the ordinary exit and its message.
    with open("/dev/full", "w") as full:
        failed = cli([str(path)], stdout=full)
    assert failed.returncode == 2
    assert b"cannot write the report" in failed.stderr


@pytest.mark.slow
def test_the_process_own_run_never_collects(tmp_path):
    # Not even once the report is written: switched on again, the collector would run at once.
    code = ("import gc, sys\nsys.argv[0] = 'pcs-lint'\nfrom pcs_lint.cli import main\n"
            "gc.callbacks.append(lambda phase, info: phase == 'start' and sys.stderr.write('GC\\n'))\nmain()")
    path = tmp_path / "cib.xml"
    path.write_text(MANY_RESOURCES)
    done = subprocess.run([sys.executable, "-c", code, "--isolated", str(path)], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_leaving_run_holds_only_the_last_document():
    """keep_until_exit holds a document's tree for a process that leaves with exit_now, and
    lets the previous one go; a run that goes on (main(argv), the tests) holds nothing."""
    from pcs_lint.config import Config
    from pcs_lint.engine import lint_document
    from pcs_lint.planning import CliOptions, build_plan
    from pcs_lint.plugins import load_registry

    plan = build_plan(load_registry(), Config(), CliOptions())

    def held_roots():
        return [o for o in collector._kept if hasattr(o, "getroottree")]

    with collector.paused(restore=False):
        lint_document(MANY_RESOURCES.encode(), "first.xml", plan)
        [first] = [weakref.ref(o) for o in collector._kept[:1]]
        assert first() is not None
        lint_document(MANY_RESOURCES.encode(), "second.xml", plan)
        assert first() is None  # freed when the next document was held instead
        assert collector._kept
    with collector.paused(restore=True):
        assert collector._kept == ()
        lint_document(MANY_RESOURCES.encode(), "third.xml", plan)
        assert collector._kept == ()
    assert held_roots() == []
