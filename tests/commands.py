"""The command line in the test's own process: ``analysis.__main__.main(argv)`` with its output captured.

A new Python process per command costs about a second (interpreter, pandas, SQLAlchemy); the
settings the command reads (the environment, ``config``) are read at call time, so the same
command in-process sees what a process would. Only ``tests/cli/test_commands.py`` starts real
processes: one per command, to show that ``python -m analysis`` runs at all.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis import __main__ as command_line

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Done:
    """What a finished command left: the fields of ``subprocess.CompletedProcess`` the tests read."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """``os.environ`` replaced by ``env`` for the command (a process started with ``env=`` sees only it)."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run(*args: str, env: Mapping[str, str] | None = None, timeout: float | None = None) -> Done:
    """``python -m analysis ARGS`` as the user types it, without a new process.

    The exit status is what ``sys.exit(main())`` would give; argparse's own ``SystemExit``
    (wrong usage, ``--help``) is caught and its code kept. With ``timeout`` the command runs in a
    thread and a command still running after ``timeout`` seconds fails the test (a hang, as
    ``subprocess.run(timeout=...)`` would say).
    """
    out, err = io.StringIO(), io.StringIO()
    codes: list[int] = []

    def command() -> None:
        try:
            codes.append(command_line.main(list(args)))
        except SystemExit as exit_:
            codes.append(exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1))

    with _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        if timeout is None:
            command()
        else:
            worker = threading.Thread(target=command, daemon=True)
            worker.start()
            worker.join(timeout)
            if worker.is_alive():
                raise AssertionError(f"python -m analysis {' '.join(args)} still runs after {timeout} s")
    sys.stdout.flush()
    return Done(tuple(args), codes[0], out.getvalue(), err.getvalue())
