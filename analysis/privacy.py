"""Keyed pseudonyms for participants: the plain name is never stored.

A person is the HMAC-SHA256 of their folded name (case, spacing and diacritics do not split a
person) under a secret key kept outside the database: in ``PARTNERSTWO_PSEUDONYM_KEY`` or in a
key file made on first start beside the database. Without the key nobody can tell from the
database who took part; with it the office recognises the same person across workshops.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import Counter
from pathlib import Path

from analysis import config
from analysis.vocabulary import fold

KEY_ENV = "PARTNERSTWO_PSEUDONYM_KEY"
KEY_FILE_NAME = "klucz_pseudonimow.key"


def load_key(folder: Path) -> bytes:
    """The pseudonym key: from the environment, or from the key file (made on first start)."""
    configured = config.pseudonym_key()
    if configured:
        return configured.encode()
    path = folder / KEY_FILE_NAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    return path.read_text().strip().encode()


def pseudonym(key: bytes, name: str, occurrence: int = 1) -> str:
    """The keyed pseudonym of a name; the 2nd, 3rd… person of the same name in one list differ."""
    folded = fold(name)
    message = folded if occurrence == 1 else f"{folded}#{occurrence}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32]


def pseudonyms(key: bytes, names: list[str]) -> list[str]:
    """Pseudonyms for the names of one attendance list, in order.

    Two people of the same name at one workshop stay two; a row without a name is a person of
    its own (a random pseudonym that matches nobody).
    """
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        folded = fold(name)
        if not folded:
            out.append("anon-" + secrets.token_hex(12))
            continue
        seen[folded] += 1
        out.append(pseudonym(key, name, seen[folded]))
    return out
