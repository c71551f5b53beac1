"""All HTTP of Levekårskart goes through here: one session, timeouts, retries, rate limits, a disk cache.

Why one module: every publisher has its own limits (SSB allows 30 calls per 60 s), flaky moments
(429/5xx, dropped connections) and large files (GTFS, boundary zips). Handling that once means every
source gets the same guarantees:

- every call has a timeout; 429/5xx and connection errors are retried with exponential backoff,
  honouring ``Retry-After`` (seconds or an HTTP date);
- a per-host sliding-window rate limit (injectable clock and sleep, so tests take milliseconds);
- raw responses are cached on disk, keyed by method + URL + params + body. A body is streamed to a
  ``.part`` file, verified (expected length, JSON parse, zip integrity) and only then renamed into
  place, so a truncated download is never taken for a complete one and a rerun resumes (with an HTTP
  ``Range`` request where the server supports it);
- failures become named errors (:class:`SourceUnavailable`, :class:`RateLimited`,
  :class:`SourceFormatError`, :class:`CacheMiss`, …) whose messages say what to do; the CLI prints
  them without a traceback.

No other module imports :mod:`requests`.
"""

from __future__ import annotations

import collections
import email.utils
import hashlib
import json
import os
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from geo.errors import LevekarError
from geo.files import sha256_file, write_bytes_atomic

__version__ = "0.1"
USER_AGENT = (f"Levekaarskart/{__version__} (open-source living-conditions map of Trondheim; "
              "python-requests/" + requests.__version__ + ")")
#: Connect and read timeouts in seconds.
DEFAULT_TIMEOUT = (10.0, 120.0)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Per-host call limits as (calls, seconds). SSB's guide says 30 calls per 60 s for PxWebApi (its
#: ``x-ratelimit-policy`` header has said ``40;w=60s``): the lower figure is kept. SSB's 429 answers
#: carry no documented ``Retry-After``; the window is then waited out (see ``_download_to``).
DEFAULT_RATE_LIMITS: dict[str, tuple[int, float]] = {"data.ssb.no": (30, 60.0)}
#: What to tell the user when a host stays unavailable.
HOST_HINTS: dict[str, str] = {
    "data.ssb.no": "SSB updates its statistics bank daily at 05:00 and 11:30 (Norwegian time) and may be "
                   "unavailable for a few minutes then",
    "overpass-api.de": "the public Overpass server is often busy; try again in a few minutes",
}
#: Verifiers by ``kind``; each raises on a body that must not be cached.
KINDS = ("json", "zip", "bytes")
CHUNK = 1 << 16


# --- errors ------------------------------------------------------------------------------------------
class SourceError(LevekarError):
    """Base class of errors about fetching official data."""


class SourceUnavailable(SourceError):
    """A source could not be reached or kept failing (network, timeouts, 5xx) after all retries."""


class RateLimited(SourceUnavailable):
    """The publisher kept answering 429 Too Many Requests, or asked us to wait too long."""


class SourceRequestError(SourceError):
    """The publisher rejected the request (4xx other than 429): the URL or query is out of date."""


class SourceFormatError(SourceError):
    """A response is not what the reader expects (truncated, malformed, or a changed schema)."""


class CacheMiss(SourceError):
    """Offline mode and the cache lacks a response."""

    def __init__(self, name: str, url: str, params: dict | None = None) -> None:
        self.name, self.url, self.params = name, url, params
        query = f" {json.dumps(params, ensure_ascii=False, sort_keys=True)}" if params else ""
        super().__init__(f"{name}: not in the cache ({url}{query}); run once without --offline to fetch it")


# --- rate limit ---------------------------------------------------------------------------------------
class RateLimiter:
    """At most ``calls`` acquisitions in any window of ``period`` seconds (sliding window).

    Parameters
    ----------
    calls, period : int, float
        The limit.
    clock, sleep : callable
        Monotonic clock and sleep function; injected in tests.
    """

    def __init__(self, calls: int, period: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if calls < 1 or period <= 0:
            raise ValueError(f"rate limit needs calls >= 1 and period > 0, got {calls} per {period}")
        self.calls, self.period = calls, period
        self._clock, self._sleep = clock, sleep
        self._stamps: collections.deque[float] = collections.deque()

    def acquire(self) -> float:
        """Wait until a call is allowed, record it, and return the time waited."""
        waited = 0.0
        while True:
            now = self._clock()
            while self._stamps and now - self._stamps[0] >= self.period:
                self._stamps.popleft()
            if len(self._stamps) < self.calls:
                self._stamps.append(now)
                return waited
            delay = self.period - (now - self._stamps[0])
            self._sleep(delay)
            waited += delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --- results ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fetched:
    """One cached raw response and where it came from (the source manifest's unit)."""

    name: str
    url: str
    query: Any
    path: Path
    sha256: str
    bytes: int
    retrieved_at: str
    from_cache: bool = False

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.path.read_bytes())

    def manifest_entry(self, licence: str) -> dict[str, Any]:
        """The manifest record: name, url, query, retrieved_at, licence, sha256, bytes."""
        return {"name": self.name, "url": self.url, "query": self.query, "retrieved_at": self.retrieved_at,
                "licence": licence, "sha256": self.sha256, "bytes": self.bytes}


def request_key(method: str, url: str, params: dict | None = None, body: Any = None) -> str:
    """A stable cache key for a request: sha256 over method, URL, sorted params and the JSON body."""
    text = json.dumps([method.upper(), url, sorted((params or {}).items()), body], sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()




def verify_body(path: Path, kind: str, name: str) -> None:
    """Raise :class:`SourceFormatError` unless the file at ``path`` is a complete ``kind`` body."""
    if kind == "json":
        try:
            json.loads(path.read_bytes())
        except (ValueError, UnicodeDecodeError) as exc:
            raise SourceFormatError(f"{name}: the response is not valid JSON ({exc}); it was not cached — "
                                    "rerun to try again; if it persists the service may have changed") from exc
    elif kind == "zip":
        try:
            with zipfile.ZipFile(path) as zf:
                bad = zf.testzip()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise SourceFormatError(f"{name}: the downloaded file is not a complete zip archive ({exc}); "
                                    "it was not cached — rerun to download it again") from exc
        if bad is not None:
            raise SourceFormatError(f"{name}: member {bad!r} of the downloaded zip is corrupt; it was not cached "
                                    "— rerun to download it again")
    elif kind != "bytes":
        raise ValueError(f"unknown body kind {kind!r}; expected one of {KINDS}")


class _Interrupted(Exception):
    """A body stream broke off; the ``.part`` file keeps what arrived so far."""


# --- client -------------------------------------------------------------------------------------------
@dataclass
class HttpClient:
    """Cached, rate-limited, retrying HTTP for the source readers.

    Parameters
    ----------
    cache_dir : path-like
        Where raw responses are kept (one sub-folder per host).
    offline : bool
        Never touch the network; a response missing from the cache raises :class:`CacheMiss`.
    force : bool
        Refetch even when a response is cached.
    session : requests.Session, optional
        Injected in tests; by default a new session with :data:`USER_AGENT`.
    timeout : (float, float)
        Connect and read timeouts, seconds.
    max_retries : int
        Retries after the first attempt.
    backoff : float
        First retry delay in seconds; doubles each attempt, capped at ``max_backoff``.
    max_wait : float
        Longest ``Retry-After`` honoured; longer asks end in :class:`RateLimited`.
    rate_limits : dict
        host → (calls, seconds).
    clock, sleep, now : callable
        Monotonic clock, sleep and wall-clock ``datetime`` factory, injected in tests.
    progress : callable, optional
        ``progress(name, done_bytes, total_bytes_or_None)`` during streamed downloads.
    """

    cache_dir: Path
    offline: bool = False
    force: bool = False
    session: Any = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    max_retries: int = 4
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_wait: float = 300.0
    rate_limits: dict[str, tuple[int, float]] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    progress: Callable[[str, int, int | None], None] | None = None
    calls: int = 0

    def __post_init__(self) -> None:
        self.cache_dir = Path(self.cache_dir).expanduser()
        if self.session is None:
            self.session = requests.Session()
            self.session.headers["User-Agent"] = USER_AGENT
        self._limiters: dict[str, RateLimiter] = {}

    # -- public API --------------------------------------------------------------------------------
    def get_json(self, url: str, *, name: str, params: dict | None = None) -> Fetched:
        """GET a JSON document (cached)."""
        return self.fetch("GET", url, name=name, params=params, kind="json")

    def post_json(self, url: str, body: Any, *, name: str, params: dict | None = None,
                  refresh: bool = False) -> Fetched:
        """POST a JSON body and get a JSON document back (cached by the body too)."""
        return self.fetch("POST", url, name=name, params=params, body=body, kind="json", refresh=refresh)

    def download(self, url: str, *, name: str, kind: str = "zip", params: dict | None = None) -> Fetched:
        """Stream a (large) file to the cache, resuming a partial download where the server allows."""
        return self.fetch("GET", url, name=name, params=params, kind=kind)

    def cached(self, method: str, url: str, params: dict | None = None, body: Any = None) -> Fetched | None:
        """The verified cache entry for a request, or None."""
        key = request_key(method, url, params, body)
        data, meta = self._paths(url, key)
        if not (data.exists() and meta.exists()):
            return None
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            return None
        # A data file whose size or hash disagrees with its sidecar is never trusted.
        if data.stat().st_size != info.get("bytes") or sha256_file(data) != info.get("sha256"):
            return None
        return Fetched(name=info["name"], url=url, query=info.get("query"), path=data, sha256=info["sha256"],
                       bytes=info["bytes"], retrieved_at=info["retrieved_at"], from_cache=True)

    def fetch(self, method: str, url: str, *, name: str, params: dict | None = None, body: Any = None,
              kind: str = "json", refresh: bool = False) -> Fetched:
        """Fetch one request through the cache; see the class docstring for the guarantees.

        ``refresh`` refetches this one request even when cached (unless offline), e.g. an order whose
        download links have expired.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {KINDS}")
        if not (self.force or refresh) or self.offline:
            hit = self.cached(method, url, params, body)
            if hit is not None:
                return hit
        if self.offline:
            raise CacheMiss(name, url, params)
        key = request_key(method, url, params, body)
        data, meta = self._paths(url, key)
        data.parent.mkdir(parents=True, exist_ok=True)
        part = data.with_suffix(".part")
        if self.force or refresh:
            part.unlink(missing_ok=True)
        self._download_to(part, method, url, params, body, name)
        try:
            verify_body(part, kind, name)
        except SourceFormatError:
            part.unlink(missing_ok=True)
            raise
        digest, size = sha256_file(part), part.stat().st_size
        stamp = self.now().astimezone(UTC).isoformat(timespec="seconds")
        query = {"params": params, "body": body} if body is not None else params
        os.replace(part, data)
        # The sidecar is written last: an entry without it (or disagreeing with it) is not a hit.
        write_bytes_atomic(meta, json.dumps({"name": name, "url": url, "method": method, "query": query,
                                        "sha256": digest, "bytes": size, "retrieved_at": stamp},
                                       ensure_ascii=False, indent=1).encode())
        return Fetched(name=name, url=url, query=query, path=data, sha256=digest, bytes=size,
                       retrieved_at=stamp, from_cache=False)

    # -- internals ---------------------------------------------------------------------------------
    def _paths(self, url: str, key: str) -> tuple[Path, Path]:
        host = urlsplit(url).hostname or "local"
        folder = self.cache_dir / host
        return folder / f"{key}.data", folder / f"{key}.json"

    def _limiter(self, host: str) -> RateLimiter | None:
        if host not in self.rate_limits:
            return None
        if host not in self._limiters:
            calls, period = self.rate_limits[host]
            self._limiters[host] = RateLimiter(calls, period, clock=self.clock, sleep=self.sleep)
        return self._limiters[host]

    def _delay(self, attempt: int) -> float:
        return min(self.max_backoff, self.backoff * (2 ** attempt))

    def _download_to(self, part: Path, method: str, url: str, params: dict | None, body: Any, name: str) -> None:
        host = urlsplit(url).hostname or url
        attempt = 0
        while True:
            try:
                self._attempt(part, method, url, params, body, name, host)
                return
            except _Interrupted as exc:
                reason = str(exc)
                wait = self._delay(attempt)
            except _RetryableStatus as exc:
                reason = f"HTTP {exc.status}"
                wait = exc.wait if exc.wait is not None else self._delay(attempt)
                if exc.status == 429 and exc.wait is None and host in self.rate_limits:
                    # No Retry-After: a short backoff would only spend the retries inside the same
                    # window, so wait the host's whole window (60 s at SSB) before trying again.
                    wait = max(wait, self.rate_limits[host][1])
                if exc.wait is not None and exc.wait > self.max_wait:
                    raise RateLimited(f"{name}: {host} asks us to wait {exc.wait:.0f} s (Retry-After); "
                                      "try again later or use --offline with a filled cache") from None
                if attempt >= self.max_retries:
                    cls = RateLimited if exc.status == 429 else SourceUnavailable
                    what = "keeps refusing with 429 Too Many Requests" if exc.status == 429 else \
                        f"keeps failing with HTTP {exc.status}"
                    raise cls(f"{name}: {host} {what} after {attempt + 1} attempts; try again later"
                              f"{_hint(host)}") from None
            if attempt >= self.max_retries:
                raise SourceUnavailable(f"{name}: could not download from {host} after {attempt + 1} attempts "
                                        f"({reason}); check the network, then rerun — completed downloads are "
                                        f"kept in the cache{_hint(host)}") from None
            self.sleep(wait)
            attempt += 1

    def _attempt(self, part: Path, method: str, url: str, params: dict | None, body: Any, name: str,
                 host: str) -> None:
        limiter = self._limiter(host)
        if limiter is not None:
            limiter.acquire()
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        self.calls += 1
        try:
            resp = self.session.request(method, url, params=params, json=body, headers=headers,
                                        timeout=self.timeout, stream=True)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise _Interrupted(_short_reason(exc)) from exc
        try:
            status = resp.status_code
            if status in RETRY_STATUSES:
                raise _RetryableStatus(status, parse_retry_after(resp.headers.get("Retry-After"), self.now()))
            if status == 416 and have:
                # Our .part is already as long as (or longer than) the file: start over cleanly.
                part.unlink(missing_ok=True)
                raise _Interrupted("range not satisfiable; restarting the download")
            if status >= 400:
                snippet = (resp.text or "")[:300].replace("\n", " ")
                raise SourceRequestError(f"{name}: {host} rejected the request with HTTP {status} ({url}); "
                                         f"the table, dataset or query may have changed. Server said: {snippet}")
            append = status == 206 and have > 0
            expected = _expected_length(resp, have if append else 0)
            done = have if append else 0
            mode = "ab" if append else "wb"
            with part.open(mode) as fh:
                try:
                    for chunk in resp.iter_content(CHUNK):
                        if chunk:
                            fh.write(chunk)
                            done += len(chunk)
                            if self.progress:
                                self.progress(name, done, expected)
                except (requests.ConnectionError, requests.Timeout,
                        requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
                    if _encoded(resp):
                        # Byte ranges count compressed bytes but we stored decoded ones: restart instead.
                        fh.close()
                        part.unlink(missing_ok=True)
                    raise _Interrupted(f"connection broke after {done} bytes: {type(exc).__name__}") from exc
            if expected is not None and done != expected:
                if done > expected:
                    part.unlink(missing_ok=True)
                raise _Interrupted(f"got {done} of {expected} bytes")
        finally:
            resp.close()


class _RetryableStatus(Exception):
    def __init__(self, status: int, wait: float | None) -> None:
        super().__init__(status)
        self.status, self.wait = status, wait


def _hint(host: str) -> str:
    return f" ({HOST_HINTS[host]})" if host in HOST_HINTS else ""


def _short_reason(exc: Exception) -> str:
    """A one-line reason for a connection failure (urllib3's own messages run to several lines)."""
    text = str(exc)
    if isinstance(exc, requests.Timeout):
        return "timed out"
    for marker, reason in (("NameResolutionError", "the host name could not be resolved (no network or DNS?)"),
                           ("Connection refused", "connection refused"),
                           ("Connection reset", "connection reset by the server"),
                           ("SSLError", "TLS/SSL handshake failed")):
        if marker in text:
            return reason
    return f"{type(exc).__name__}: {text[:160]}"


def _encoded(resp: Any) -> bool:
    """True when the body is sent compressed (gzip, deflate, …) and decoded on the fly."""
    return resp.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")


def _expected_length(resp: Any, offset: int) -> int | None:
    """Total bytes the finished file should have, when the headers say so reliably."""
    headers = resp.headers
    content_range = headers.get("Content-Range", "")
    if content_range and "/" in content_range:
        total = content_range.rsplit("/", 1)[1].strip()
        if total.isdigit():
            return int(total)
    # With a Content-Encoding the header counts compressed bytes, but iter_content yields decoded ones.
    if _encoded(resp):
        return None
    length = headers.get("Content-Length")
    return offset + int(length) if length and length.isdigit() else None


def merge_manifest(*groups: Iterable[dict]) -> list[dict]:
    """Concatenate manifest entries, dropping exact duplicates (same url, query and sha256)."""
    seen: set[str] = set()
    out: list[dict] = []
    for group in groups:
        for entry in group:
            key = json.dumps([entry.get("url"), entry.get("query"), entry.get("sha256")], sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out
