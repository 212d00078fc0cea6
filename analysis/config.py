"""Settings, read in this one module: the environment first, then ``.streamlit/secrets.toml``.

The dashboard and the command line read every setting here, so both see the same data folder,
database, password and pseudonym key. Secrets files are looked for where Streamlit looks for
them: ``~/.streamlit/secrets.toml``, then the project's (and the working folder's)
``.streamlit/secrets.toml``; a later file wins over an earlier one, the environment over all.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAX_UPLOAD_MB = 20
DEFAULT_MIN_GROUP_SIZE = 3

# where secrets.toml may lie, earliest first (tests replace this tuple)
SECRETS_FILES: tuple[Path, ...] = (
    Path.home() / ".streamlit" / "secrets.toml",
    ROOT / ".streamlit" / "secrets.toml",
    Path.cwd() / ".streamlit" / "secrets.toml",
)
_secrets_cache: dict[tuple[str, float], dict[str, object]] = {}
_resolved: dict[Path, Path] = {}  # an absolute place of secrets.toml -> the file it is (symbolic links followed)


def _resolve(path: Path) -> Path:
    """``path.resolve()``, remembered for an absolute path: the settings are read many times in each script run."""
    if not path.is_absolute():
        return path.resolve()
    found = _resolved.get(path)
    if found is None:
        found = _resolved[path] = path.resolve()
    return found


def _secrets() -> dict[str, object]:
    merged: dict[str, object] = {}
    seen: set[Path] = set()
    for path in SECRETS_FILES:
        try:
            resolved = _resolve(path)
            if resolved in seen or not resolved.is_file():
                continue
            seen.add(resolved)
            key = (str(resolved), resolved.stat().st_mtime)
            if key not in _secrets_cache:
                parsed = _toml(resolved)
                if parsed is None:
                    continue  # nor is one that is not TOML
                _secrets_cache[key] = parsed
            merged.update(_secrets_cache[key])
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable secrets file is the same as none
    return merged


def _toml(path: Path) -> dict[str, object] | None:
    """The settings of a TOML file, None when it is not TOML (``tomllib`` is imported only for a file)."""
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError:
        return None


def setting(name: str) -> str | None:
    """A setting's text: the environment variable ``name``, else the key ``name`` in secrets.toml."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    secret = _secrets().get(name)
    if secret is None or isinstance(secret, dict):
        return None
    text = str(secret).strip()
    return text or None


def _positive_int(name: str, default: int) -> int:
    raw = setting(name) or ""
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value > 0 else default


# --- what the settings are -------------------------------------------------------------------------


def max_upload_mb() -> int:
    """Largest file accepted, in megabytes (``PARTNERSTWO_MAX_UPLOAD_MB``, default 20)."""
    return _positive_int("PARTNERSTWO_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


# browsers that print the evaluation report to PDF (Chromium 131 or newer: CSS page-margin boxes), first found wins
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
                  "microsoft-edge")


def chromium() -> str | None:
    """The Chromium that prints the evaluation report to PDF: ``PARTNERSTWO_CHROMIUM`` (a path or a command), else
    the first of ``CHROMIUM_NAMES`` on the PATH; None when there is none."""
    import shutil

    configured = setting("PARTNERSTWO_CHROMIUM")
    for name in [configured] if configured else CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def data_folder() -> Path:
    """Where the SQLite file and the pseudonym key live (``PARTNERSTWO_DATA_DIR``, default data/)."""
    configured = setting("PARTNERSTWO_DATA_DIR")
    return Path(configured) if configured else ROOT / "data"


def database_url() -> str | None:
    """``DATABASE_URL`` as SQLAlchemy spells it (psycopg 3 for PostgreSQL), or None for the SQLite file."""
    configured = setting("DATABASE_URL")
    if not configured:
        return None
    for prefix in ("postgres://", "postgresql://"):
        if configured.startswith(prefix):
            return "postgresql+psycopg://" + configured[len(prefix):]
    return configured


def password() -> str | None:
    """The office's password for editing (``PARTNERSTWO_PASSWORD``), or None when none is set."""
    return setting("PARTNERSTWO_PASSWORD")


def password_for_viewing_choice() -> bool | None:
    """``PARTNERSTWO_PASSWORD_FOR_VIEWING``: True ("1"), False ("0": open even on a network), or None when
    unset (the password is then needed to look only while the dashboard listens beyond this computer)."""
    value = (setting("PARTNERSTWO_PASSWORD_FOR_VIEWING") or "").lower()
    if value in ("1", "true", "tak", "yes"):
        return True
    if value in ("0", "false", "nie", "no"):
        return False
    return None


def trusted_proxies() -> list[str]:
    """Reverse proxies whose ``X-Forwarded-For`` names the client (``PARTNERSTWO_TRUSTED_PROXIES``: addresses or
    networks, comma-separated, e.g. ``127.0.0.1`` for a proxy on this computer); none by default."""
    return [entry.strip() for entry in (setting("PARTNERSTWO_TRUSTED_PROXIES") or "").split(",") if entry.strip()]


def web_server_trusted_proxies() -> str:
    """Whom the web server under Streamlit (uvicorn) believes ``X-Forwarded-For`` from: its own setting
    ``FORWARDED_ALLOW_IPS``, by default this computer. The dashboard does not follow it; it only needs to
    know what uvicorn did to a connection's address (``views._gate``)."""
    return os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1").strip()


def min_group_size() -> int:
    """Smallest group of people whose count a report publishes (``PARTNERSTWO_MIN_GROUP_SIZE``, default 3).

    Counts from 1 to one less than this are shown as "<3" (statistical disclosure control).
    """
    return _positive_int("PARTNERSTWO_MIN_GROUP_SIZE", DEFAULT_MIN_GROUP_SIZE)


def pseudonym_key() -> str | None:
    """A pseudonym key set by the office (``PARTNERSTWO_PSEUDONYM_KEY``), else None (the key file)."""
    return setting("PARTNERSTWO_PSEUDONYM_KEY")


# Limits that keep a hostile or broken file from exhausting the machine.
MAX_ROWS_PER_SHEET = 300_000
MAX_COLUMNS = 200
MAX_SHEETS = 100
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # declared size of all parts of an xlsx/ods
MAX_COMPRESSION_RATIO = 250  # honest spreadsheets compress 5-30 times, bombs thousands
READER_MEMORY_BYTES = 1536 * 1024 * 1024  # address space of the reading process
READER_TIMEOUT_SECONDS = 60
# The hall: a browser that gave the office's password stays unlocked this long (in every process on the store)
UNLOCKED_FOR_SECONDS = 12 * 3600
