"""Fixtures for source tests: a fake clock and an HTTP client that never really sleeps."""

from __future__ import annotations

import io
import socket
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geo.sources.http import HttpClient

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Source tests must never reach the internet: any real connection attempt fails loudly."""

    def refuse(*args, **kwargs):
        raise RuntimeError("a source test tried to open a real network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


class FakeClock:
    """Monotonic clock + sleep + wall clock that only move when slept on."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds

    def now(self) -> datetime:
        return datetime(2026, 11, 22, 1, 0, 0, tzinfo=UTC).fromtimestamp(1_795_000_000 + self.t, tz=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(tmp_path, clock):
    """Factory for clients with a temp cache and the fake clock."""

    def make(**kw) -> HttpClient:
        kw.setdefault("cache_dir", tmp_path / "cache")
        return HttpClient(clock=clock.monotonic, sleep=clock.sleep, now=clock.now, **kw)

    return make


def zip_bytes(files: dict[str, bytes | str]) -> bytes:
    """A small in-memory zip archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
