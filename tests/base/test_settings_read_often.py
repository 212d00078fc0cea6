"""Settings are read many times in every script run (each page asks for the store, the store for its URL): the
places of secrets.toml are resolved once, and what the file says is still read as it is now."""

from __future__ import annotations

import os
from pathlib import Path

from analysis import config


def test_secrets_places_are_resolved_once_and_a_changed_file_is_read_again(tmp_path, monkeypatch):
    secrets = tmp_path / "biuro" / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir(parents=True)
    secrets.write_text('PARTNERSTWO_PASSWORD = "pierwsze"\n', encoding="utf-8")
    monkeypatch.setattr(config, "SECRETS_FILES", (secrets, tmp_path / "nie-ma" / "secrets.toml"))
    monkeypatch.delenv("PARTNERSTWO_PASSWORD", raising=False)
    resolved = []
    real = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, *a, **k: resolved.append(self) or real(self, *a, **k))
    assert [config.password() for _ in range(5)] == ["pierwsze"] * 5
    assert len(resolved) <= 2  # once per place, not once per setting read
    secrets.write_text('PARTNERSTWO_PASSWORD = "drugie"\n', encoding="utf-8")
    os.utime(secrets, (secrets.stat().st_atime, secrets.stat().st_mtime + 5))  # changed since: read again
    assert config.password() == "drugie"
