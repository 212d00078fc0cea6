"""Command line: ``python -m analysis check PATH [PATH ...] [--json]``, import, history, undo, report, protocol,
metrics, checkin (``checkin_command``).

Exit status: 0 when every file was read, 1 when any was refused, 2 for wrong usage.
Every message is Polish; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import threading
from typing import TYPE_CHECKING

from analysis.display import counted
from analysis.errors import UserError

if TYPE_CHECKING:
    from pathlib import Path

    from _typeshed import SupportsWrite

USAGE = """Użycie:
  python -m analysis check PLIK [PLIK ...] [--json]
  python -m analysis import PLIK [PLIK ...] [--workshop N] [--replace | --add]
  python -m analysis history [--json]
  python -m analysis undo ID_PARTII
  python -m analysis report --format html|xlsx|pptx|slides --out PLIK [--workshop N]
  python -m analysis report --format evaluation|evaluation-pdf --out PLIK [--cycle C]
  python -m analysis protocol --out PLIK.html|PLIK.xlsx [--workshop N]
  python -m analysis protocol --verify [--workshop N] [--digest SKRÓT]
  python -m analysis metrics [--cycle C] [--workshop N] --json
  python -m analysis checkin list [--json]
  python -m analysis checkin open --workshop N --keep-until DD.MM.RRRR --clause-file PLIK [--cycle C]
  python -m analysis checkin close|export --workshop N [--cycle C]
  python -m analysis checkin shred [--workshop N [--teraz]] [--cycle C]

Polecenia:
  check    Wczytuje pliki (xlsx, xlsm, xls, xlsb, ods, csv) i mówi, co zawierają:
           rodzaj tabeli, liczbę wierszy, sektory, obszary, warsztaty i problemy
           z numerami wierszy arkusza. Niczego nie zapisuje.
  import   Zapisuje pliki w magazynie danych (wszystkie albo żaden). Ten sam plik
           drugi raz nie zostanie zapisany. Gdy warsztat ma już listę obecności,
           trzeba wybrać --replace (zastąp) albo --add (dopisz).
  history  Lista zapisanych partii (plików i arkuszy) z identyfikatorami.
  undo     Cofa partię: usuwa z magazynu wszystko, co z niej pochodzi.
  report   Zapisuje raport z magazynu (tak jak widzi go panel): html (jeden plik do
           otwarcia bez internetu), xlsx (tabele i wykresy Excela), pptx (slajdy
           z edytowalnymi wykresami) albo slides (pokaz slajdów: jeden plik HTML na
           rzutnik, bez internetu, sterowany klawiaturą lub pilotem), na warsztat N
           (domyślnie najbliższy). evaluation — roczna ocena partnerstwa za cały cykl C
           (domyślnie bieżący): jeden plik HTML do druku na A4 i do publikacji (każdy
           rozdział od nowej strony, w stopce urząd, data i numer strony);
           evaluation-pdf — to samo wydrukowane do PDF przeglądarką Chromium (bez niej:
           wydrukuj plik HTML z przeglądarki, Ctrl+P).
  protocol Zapisuje protokół ostatniego zamkniętego głosowania (na warsztacie N albo
           dowolnym): HTML albo Excel, wg rozszerzenia pliku — frekwencja według sektorów,
           głosy na propozycje i według sektorów, zasada 49%, skrót SHA-256 zapisu głosowania.
           Z --verify sprawdza zamknięte głosowania (na warsztacie N albo wszystkie): czy
           zapis (propozycje na karcie, karty, godziny, głosy) zgadza się z pieczęcią
           z chwili zamknięcia i z kluczem magazynu, a z --digest — także ze skrótem
           z wydrukowanego protokołu; mówi, co się zmieniło (kod wyjścia 1).
  metrics  Wypisuje jeden dokument JSON z każdą liczbą słownika pojęć pod jej kluczem
           (na warsztat, sektor lub gminę tam, gdzie liczba jest na warsztat, sektor
           lub gminę) — liczone tym samym kodem co strony panelu; cykl C (domyślnie
           bieżący, jak na stronach), warsztat N (domyślnie wszystkie); pod „checked_in”
           liczba osób zarejestrowanych przy wejściu według sektora i gminy; pod
           „survey” ankieta partnerów (średnie według czynnika i sektora, grupy
           poniżej 3 osób bez średniej), pod „survey_previous_cycle” ankieta cyklu
           poprzedniego.
  checkin  Rejestracja przy wejściu na warsztat N (cykl C, domyślnie bieżący):
           list — rejestracje, ich stan i liczba osób według sektora i gminy;
           open — otwiera rejestrację z klauzulą informacyjną RODO (--clause-file
           PLIK albo --clause TEKST) i datą, do której przechowywane są nazwiska;
           close — zamyka ją: lista obecności trafia do magazynu jako partia (jak
           import; cofnięcie: undo), a lista do podpisu (xlsx) do folderu danych;
           export — zapisuje ponownie listę do podpisu (xlsx) w folderze danych;
           shred — niszczy nazwiska (pliki w folderze danych) rejestracji, których
           termin przechowywania minął; z --workshop N --teraz — od razu.
           Magazyn nie zawiera nazwisk, tylko pseudonimy.

Opcje:
  --json        Wypisuje jeden dokument JSON zamiast tekstu.
  --workshop N  Numer warsztatu dla list i propozycji, które go nie podają
                (metrics: liczby tylko tego warsztatu).
  --cycle C     Cykl (rok), którego liczby wypisać (metrics) albo który ocenić (report
                --format evaluation).
  --replace     Nowa lista obecności zastępuje istniejącą dla tego warsztatu.
  --add         Nowa lista obecności jest dopisywana do istniejącej.
  --format F    Format raportu: html, xlsx, pptx, slides, evaluation albo evaluation-pdf.
  --out PLIK    Plik, do którego zapisać raport.
  --verify      Sprawdza pieczęć zamkniętych głosowań (protocol).
  --digest S    Skrót zapisu głosowania z wydrukowanego protokołu (protocol --verify).
  --keep-until D  Do kiedy przechowywać nazwiska z rejestracji (checkin open).
  --clause-file P Plik tekstowy z klauzulą informacyjną RODO (checkin open).
  --teraz       Niszczy nazwiska przed terminem (checkin shred --workshop N).
  -h, --help    Pokazuje tę pomoc.

Magazyn: DATABASE_URL albo plik SQLite w folderze danych (PARTNERSTWO_DATA_DIR, domyślnie data/).
Kod wyjścia: 0 — wykonano, 1 — odrzucono (nic nie zapisano), 2 — błędne użycie.
"""


EVALUATION = ("evaluation", "evaluation-pdf")  # the report of a whole cycle (analysis.report.evaluation)

_HINTS = {
    "undo": "Podaj identyfikator partii do cofnięcia (identyfikatory wypisuje: python -m analysis history).",
    "check": "Podaj co najmniej jeden plik arkusza.",
    "import": "Podaj co najmniej jeden plik arkusza.",
    "report": "Podaj format (--format) i plik wynikowy (--out).",
    "protocol": "Podaj plik wynikowy (--out), .html albo .xlsx, albo --verify.",
    "metrics": "Opcje: --cycle C, --workshop N (liczba), --json.",
    "checkin": "Podaj czynność: list, open, close, export albo shred.",
}


class _PolishParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """The wrong command's own usage line and a hint, not the whole help."""
        command = self.prog.rsplit(" ", 1)[-1]
        lines = [line.strip() for line in USAGE.splitlines() if line.strip().startswith(f"python -m analysis {command} ")
                 or line.strip() == f"python -m analysis {command}"]
        if command == "analysis" or not lines:
            sys.stderr.write(f"Błędne użycie polecenia.\n\n{USAGE}")
        else:
            hint = _HINTS.get(command, "")
            sys.stderr.write(f"Błędne użycie polecenia {command}. {hint}\nUżycie: {lines[0]}\n"
                             "Pomoc: python -m analysis --help\n")
        raise SystemExit(2)

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        (file or sys.stdout).write(USAGE)


_FLAG: dict[str, object] = {"action": "store_true"}
_NUMBER: dict[str, object] = {"type": int}
# each command's arguments (name, argparse's keywords); "import"'s --replace and --add exclude each other
_ARGUMENTS: dict[str, list[tuple[str, dict[str, object]]]] = {
    "check": [("paths", {"nargs": "+"}), ("--json", _FLAG)],
    "import": [("paths", {"nargs": "+"}), ("--workshop", _NUMBER)],
    "history": [("--json", _FLAG)],
    "report": [("--format", {"required": True, "choices": ["html", "xlsx", "pptx", "slides", *EVALUATION]}),
               ("--out", {"required": True}), ("--workshop", _NUMBER), ("--cycle", {})],
    "protocol": [("--out", {}), ("--workshop", _NUMBER), ("--verify", _FLAG), ("--digest", {})],
    "metrics": [("--cycle", {}), ("--workshop", _NUMBER), ("--json", _FLAG)],
    "checkin": [("action", {"choices": ["list", "open", "close", "export", "shred"]}), ("--cycle", {}),
                ("--workshop", _NUMBER), ("--keep-until", {}), ("--clause", {}), ("--clause-file", {}),
                ("--teraz", _FLAG), ("--json", _FLAG)],
    "undo": [("batch_id", {})],
}


def _parser() -> argparse.ArgumentParser:
    parser = _PolishParser(prog="python -m analysis", add_help=False)
    parser.add_argument("-h", "--help", action="help")
    commands = parser.add_subparsers(dest="command", parser_class=_PolishParser)
    for name, arguments in _ARGUMENTS.items():
        command = commands.add_parser(name, add_help=False)
        command.add_argument("-h", "--help", action="help")
        for argument, keywords in arguments:
            command.add_argument(argument, **keywords)  # type: ignore[arg-type]
        if name == "import":
            mode = command.add_mutually_exclusive_group()
            mode.add_argument("--replace", action="store_true")
            mode.add_argument("--add", action="store_true")
    return parser


def _import_pandas_meanwhile() -> threading.Thread:
    """Import pandas in a thread while the main thread reads the files, then freeze what exists (``gc.freeze``).

    From then on the garbage collector walks only the objects made afterwards: a large file's check has a
    problem on many rows, each a few small objects, and making them sets off collections that would
    otherwise also walk every object of pandas, Arrow and the tables read (60 000 and more, none of them
    garbage), ``benchmarks/import_speed.py``. The caller unfreezes (what was frozen is walked again) and
    joins the thread before returning: an interpreter that exits while a thread is still importing C
    extensions can crash (a segfault instead of an exit code).
    """

    import importlib

    def import_pandas() -> None:
        importlib.import_module("pandas")
        gc.freeze()

    thread = threading.Thread(target=import_pandas, daemon=True)
    thread.start()
    return thread


def _check(paths: list[str], as_json: bool) -> int:
    from analysis.reading import read_paths

    importing = _import_pandas_meanwhile()
    try:
        # needs pandas once the sheets are read (the thread has imported it by then); saves nothing: no hashes
        results = read_paths(paths, hashed=False)
        from analysis.reading import check_report, check_text

        if as_json:
            # on one line: a large file's check has a problem on many rows, and json indents only by its Python
            # encoder, which took longer than reading the file (its C encoder writes without indentation)
            sys.stdout.write(json.dumps(check_report(results), ensure_ascii=False, check_circular=False))
            sys.stdout.write("\n")  # apart: a large report is not copied once more to end it
        else:
            sys.stdout.write(check_text(results) + "\n")
    finally:
        importing.join()
        gc.unfreeze()
    return 0 if all(r.ok for r in results) else 1


def _import(paths: list[str], workshop: int | None, on_existing: str) -> int:

    from analysis.reading import read_paths
    from analysis.store import ConflictError, Upload, open_store

    if workshop is not None and not 1 <= workshop <= 50:
        sys.stderr.write("Numer warsztatu musi być liczbą od 1 do 50.\n")
        return 2
    store = open_store(seed_sample=False)  # the sample would only be removed again by this import
    results = read_paths(paths, workshop=workshop, calendar=store.calendar(), places=store.localities())
    refused = [r for r in results if not r.ok]
    if refused:
        for result in refused:
            sys.stdout.write(f"✗ {result.file} — nie wczytano: {result.error}\n")
        sys.stdout.write("Nic nie zapisano. Popraw lub usuń odrzucone pliki i spróbuj ponownie.\n")
        return 1
    unknown = [f"„{r.file}” (arkusz „{t.sheet}”)" for r in results for t in r.tables
               if "workshop" in t.frame and t.frame["workshop"].isna().all()]
    if unknown:
        sys.stdout.write("Nic nie zapisano: nie wiadomo, którego warsztatu dotyczy " + ", ".join(unknown)
                         + ". Podaj numer opcją --workshop N.\n")
        return 1
    uploads = [Upload(r.file, r.content_hash, r) for r in results]  # the bytes were read once, by read_paths
    try:
        outcome = store.import_uploads(uploads, on_existing=on_existing)
    except ConflictError as exc:
        sys.stdout.write(exc.message + " Uruchom ponownie z --replace (zastąp) albo --add (dopisz).\n")
        return 1
    if outcome.sample_removed:
        sys.stdout.write("Usunięto dane przykładowe (pierwszy import prawdziwych danych).\n")
    for batch in outcome.replaced:
        sys.stdout.write(f"Zastąpiono listę z pliku „{batch.file}” (partia {batch.id}).\n")
    for batch in outcome.saved:
        rows = counted(batch.rows, "wiersz", "wiersze", "wierszy")
        sys.stdout.write(f"✓ Zapisano {batch.file}, arkusz „{batch.sheet}”: {rows} (partia {batch.id}).\n")
    for file, batch in outcome.duplicates:
        sys.stdout.write(f"• {file} — ten sam plik zapisano już {batch.imported_at:%d.%m.%Y %H:%M} "
                         f"(partia {batch.id}); nie zapisano go drugi raz.\n")
    return 0


def _history(as_json: bool) -> int:
    from analysis.store import open_store

    history = [b for b in open_store().history()]
    if as_json:
        keys = ("id", "file", "kind", "workshop", "rows", "imported_at")
        report = {"batches": [{k: b.as_dict()[k] for k in keys} | {"sample": b.is_sample} for b in history]}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not history:
        sys.stdout.write("Magazyn jest pusty.\n")
    from analysis.vocabulary import KIND_LABELS

    for b in history:
        workshop = f", warsztat {b.workshop}" if b.workshop else ""
        sample = " [dane przykładowe]" if b.is_sample else ""
        sys.stdout.write(f"{b.id}  {b.imported_at:%d.%m.%Y %H:%M}  {b.file} / {b.sheet}: {KIND_LABELS[b.kind]}"
                         f"{workshop}, {counted(b.rows, 'wiersz', 'wiersze', 'wierszy')}{sample}\n")
    return 0


def _report(fmt: str, out: str, workshop: int | None, cycle: str | None = None) -> int:
    from pathlib import Path

    from analysis import report
    from analysis.store import open_store

    if workshop is not None if fmt in EVALUATION else cycle is not None:
        sys.stderr.write("Raport ewaluacyjny obejmuje cały cykl: podaj --cycle C, nie --workshop. Pozostałe raporty "
                         "są na warsztat: podaj --workshop N, nie --cycle.\n")
        return 2
    if workshop is not None and not 1 <= workshop <= 50:
        sys.stderr.write("Numer warsztatu musi być liczbą od 1 do 50.\n")
        return 2
    target = Path(out)
    if not _file_in_a_folder(target):
        raise UserError(f"Nie można zapisać raportu do „{out}”: podaj ścieżkę pliku w istniejącym folderze "
                        "(nazwa pliku najwyżej 255 znaków).", "cannot_write")
    store = open_store()
    dataset = store.dataset()
    if fmt in EVALUATION:
        from analysis.voting.ballot_box import Votes

        evaluation = report.build_evaluation(dataset, cycle, [b.as_dict() for b in store.history()], Votes(store))
        page = report.evaluation_html(evaluation)
        _write(target, out, report.evaluation_pdf(page) if fmt == "evaluation-pdf" else page.encode("utf-8"))
        sys.stdout.write(f"Zapisano ocenę partnerstwa za cykl {evaluation.cycle} "
                         f"({'PDF' if fmt == 'evaluation-pdf' else 'HTML do druku'}): {out}\n")
        return 0
    report.check_workshop(dataset, workshop, command_line=True)  # a UserError naming the cycle's workshops: exit 1
    sources = [b.as_dict() for b in store.history()]
    from analysis.voting.ballot_box import Votes

    made = report.build(dataset, workshop, sources=sources, votes=Votes(store))
    _write(target, out, report.WRITERS[fmt](made))
    sys.stdout.write(f"Zapisano raport ({fmt}) na warsztat {made.workshop_name}: {out}\n")
    return 0


def _write(target: Path, out: str, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError:
        raise UserError(f"Nie można zapisać raportu do „{out}”: sprawdź, czy folder istnieje, czy masz do niego "
                        "prawo zapisu, czy na dysku jest miejsce i czy nazwa pliku nie jest za długa.",
                        "cannot_write") from None


def _file_in_a_folder(target: Path) -> bool:
    """Whether a file can be written at ``target``: not a folder, in a folder that exists, a name the disk takes."""
    try:
        return not target.is_dir() and target.parent.is_dir()
    except OSError:  # a name longer than the disk allows
        return False


def _protocol(out: str, workshop: int | None) -> int:
    from pathlib import Path

    from analysis import report
    from analysis.store import open_store
    from analysis.voting import protocol
    from analysis.voting.ballot_box import Votes

    target = Path(out)
    if target.suffix.lower() not in (".html", ".xlsx") or not _file_in_a_folder(target):
        sys.stdout.write(f"Nie można zapisać protokołu do „{out}”: podaj plik .html albo .xlsx w istniejącym folderze "
                         "(nazwa pliku najwyżej 255 znaków).\n")
        return 1
    store = open_store()
    votes = Votes(store)
    vote = votes.newest_closed(workshop=workshop)
    if vote is None:
        where = f" na warsztacie {workshop}" if workshop is not None else ""
        sys.stdout.write(f"Nie ma zamkniętego głosowania{where}. Protokół powstaje po zamknięciu głosowania "
                         "(strona „Głosowanie”).\n")
        return 1
    name = votes.workshop_name(vote)
    made = protocol.build(votes, vote.id, name)
    data = report.protocol_html(made).encode("utf-8") if target.suffix.lower() == ".html" else report.protocol_xlsx(made)
    try:
        target.write_bytes(data)
    except OSError:
        sys.stdout.write(f"Nie można zapisać protokołu do „{out}”: sprawdź folder, prawo zapisu i miejsce na dysku.\n")
        return 1
    sys.stdout.write(f"Zapisano protokół głosowania na warsztacie {name}: {out}\n")
    return 0


def _verify(workshop: int | None, printed: str | None) -> int:
    """Every closed vote (at ``workshop``) against its seal, the store's key and the ``printed`` digest;
    what differs, in Polish; 0 only when every one holds."""
    from analysis.store import open_store
    from analysis.voting.ballot_box import Votes

    votes = Votes(open_store())
    closed = [v for v in votes.all() if v.state == "closed" and (workshop is None or v.workshop == workshop)]
    where = f" na warsztacie {workshop}" if workshop is not None else ""
    if not closed:
        sys.stdout.write(f"Nie ma zamkniętego głosowania{where} — nie ma czego sprawdzać.\n")
        return 1
    checks = [(v, votes.check(v.id, printed)) for v in closed]
    failed = 0
    if printed is not None:
        if not any(c.printed_known for _, c in checks):
            failed += 1
            sys.stdout.write(f"✗ Skrót z wydrukowanego protokołu ({printed.strip()}) nie pasuje do żadnego zamkniętego "
                             f"głosowania{where}: ani do skrótu z chwili zamknięcia, ani do zapisu teraz. Sprawdź, czy "
                             "przepisano go bez błędu; jeśli tak — zapis głosowania zmieniono.\n\n")
        checks = [(v, c if c.printed_known else votes.check(v.id)) for v, c in checks]
    for vote, check in checks:
        sys.stdout.write(f"Głosowanie na warsztacie {votes.workshop_name(vote)} (cykl {vote.cycle}), zamknięte "
                         f"{vote.closed_at:%d.%m.%Y %H:%M:%S}:\n"
                         f"  Skrót zapisu głosowania przy zamknięciu: {vote.digest or '–'}\n"
                         f"  Skrót zapisu głosowania teraz:           {check.digest}\n"
                         f"  {'✓' if check.matches else '✗'} Zgodność: {check.state()}\n"
                         f"  {'✓' if check.ok else '✗' if not check.matches else '!'} Pieczęć: {check.seal_state()}\n")
        for problem in check.problems:
            sys.stdout.write(f"  ✗ {problem}\n")
        for note in check.notes:
            sys.stdout.write(f"  • {note}\n")
        sys.stdout.write("\n")
        failed += not check.ok
    if failed:
        sys.stdout.write("Wynik: NIEZGODNE albo niepotwierdzone — szczegóły wyżej.\n")
        return 1
    sys.stdout.write(f"Wynik: {len(checks)} z {len(checks)} zamkniętych głosowań zgodnych z pieczęcią.\n")
    return 0


def _metrics(cycle: str | None, workshop: int | None) -> int:
    """Every number of the glossary as one JSON document; a refusal (unknown cycle or workshop) on stderr."""
    from analysis import metrics, metrics_json
    from analysis.checkin import CheckIns
    from analysis.store import open_store
    from analysis.survey.box import Surveys

    store = open_store()
    try:
        view = metrics_json.view_for(store.dataset(), cycle, workshop)
    except UserError as exc:
        sys.stderr.write(exc.message + "\n")
        return 1
    checkins = CheckIns(store)
    held = {c.workshop: (c.state, checkins.people(c.id)) for c in checkins.all()
            if c.cycle == view.cycle and c.workshop in view.selected_workshops}
    surveys = Surveys(store)
    survey = surveys.of_cycle(view.cycle, view.selected_workshops)
    before = surveys.newest(metrics.previous_cycle(view.dataset, view.cycle))
    earlier = None if before is None else (before[0].cycle, before[0].workshop, before[1])
    sys.stdout.write(json.dumps(metrics_json.document(view, held, survey, earlier), ensure_ascii=False, indent=2)
                     + "\n")
    return 0


def _undo(batch_id: str) -> int:
    from analysis.store import open_store

    store = open_store()
    restored = store.restores(batch_id)
    batch = store.undo(batch_id)
    rows = counted(batch.rows, "wiersz", "wiersze", "wierszy")
    sys.stdout.write(f"Cofnięto partię {batch.id}: {batch.file}, arkusz „{batch.sheet}” ({rows}).\n")
    for earlier in restored:
        sys.stdout.write(f"Przywrócono wcześniejszą listę z pliku „{earlier.file}”, arkusz „{earlier.sheet}” "
                         f"(partia {earlier.id}).\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        sys.stderr.write(USAGE)
        return 2
    try:
        if args.command == "check":
            return _check(args.paths, args.json)
        if args.command == "import":
            return _import(args.paths, args.workshop, "replace" if args.replace else "add" if args.add else "ask")
        if args.command == "history":
            return _history(args.json)
        if args.command == "undo":
            return _undo(args.batch_id)
        if args.command == "report":
            return _report(args.format, args.out, args.workshop, args.cycle)
        if args.command == "protocol":
            if args.verify:
                return _verify(args.workshop, args.digest)
            if not args.out or args.digest:  # the file to write, or --verify (the only use of --digest)
                _PolishParser(prog="python -m analysis protocol", add_help=False).error("--out")
            return _protocol(args.out, args.workshop)
        if args.command == "metrics":
            return _metrics(args.cycle, args.workshop)
        if args.command == "checkin":
            from analysis import checkin_command

            return checkin_command.run(args.action, args.cycle, args.workshop, args.keep_until, args.clause,
                                       args.clause_file, args.teraz, args.json)
    except UserError as exc:
        sys.stdout.write(exc.message + "\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("Przerwano.\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        sys.stderr.write(
            "Wystąpił nieoczekiwany błąd programu — dane nie zostały zmienione. "
            f"Zgłoś go administratorowi, podając tę informację: {_where(exc)}\n"
        )
        return 1
    return 2


def _where(exc: BaseException) -> str:
    """The error's type and the line it came from — never its text, which may quote stored values."""
    import traceback
    from pathlib import Path

    package = Path(__file__).resolve().parent
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve().is_relative_to(package)]
    place = f" ({Path(frames[-1].filename).resolve().relative_to(package).as_posix()}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}{place}"


if __name__ == "__main__":
    sys.exit(main())
