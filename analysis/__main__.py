"""Command line: ``python -m analysis check PATH [PATH ...] [--json]``.

Exit status: 0 when every file was read, 1 when any was refused, 2 for wrong usage.
Every message is Polish; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys

USAGE = """Użycie:
  python -m analysis check PLIK [PLIK ...] [--json]

Polecenia:
  check    Wczytuje pliki (xlsx, xlsm, xls, xlsb, ods, csv) i mówi, co zawierają:
           rodzaj tabeli, liczbę wierszy, sektory, obszary, warsztaty i problemy
           z numerami wierszy arkusza. Niczego nie zapisuje.

Opcje:
  --json   Wypisuje jeden dokument JSON zamiast tekstu.
  -h, --help  Pokazuje tę pomoc.

Kod wyjścia: 0 — wszystkie pliki wczytano, 1 — któryś plik odrzucono, 2 — błędne użycie.
"""


class _PolishParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"Błędne użycie polecenia.\n\n{USAGE}")
        raise SystemExit(2)

    def print_help(self, file=None) -> None:  # noqa: ANN001
        (file or sys.stdout).write(USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _PolishParser(prog="python -m analysis", add_help=False)
    parser.add_argument("-h", "--help", action="help")
    commands = parser.add_subparsers(dest="command", parser_class=_PolishParser)
    check = commands.add_parser("check", add_help=False)
    check.add_argument("-h", "--help", action="help")
    check.add_argument("paths", nargs="+")
    check.add_argument("--json", action="store_true")
    return parser


def _import_pandas_meanwhile() -> None:
    """Import pandas in a thread while the main thread waits for the reading processes."""
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=("pandas",), daemon=True).start()


def _check(paths: list[str], as_json: bool) -> int:
    from analysis.importer import read_paths

    _import_pandas_meanwhile()
    results = read_paths(paths)
    from analysis.check import check_report, check_text

    if as_json:
        sys.stdout.write(json.dumps(check_report(results), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(check_text(results) + "\n")
    return 0 if all(r.ok for r in results) else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        sys.stderr.write(USAGE)
        return 2
    try:
        if args.command == "check":
            return _check(args.paths, args.json)
    except KeyboardInterrupt:
        sys.stderr.write("Przerwano.\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        sys.stderr.write(
            "Wystąpił nieoczekiwany błąd programu — dane nie zostały zmienione. "
            f"Zgłoś go administratorowi, podając tę informację: {type(exc).__name__}: {exc}\n"
        )
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
