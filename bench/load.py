"""Load generator: N concurrent visitors, each a real Streamlit session over Streamlit's websocket protocol.

Run (against one process or nginx in front of replicas; see ``bench/run_load_matrix.sh``)::

    python bench/load.py --url http://127.0.0.1:8780 --sessions 20 --duration 300 \\
        --pid replica1=PID1 --pid replica2=PID2 --out result.json

What one visitor does, over and over until the run ends (each step is one *interaction*, timed from the
message sent to the server's ``script_finished`` for it; a think time of ``--think`` seconds, uniform,
lies between steps):

1. ``load_map`` — ``GET /`` (which hands out nginx's route cookie and Streamlit's XSRF cookie), open the
   websocket ``/_stcore/stream`` with those cookies, ask for the first run (the map page), then send the
   map's report of its first paint as a browser's map does (a rerun that brings the page's widgets,
   ``ui.controls.controls_after_map``); timed from the GET to the end of that second run;
2. ``indicator`` — pick another indicator in the sidebar;
3. ``year`` — pick another year;
4. ``search`` — type a letter into "Finn sone" (the zone search);
5. ``select_zone`` — click one of the zones it found (the page selects it and reruns itself: the
   interaction ends when the rerun has finished);
6. ``other_page`` — open another page (``--pages``), then leave (close the websocket). The next visitor
   of that slot starts afresh, with no cookies, as a new browser would.

Every message is Streamlit's own protobuf (``streamlit.proto.BackMsg_pb2`` /
``ForwardMsg_pb2``): a ``rerun_script`` carrying the widget states the visitor has set (by widget key,
read from the elements the server sent), the URL's query string as the server last set it, the page
wanted, and the hashes of the cacheable messages already received (so, as in a browser, the server
sends a short reference instead of a big element it sent before).

How it differs from a browser:

- no JavaScript runs: nothing is rendered, no component iframe (the map) is loaded, so the map's own
  requests (Leaflet from ``/app/static``, tiles) and its click values are not produced (its first-paint
  report is sent, without waiting for a paint); a zone is selected through the search, which runs the
  same server code as a map click (select, rerun);
- no static files are fetched (the app's JS/CSS bundle, fonts, images, ``/app/static``), only ``GET /``
  and the websocket; nginx and the replicas serve those from memory or disk, but they are not counted;
- widget states are sent only for widgets the visitor touched (a browser sends every mounted widget's
  state); untouched keyed widgets keep their value in the server's session state either way;
- a download is not clicked (it is built on the server only when clicked).

Errors (must be 0): a failed HTTP request or websocket handshake, a closed websocket, an interaction
that does not finish within ``--timeout``, a run that ends with a compile error, or an exception
element in the page. The memory (RSS) and CPU of each server process named by ``--pid`` (with its
child processes) are sampled every ``--sample`` seconds from ``/proc``; the generator's own CPU is
measured separately (``getrusage``), as is the whole machine's CPU use and load average, so the load
of anything else running on the machine is on record.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import random
import re
import resource
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STEPS = ("load_map", "indicator", "year", "search", "select_zone", "other_page")
#: Pages a visitor may open after the map (url paths of app.py's st.Page entries).
DEFAULT_PAGES = ("change", "relationships", "about")
_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
         ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
_SEARCH_LETTERS = "aeiosnrtl"
_WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]{32}-(.*)$", re.S)
_CLK_TCK = os.sysconf("SC_CLK_TCK")


class InteractionError(Exception):
    """An interaction failed (the kind of failure is the message's first word)."""


@dataclass
class Widget:
    """A widget the server drew in the last run: its id, kind and options."""

    id: str
    kind: str
    options: list[str]
    value: str | None


@dataclass
class Results:
    """Everything measured, shared by all visitors."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: dict[str, int] = field(default_factory=dict)
    error_examples: list[str] = field(default_factory=list)
    visitors: int = 0

    def error(self, step: str, exc: BaseException) -> None:
        """Count one failed interaction and keep a few examples."""
        key = f"{step}: {type(exc).__name__}"
        self.errors[key] = self.errors.get(key, 0) + 1
        if len(self.error_examples) < 10:
            self.error_examples.append(f"{key}: {str(exc)[:300]}")


def widget_key(element_id: str) -> str:
    """The user key of a widget id (``$$ID-<32 hex>-<key>``; ``None`` when it has no key)."""
    m = _WIDGET_ID.match(element_id)
    return m[1] if m else element_id


class Session:
    """One browser tab: cookies, a websocket, the widgets and pages the server announced."""

    def __init__(self, base_url: str, timeout: float):
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.ws = None
        self.query_string = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # key -> widget
        self.states: dict[str, object] = {}  # widget id -> WidgetState set by this visitor
        self.cached: set[str] = set()

    def _get(self, path: str) -> int:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        with opener.open(self.base + path, timeout=self.timeout) as r:
            r.read()
            return r.status

    async def open(self) -> None:
        """``GET /`` then the websocket, as a browser opening the app."""
        status = await asyncio.to_thread(self._get, "/")
        if status != 200:
            raise InteractionError(f"http GET / answered {status}")
        cookies = {c.name: c.value for c in self.jar}
        protocols = ["streamlit"] + ([cookies["_streamlit_xsrf"]] if "_streamlit_xsrf" in cookies else [])
        ws_url = "ws" + self.base[4:] + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url, subprotocols=protocols, max_size=None, open_timeout=self.timeout,
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Origin": self.base})

    async def close(self) -> None:
        """Leave (close the websocket)."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def report_map_drawn(self) -> None:
        """Send what the map component sends after its first paint (``{"drawn": true}``) and wait for the run."""
        maps = [w for k, w in self.widgets.items() if w.kind == "component_instance" and k.startswith("zonemap_")]
        if not maps:
            raise InteractionError("the first page has no map component")
        state = WidgetState(id=maps[0].id, json_value=json.dumps({"drawn": True, "n": 0}))
        self.states[state.id] = state
        await self.rerun()

    async def rerun(self, *, page: str | None = None, set_widgets: dict[str, object] | None = None,
                    trigger: str | None = None) -> None:
        """Send a ``rerun_script`` and wait until the server has finished it (and any rerun it asked for).

        Parameters
        ----------
        page : str, optional
            Url path of a page to open (its query string is dropped, as a browser does on navigation).
        set_widgets : dict, optional
            Widget key -> new value (selectbox/text input: its string value).
        trigger : str, optional
            Key of a button to click (sent once, not kept).
        """
        msg = BackMsg()
        cs = msg.rerun_script
        for key, value in (set_widgets or {}).items():
            w = self.widgets[key]
            self.states[w.id] = WidgetState(id=w.id, string_value=str(value))
            w.value = str(value)
        for kept in self.states.values():
            cs.widget_states.widgets.add().CopyFrom(kept)
        if trigger is not None:
            state = cs.widget_states.widgets.add()
            state.id = self.widgets[trigger].id
            state.trigger_value = True
        if page is not None:
            if page not in self.pages:
                raise InteractionError(f"page {page!r} not among {sorted(self.pages)}")
            cs.page_script_hash = self.pages[page]
            self.query_string = ""
        else:
            cs.page_script_hash = self.page_hash
        cs.query_string = self.query_string
        cs.cached_message_hashes.extend(sorted(self.cached))
        cs.context_info.timezone = "Europe/Oslo"
        cs.context_info.locale = "nb-NO"
        cs.context_info.url = self.base + "/" + (page or "")
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(), self.timeout)

    async def _until_finished(self) -> None:
        seen: set[str] = set()
        while True:
            raw = await self.ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            if fm.metadata.cacheable and fm.hash:
                self.cached.add(fm.hash)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._element(fm.delta.new_element, seen)
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash
            elif kind == "script_finished" and fm.script_finished in _DONE:
                # A browser forgets the state of widgets that are no longer on the page.
                self.states = {i: s for i, s in self.states.items() if i in seen}
                self.widgets = {k: w for k, w in self.widgets.items() if w.id in seen}
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise InteractionError("script compile error")
                return

    def _element(self, element, seen: set[str]) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise InteractionError(f"exception in page: {element.exception.type}: {element.exception.message}")
        proto = getattr(element, kind)
        wid = getattr(proto, "id", "")
        if not wid.startswith("$$ID-"):
            return
        seen.add(wid)
        options = list(getattr(proto, "options", [])) if kind in ("selectbox", "radio") else []
        key = widget_key(wid)
        old = self.widgets.get(key)
        value = proto.raw_value if kind == "selectbox" and proto.set_value else (old.value if old else None)
        self.widgets[key] = Widget(wid, kind, options, value)


def _other(options: list[str], current: str | None, rng: random.Random) -> str:
    choices = [o for o in options if o != current] or options
    return rng.choice(choices)


async def visitor(slot: int, args, results: Results, deadline: float, rng: random.Random) -> None:
    """One slot: visitors one after another until ``deadline``."""
    await asyncio.sleep(rng.uniform(0, args.think[1]))  # do not all arrive in the same millisecond
    visits = 0
    while time.monotonic() < deadline and (args.visits is None or visits < args.visits):
        visits += 1
        results.visitors += 1
        s = Session(args.url, args.timeout)
        try:
            for step in STEPS:
                if time.monotonic() >= deadline:
                    break
                t0 = time.perf_counter()
                try:
                    await _step(step, s, args, rng)
                except (InteractionError, TimeoutError, OSError, websockets.WebSocketException, KeyError) as exc:
                    results.error(step, exc)
                    break
                results.latencies[step].append(time.perf_counter() - t0)
                await asyncio.sleep(rng.uniform(*args.think))
        finally:
            try:
                await s.close()
            except (OSError, websockets.WebSocketException):
                pass


async def _step(step: str, s: Session, args, rng: random.Random) -> None:
    if step == "load_map":
        await s.open()
        await s.rerun()
        await s.report_map_drawn()
    elif step == "indicator":
        w = s.widgets["v_ind"]
        await s.rerun(set_widgets={"v_ind": _other(w.options, w.value, rng)})
    elif step == "year":
        w = s.widgets["v_year"]
        await s.rerun(set_widgets={"v_year": _other(w.options, w.value, rng)})
    elif step == "search":
        await s.rerun(set_widgets={"zone_query": rng.choice(_SEARCH_LETTERS)})
    elif step == "select_zone":
        hits = [k for k in s.widgets if k.startswith("hit_")]
        if not hits:
            raise InteractionError("search found no zone to click")
        await s.rerun(trigger=rng.choice(hits))
    elif step == "other_page":
        await s.rerun(page=rng.choice(args.pages))


def _proc_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (nginx: master and workers)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def sample_process(pid: int) -> tuple[float, float] | None:
    """(RSS in MB, CPU seconds) of ``pid`` and its children; None when it is gone."""
    rss_kb, ticks = 0, 0
    for p in _proc_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                rss_kb += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, StopIteration, IndexError, ValueError):
            if p == pid:
                return None
    return rss_kb / 1024, ticks / _CLK_TCK


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from ``/proc/stat``."""
    with open("/proc/stat") as f:
        vals = [int(v) for v in f.readline().split()[1:]]
    idle = vals[3] + vals[4]  # idle + iowait
    return (sum(vals) - idle) / _CLK_TCK, sum(vals) / _CLK_TCK


async def sampler(pids: dict[str, int], samples: dict[str, list[tuple[float, float, float]]], t0: float,
                  every: float, stop: asyncio.Event) -> None:
    """Every ``every`` s: (elapsed s, RSS MB, CPU s) of each named process."""
    while True:
        now = time.monotonic() - t0
        for name, pid in pids.items():
            got = sample_process(pid)
            if got is not None:
                samples[name].append((round(now, 2), round(got[0], 1), round(got[1], 2)))
        if stop.is_set():
            return
        try:
            await asyncio.wait_for(stop.wait(), every)
        except TimeoutError:
            pass


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0–100), linear between ranks; None for no values."""
    if not values:
        return None
    v = sorted(values)
    pos = (len(v) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def rss_slope(points: list[tuple[float, float, float]]) -> float | None:
    """Least-squares RSS trend in MB per minute over the last 90 % of the run (the first 10 % warms up)."""
    if len(points) < 3:
        return None
    start = points[0][0] + (points[-1][0] - points[0][0]) * 0.1
    pts = [(t, r) for t, r, _ in points if t >= start]
    if len(pts) < 3:
        return None
    slope = statistics.linear_regression([t for t, _ in pts], [r for _, r in pts]).slope
    return slope * 60


async def run(args) -> dict:
    """Run the visitors and the sampler; return the summary (also written to ``--out``)."""
    results = Results()
    pids = dict(args.pid)
    samples: dict[str, list] = {name: [] for name in pids}
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    busy0, total0 = machine_cpu()
    load0 = os.getloadavg()
    t0 = time.monotonic()
    deadline = t0 + args.duration
    stop = asyncio.Event()
    sample_task = asyncio.create_task(sampler(pids, samples, t0, args.sample, stop))
    rng = random.Random(args.seed)
    tasks = [asyncio.create_task(visitor(i, args, results, deadline, random.Random(rng.random())))
             for i in range(args.sessions)]
    await asyncio.gather(*tasks)
    wall = time.monotonic() - t0
    stop.set()
    await sample_task
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    busy1, total1 = machine_cpu()
    own_cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    all_lat = [x for v in results.latencies.values() for x in v]
    processes = {}
    for name, pts in samples.items():
        if not pts:
            processes[name] = {"error": "no samples (process gone?)"}
            continue
        rss = [r for _, r, _ in pts]
        processes[name] = {
            "rss_start_mb": rss[0], "rss_max_mb": max(rss), "rss_end_mb": rss[-1],
            "rss_slope_mb_per_min": None if (s := rss_slope(pts)) is None else round(s, 2),
            "cpu_s": round(pts[-1][2] - pts[0][2], 1),
            "cpu_pct_of_one_core": round(100 * (pts[-1][2] - pts[0][2]) / max(pts[-1][0] - pts[0][0], 1e-9), 1),
            "samples": pts,
        }
    servers_cpu = sum(p.get("cpu_s", 0) for p in processes.values())
    machine_busy = busy1 - busy0
    summary = {
        "url": args.url, "sessions": args.sessions, "duration_s": round(wall, 1), "think_s": list(args.think),
        "visitors": results.visitors,
        "interactions": len(all_lat),
        "errors": sum(results.errors.values()), "errors_by_kind": results.errors,
        "error_examples": results.error_examples,
        "p50_s": _r(percentile(all_lat, 50)), "p95_s": _r(percentile(all_lat, 95)),
        "p99_s": _r(percentile(all_lat, 99)), "max_s": _r(max(all_lat) if all_lat else None),
        "by_step": {s: {"n": len(v), "p50_s": _r(percentile(v, 50)), "p95_s": _r(percentile(v, 95))}
                    for s, v in results.latencies.items()},
        "processes": processes,
        "loadgen_cpu_s": round(own_cpu, 1),
        "loadgen_cpu_pct_of_one_core": round(100 * own_cpu / wall, 1),
        "machine": {
            "cores": os.cpu_count(),
            "cpu_busy_pct": round(100 * machine_busy / max(total1 - total0, 1e-9), 1),
            # busy CPU not used by the servers or the generator: other programs on the machine
            "other_cpu_s": round(machine_busy - servers_cpu - own_cpu, 1),
            "loadavg_start": [round(x, 2) for x in load0], "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        },
    }
    if args.out:
        Path(args.out).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def print_summary(s: dict) -> None:
    """A few human lines."""
    print(f"{s['sessions']} sessions, {s['duration_s']} s, {s['visitors']} visitors, {s['interactions']} interactions, "
          f"{s['errors']} errors; p50 {s['p50_s']} s, p95 {s['p95_s']} s, max {s['max_s']} s")
    for step, v in s["by_step"].items():
        print(f"  {step:12s} n={v['n']:4d} p50={v['p50_s']} p95={v['p95_s']}")
    for name, p in s["processes"].items():
        if "error" in p:
            print(f"  {name}: {p['error']}")
            continue
        print(f"  {name}: RSS {p['rss_start_mb']:.0f}/{p['rss_max_mb']:.0f}/{p['rss_end_mb']:.0f} MB start/max/end, "
              f"trend {p['rss_slope_mb_per_min']} MB/min, CPU {p['cpu_pct_of_one_core']} % of a core")
    m = s["machine"]
    print(f"  load generator CPU {s['loadgen_cpu_pct_of_one_core']} % of a core; machine busy {m['cpu_busy_pct']} % "
          f"of {m['cores']} cores (others {m['other_cpu_s']} s), loadavg {m['loadavg_start']} -> {m['loadavg_end']}")
    for e in s["error_examples"]:
        print(f"  error: {e}")


def markdown_table(summaries: list[tuple[str, dict]]) -> str:
    """One row per run: (setup name, summary) -> a Markdown table."""
    head = ("| setup | sessions | s | interactions | p50 s | p95 s | max s | errors | RSS MB start/max/end per process "
            "| RSS trend MB/min | server CPU % of a core | loadgen CPU % of a core | machine busy % (others' CPU s) "
            "| loadavg start→end |")
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for setup, s in summaries:
        procs = {n: p for n, p in s["processes"].items() if "error" not in p}
        rss = "; ".join(f"{n} {p['rss_start_mb']:.0f}/{p['rss_max_mb']:.0f}/{p['rss_end_mb']:.0f}" for n, p in procs.items())
        trend = "; ".join(f"{n} {p['rss_slope_mb_per_min']}" for n, p in procs.items())
        cpu = "; ".join(f"{n} {p['cpu_pct_of_one_core']}" for n, p in procs.items())
        m = s["machine"]
        rows.append(f"| {setup} | {s['sessions']} | {s['duration_s']:.0f} | {s['interactions']} | {s['p50_s']} | "
                    f"{s['p95_s']} | {s['max_s']} | {s['errors']} | {rss} | {trend} | {cpu} | "
                    f"{s['loadgen_cpu_pct_of_one_core']} | {m['cpu_busy_pct']} ({m['other_cpu_s']}) | "
                    f"{m['loadavg_start'][0]}→{m['loadavg_end'][0]} |")
    return "\n".join(rows)


def _pid(text: str) -> tuple[str, int]:
    name, _, pid = text.partition("=")
    if not name or not pid.isdigit():
        raise argparse.ArgumentTypeError(f"--pid wants NAME=PID, got {text!r}")
    return name, int(pid)


def _think(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(",")
    try:
        pair = (float(lo), float(hi or lo))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--think wants MIN,MAX seconds, got {text!r}") from None
    if not 0 <= pair[0] <= pair[1]:
        raise argparse.ArgumentTypeError(f"--think wants 0 <= MIN <= MAX, got {text!r}")
    return pair


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", default="http://127.0.0.1:8780", help="the app (or nginx in front of replicas)")
    p.add_argument("--sessions", type=int, default=10, help="concurrent visitors")
    p.add_argument("--duration", type=float, default=60, help="seconds (interactions started are finished)")
    p.add_argument("--visits", type=int, default=None,
                   help="visitors per session slot, then the slot stops (default: until --duration ends)")
    p.add_argument("--think", type=_think, default=(2.0, 8.0), help="think time between steps, MIN,MAX s")
    p.add_argument("--pages", type=lambda s: tuple(s.split(",")), default=DEFAULT_PAGES,
                   help="url paths of pages a visitor may open (comma-separated)")
    p.add_argument("--timeout", type=float, default=30, help="seconds an interaction may take before it is an error")
    p.add_argument("--pid", type=_pid, action="append", default=[], help="NAME=PID of a server process to sample")
    p.add_argument("--sample", type=float, default=2.0, help="seconds between RSS/CPU samples")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default=None, help="write the JSON summary (with all samples) here")
    p.add_argument("--report", nargs="+", metavar="SETUP=JSON", default=None,
                   help="only print a Markdown table of earlier runs' --out files, one row each")
    args = p.parse_args(argv)
    if args.sessions < 1 or args.duration <= 0 or (args.visits is not None and args.visits < 1):
        p.error("--sessions and --visits must be >= 1 and --duration > 0")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run, print the summary; exit 1 when any interaction failed."""
    args = parse_args(argv)
    if args.report:
        rows = []
        for item in args.report:
            setup, _, path = item.rpartition("=")
            rows.append((setup or Path(path).stem, json.loads(Path(path).read_text(encoding="utf-8"))))
        print(markdown_table(rows))
        return 0
    summary = asyncio.run(run(args))
    print_summary(summary)
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
