"""The seal of a closed vote: one SHA-256 over its whole record, a keyed MAC, and the check that says what changed.

The record is everything the result depends on, in five parts, each serialised canonically (one
JSON array a line, UTF-8, in a fixed order) and hashed on its own (SHA-256 of its lines joined by
a newline):

- ``settings``: ``[vote id, cycle, workshop, choices a card may make]``;
- ``ballot``: per position, ascending: ``[position, cycle, workshop, number, title, area]``;
- ``cards``: per card issued, by its token's hash: ``[token hash, code hash, sector, voted]``, with ``true``
  after them for a card handed out at the check-in (the turnout counts those; a vote without a check-in
  has none, so its lines are as before);
- ``times``: ``[opened, closed]`` (ISO 8601, microseconds);
- ``ballots``: per ballot cast, sorted: ``[sector, "positions ascending", channel]``.

The vote's digest is the SHA-256 of ``RULE_LINE`` followed by one line ``<part> <part's digest>``
per part in that order. Closing the vote seals it: the digest goes to ``votes.digest`` and the
seal (``votes.seal``, JSON) keeps the parts' digests, a summary (times, cards and ballots by
sector) and an HMAC-SHA256 of all of it under a key derived from the store's secret key (the
pseudonym key, kept outside the database). Editing the database alone — a ballot and the stored
digest with it — cannot make a matching seal; whoever also holds the key can, and only the digest
printed on the protocol at closing catches that (``check(..., printed=...)``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis.vocabulary import SECTOR_CODES, SECTOR_LABELS
from analysis.voting.tally import Choice

RULE = 2  # rule 1 (before the secret ballot): the SHA-256 of the ballot table alone
RULE_LINE = "partnerstwo: zapis głosowania, reguła 2"
PARTS = ("settings", "ballot", "cards", "times", "ballots")
PART_LABELS = {
    "settings": "ustawienia głosowania (cykl, warsztat, liczba wyborów na karcie)",
    "ballot": "propozycje na karcie (która propozycja stoi na której pozycji: numer, tytuł, obszar)",
    "cards": "karty wydane według sektorów (skróty kart, które głosowały)",
    "times": "godziny otwarcia i zamknięcia",
    "ballots": "oddane głosy",
}
UNSIGNED = ("Pieczęć nie jest podpisana kluczem magazynu, choć magazyn ma klucz: przepisano ją po zamknięciu albo "
            "głosowanie zamknięto bez dostępu do klucza — rozstrzyga skrót z wydrukowanego protokołu "
            "(python -m analysis protocol --verify --digest SKRÓT).")
_KEY_LABEL = b"partnerstwo: vote seal key, v1"  # a folded name (the pseudonyms' input) never holds ':'


@dataclass(frozen=True)
class IssuedCard:
    token_hash: str
    code_hash: str
    sector: str
    voted: bool
    handed_out: bool = False  # given to a person at the check-in (``ballot_box._issued``)


@dataclass(frozen=True)
class Record:
    """Everything a vote's result depends on, as the store holds it."""

    vote_id: str
    cycle: str
    workshop: int
    max_choices: int
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    choices: list[Choice]
    cards: list[IssuedCard]
    ballots: list[tuple[str, str, str]]  # (sector, positions "1 2 3", channel)


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat(sep=" ", timespec="microseconds")


def _positions(choices: str) -> list[int]:
    return sorted(int(p) for p in str(choices).split())


def _rows(record: Record) -> dict[str, list[list[object]]]:
    return {
        "settings": [[record.vote_id, record.cycle, record.workshop, record.max_choices]],
        "ballot": [[c.position, c.cycle, c.workshop, c.number, c.title, c.area]
                   for c in sorted(record.choices, key=lambda c: c.position)],
        "cards": [[c.token_hash, c.code_hash, c.sector, c.voted, *([True] if c.handed_out else [])]
                  for c in sorted(record.cards, key=lambda c: c.token_hash)],
        "times": [[_when(record.opened_at), _when(record.closed_at)]],
        "ballots": [list(b) for b in sorted((str(s), " ".join(str(p) for p in _positions(c)), str(ch))
                                            for s, c, ch in record.ballots)],
    }


def _line(row: list[object]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def part_digests(record: Record) -> dict[str, str]:
    return {name: hashlib.sha256("\n".join(_line(r) for r in rows).encode("utf-8")).hexdigest()
            for name, rows in _rows(record).items()}


def digest_of(parts: dict[str, str]) -> str:
    text = "\n".join([RULE_LINE, *(f"{name} {parts.get(name, '')}" for name in PARTS)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(record: Record) -> str:
    """The SHA-256 of the vote's whole record."""
    return digest_of(part_digests(record))


def summary(record: Record) -> dict[str, object]:
    """What the check names when a part differs: times, positions, cards and ballots by sector."""
    cards: dict[str, list[int]] = {}
    for c in record.cards:
        issued = cards.setdefault(c.sector, [0, 0])
        issued[0] += 1
        issued[1] += int(c.voted)
    for sector in {c.sector for c in record.cards if c.handed_out}:  # a third count: handed out at the check-in
        cards[sector].append(sum(1 for c in record.cards if c.sector == sector and c.handed_out))
    ballots: dict[str, int] = {}
    for sector, _, _ in record.ballots:
        ballots[sector] = ballots.get(sector, 0) + 1
    return {"opened": _when(record.opened_at), "closed": _when(record.closed_at), "positions": len(record.choices),
            "ballot": [[c.position, c.workshop, c.number] for c in sorted(record.choices, key=lambda c: c.position)],
            "cards": dict(sorted(cards.items())), "ballots": dict(sorted(ballots.items()))}


def _seal_key(key: bytes) -> bytes:
    return hmac.new(key, _KEY_LABEL, hashlib.sha256).digest()


def key_mark(key: bytes) -> str:
    """A fingerprint of the key a seal was made with: tells keys apart, reveals nothing of them."""
    return hmac.new(_seal_key(key), b"fingerprint", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Seal:
    """What closing stores in ``votes.seal`` (the digest also in ``votes.digest``)."""

    digest: str
    parts: dict[str, str]
    summary: dict[str, object]
    sealed_at: str
    made: str = "close"  # close | migration (a vote closed before the record was sealed whole)
    key: str | None = None  # ``key_mark`` of the key that made ``mac``
    mac: str | None = None
    earlier: dict[str, object] | None = None  # migration: {"rule": 1, "digest": …, "matched": bool}
    rule: int = RULE

    def body(self) -> str:
        """The canonical text the MAC covers: every field but the MAC."""
        fields = {"rule": self.rule, "made": self.made, "sealed_at": self.sealed_at, "digest": self.digest,
                  "parts": self.parts, "summary": self.summary, "key": self.key, "earlier": self.earlier}
        return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def to_json(self) -> str:
        return json.dumps(json.loads(self.body()) | {"mac": self.mac}, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Seal:
        """The stored seal; ``ValueError`` when it is not one."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("parts"), dict):
            raise ValueError("not a seal")
        return cls(str(data["digest"]), {str(k): str(v) for k, v in data["parts"].items()},
                   dict(data.get("summary") or {}), str(data.get("sealed_at") or ""), str(data.get("made") or "close"),
                   data.get("key"), data.get("mac"), data.get("earlier"), int(data.get("rule", 0)))


def _mac(key: bytes, seal: Seal) -> str:
    return hmac.new(_seal_key(key), seal.body().encode("utf-8"), hashlib.sha256).hexdigest()


def make(record: Record, key: bytes | None, made: str = "close", sealed_at: dt.datetime | None = None,
         earlier: dict[str, object] | None = None) -> Seal:
    """The seal of ``record``, with a MAC when the store's key is at hand."""
    parts = part_digests(record)
    when = _when(sealed_at or record.closed_at or dt.datetime.now()) or ""
    unkeyed = Seal(digest_of(parts), parts, summary(record), when, made, key_mark(key) if key else None, None, earlier)
    if key is None:
        return unkeyed
    return Seal(unkeyed.digest, parts, unkeyed.summary, when, made, unkeyed.key, _mac(key, unkeyed), earlier)


# --- the check ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """A closed vote's record now against its seal: what changed, and whether the seal itself holds."""

    digest: str  # the record's digest now
    sealed: str | None  # the digest stored when the vote was closed
    changed: list[str] = field(default_factory=list)  # the parts that differ from the seal (``PARTS``)
    problems: list[str] = field(default_factory=list)  # Polish sentences: what is wrong
    unconfirmed: str | None = None  # "niepotwierdzona — …": why the seal could not be confirmed (no key, no MAC…)
    confirmed: str | None = None  # by what the seal was confirmed
    notes: list[str] = field(default_factory=list)  # Polish sentences worth knowing (sealed at migration…)
    printed_known: bool = False  # the printed digest is this vote's: its record now, or a digest it was sealed with

    @property
    def matches(self) -> bool:
        """Nothing changed since the seal, and the seal is not forged (it may still be unconfirmed)."""
        return not self.problems

    @property
    def ok(self) -> bool:
        return not self.problems and self.unconfirmed is None

    def state(self) -> str:
        if self.problems:
            what = ", ".join(PART_LABELS[p].split(" (")[0] for p in self.changed)
            return (f"NIEZGODNE — zmieniono po zamknięciu: {what}" if what
                    else "NIEZGODNE — zapis głosowania nie zgadza się z pieczęcią (szczegóły niżej)")
        if self.unconfirmed is not None:
            return ("NIEPOTWIERDZONE — zapis zgadza się ze skrótem w magazynie, ale pieczęci nie da się sprawdzić; "
                    "porównaj skrót ze skrótem z wydrukowanego protokołu")
        return "zgodne — od zamknięcia nie zmieniono propozycji na karcie, kart, godzin ani głosów"

    def seal_state(self) -> str:
        if self.confirmed:
            return f"potwierdzona {self.confirmed}"
        return self.unconfirmed or "–"


def _show(iso: object) -> str:
    if not iso:
        return "brak"
    try:
        return f"{dt.datetime.fromisoformat(str(iso)):%d.%m.%Y %H:%M:%S}"
    except ValueError:
        return str(iso)


def _sector(code: str) -> str:
    return f"„{SECTOR_LABELS.get(code, code)}”"


def _by_sector(before: dict[str, object], now: dict[str, object], describe: Callable[[object], str]) -> list[str]:
    order = [s for s in SECTOR_CODES if s in before or s in now] + sorted(set(before) | set(now) - set(SECTOR_CODES))
    return [f"{_sector(s)}: było {describe(before.get(s))}, jest {describe(now.get(s))}"
            for s in order if before.get(s) != now.get(s)]


def _cards(value: object) -> str:
    if isinstance(value, list) and len(value) == 3:
        made, voted, handed = value
        return f"{made} kart, {handed} wydanych przy rejestracji, {voted} użytych"
    issued, voted = value if isinstance(value, list) and len(value) == 2 else (0, 0)
    return f"{issued} wydanych, {voted} użytych"


def _positions_moved(before: object, now: object) -> list[str]:
    """"pozycja 2: było nr 5 (warsztat 3), jest nr 7 (warsztat 3)" for each position whose proposal changed."""
    def by_position(rows: object) -> dict[int, str]:
        if not isinstance(rows, list):
            return {}
        return {int(r[0]): f"nr {r[2]} (warsztat {r[1]})" for r in rows if isinstance(r, list) and len(r) == 3}

    was, is_ = by_position(before), by_position(now)
    return [f"pozycja {p}: było {was.get(p, 'nic')}, jest {is_.get(p, 'nic')}"
            for p in sorted(set(was) | set(is_)) if was.get(p) != is_.get(p)]


def _what_changed(part: str, before: dict[str, object], now: dict[str, object]) -> str:
    sentence = f"Zmieniono {PART_LABELS[part]}"
    if part == "times":
        details = [f"{name}: było {_show(before.get(key))}, jest {_show(now.get(key))}"
                   for name, key in (("otwarcie", "opened"), ("zamknięcie", "closed")) if before.get(key) != now.get(key)]
    elif part == "ballot":
        details = ([f"było {before.get('positions')} pozycji, jest {now.get('positions')}"]
                   if before.get("positions") != now.get("positions") else [])
        details += _positions_moved(before.get("ballot"), now.get("ballot")) or (
            [] if details else ["tyle samo pozycji, ale zmieniono tytuł albo obszar propozycji"])
    elif part == "cards":
        was, is_ = before.get("cards"), now.get("cards")
        details = _by_sector(was if isinstance(was, dict) else {}, is_ if isinstance(is_, dict) else {}, _cards) or [
            "tyle samo kart wydanych i użytych w każdym sektorze, ale inne karty"]
    elif part == "ballots":
        was, is_ = before.get("ballots"), now.get("ballots")
        details = _by_sector(was if isinstance(was, dict) else {}, is_ if isinstance(is_, dict) else {},
                             lambda n: f"{n or 0} głosów") or ["tyle samo głosów w każdym sektorze, inne wybory na nich"]
    else:
        details = []
    return sentence + (": " + "; ".join(details) if details else "") + "."


def _consistency(record: Record) -> list[str]:
    """The tallies' own rule, whatever the seal says: one ballot per card that voted, each ballot valid."""
    problems = []
    voted: dict[str, int] = {}
    for c in record.cards:
        voted[c.sector] = voted.get(c.sector, 0) + int(c.voted)
    cast: dict[str, int] = {}
    for sector, _, _ in record.ballots:
        cast[sector] = cast.get(sector, 0) + 1
    for s in [s for s in SECTOR_CODES if s in voted or s in cast] + sorted(set(voted) | set(cast) - set(SECTOR_CODES)):
        if voted.get(s, 0) != cast.get(s, 0):
            problems.append(f"W sektorze {_sector(s)} oddano {cast.get(s, 0)} głosów, a głosowało "
                            f"{voted.get(s, 0)} kart: głos dopisano albo usunięto z pominięciem zasady „jedna karta "
                            "— jeden głos”.")
    known = {c.position for c in record.choices}
    bad = 0
    for _, chosen, _ in record.ballots:
        try:
            positions = _positions(chosen)
        except ValueError:
            bad += 1
            continue
        bad += not positions or len(set(positions)) != len(positions) or len(positions) > record.max_choices or not (
            set(positions) <= known)
    if bad:
        problems.append(f"Głosów z wyborami spoza karty, bez wyboru albo z więcej niż {record.max_choices} wyborami: "
                        f"{bad}.")
    return problems


def check(record: Record, sealed: str | None, seal_text: str | None, key: bytes | None,
          printed: str | None = None) -> Check:
    """``record`` against the digest and seal stored at closing, the store's key and (optionally) the
    digest printed on the protocol; every finding a Polish sentence."""
    parts = part_digests(record)
    now = digest_of(parts)
    problems = _consistency(record)
    notes: list[str] = []
    changed: list[str] = []
    unconfirmed: str | None = None
    confirmed: str | None = None
    seal: Seal | None = None
    unsigned = ""
    if seal_text:
        try:
            seal = Seal.from_json(seal_text)
        except (ValueError, KeyError, TypeError):
            problems.append("Pieczęć głosowania zapisana w magazynie jest uszkodzona — zmieniono ją po zamknięciu.")
    elif sealed is not None or record.closed_at is not None:
        problems.append("W magazynie nie ma pieczęci tego głosowania — usunięto ją po zamknięciu.")
    if seal is not None:
        if seal.rule != RULE:
            unconfirmed = (f"niepotwierdzona — założono ją według reguły {seal.rule}, której ta wersja programu nie "
                           "zna; sprawdź ją wersją, która ją założyła")
        else:
            if seal.digest != digest_of(seal.parts) or seal.digest != sealed:
                problems.append("Skrót zapisany w magazynie nie zgadza się z pieczęcią — zmieniono go po zamknięciu.")
            changed = [p for p in PARTS if parts[p] != seal.parts.get(p)]
            now_summary = summary(record)
            problems += [_what_changed(p, seal.summary, now_summary) for p in changed]
            if seal.mac is None and key is not None:  # closing signs whenever the store has a key
                unsigned = UNSIGNED
                problems.append(unsigned)
            elif seal.mac is None:
                unconfirmed = ("niepotwierdzona — założono ją bez klucza magazynu, więc potwierdza ją tylko skrót "
                               "z wydrukowanego protokołu (python -m analysis protocol --verify --digest SKRÓT)")
            elif key is None:
                unconfirmed = ("niepotwierdzona — nie ma klucza magazynu (plik klucza pseudonimów albo "
                               "PARTNERSTWO_PSEUDONYM_KEY); przywróć klucz z kopii albo podaj skrót z wydrukowanego "
                               "protokołu (python -m analysis protocol --verify --digest SKRÓT)")
            elif key_mark(key) != seal.key:
                unconfirmed = (f"niepotwierdzona — założono ją innym kluczem (odcisk {seal.key}) niż obecny klucz "
                               f"magazynu (odcisk {key_mark(key)}); przywróć klucz z chwili zamknięcia albo podaj skrót "
                               "z wydrukowanego protokołu (python -m analysis protocol --verify --digest SKRÓT)")
            elif not hmac.compare_digest(str(seal.mac), _mac(key, seal)):
                problems.append("Pieczęć nie pasuje do klucza magazynu: skrót albo pieczęć przepisano po zamknięciu "
                                "(bez klucza nie da się założyć prawdziwej).")
            else:
                confirmed = "kluczem magazynu"
        if seal.made == "migration":
            notes.append(f"Głosowanie zamknięto przed rozdzieleniem kart i głosów; pieczęć całego zapisu założono przy "
                         f"aktualizacji magazynu {_show(seal.sealed_at)}.")
        earlier = seal.earlier or {}
        if earlier:
            if earlier.get("matched"):
                notes.append(f"Skrót według starszej reguły (sama tabela kart), zapisany przy zamknięciu: "
                             f"{earlier.get('digest')} — przy aktualizacji magazynu był zgodny z tabelą kart.")
            else:
                problems.append(f"Przy aktualizacji magazynu tabela kart NIE zgadzała się ze skrótem zapisanym przy "
                                f"zamknięciu ({earlier.get('digest')}, starsza reguła): karty zmieniono przed "
                                "aktualizacją.")
    printed_known = False
    if printed is not None:
        given = printed.strip().lower()
        printed_known = given in {now, str(sealed).lower(), str((seal.earlier or {}).get("digest", "")).lower()
                                  if seal is not None else now}
        if given == now:
            confirmed = "skrótem z wydrukowanego protokołu" if confirmed is None else (
                f"{confirmed} i skrótem z wydrukowanego protokołu")
            unconfirmed = None
            if unsigned in problems:  # the printed protocol vouches for the record the seal lacks a MAC for
                problems.remove(unsigned)
        elif seal is not None and given == str((seal.earlier or {}).get("digest", "")).lower():
            notes.append("Skrót z wydrukowanego protokołu to skrót według starszej reguły, zapisany przy zamknięciu "
                         "(zgadza się z tym w magazynie); od aktualizacji zapis chroni pieczęć całego zapisu.")
        else:
            problems.append(f"Skrót z wydrukowanego protokołu ({printed.strip()}) nie zgadza się ze skrótem zapisu "
                            f"głosowania teraz ({now}).")
    return Check(now, sealed, changed, problems, unconfirmed, confirmed, notes, printed_known)
