"""bench/load.py: its pieces, and one short run against one process that must end with 0 errors."""

from __future__ import annotations

import argparse
import asyncio
import os

import pytest


def test_widget_key(load):
    assert load.widget_key("$$ID-b0ec766abedc0af94a427ad2fd2036a2-v_ind") == "v_ind"
    assert load.widget_key("$$ID-1e739f6a5cebcf1ce5a2c63c6c1425f0-hit_LKS-17") == "hit_LKS-17"
    assert load.widget_key("plain") == "plain"


def test_percentile_and_trend(load):
    assert load.percentile([], 50) is None
    assert load.percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert load.percentile([1.0, 2.0], 95) == pytest.approx(1.95)
    flat = [(float(t), 300.0, 0.0) for t in range(0, 600, 10)]
    assert load.rss_slope(flat) == pytest.approx(0.0)
    growing = [(float(t), 300.0 + t / 60, 0.0) for t in range(0, 600, 10)]  # 1 MB a minute
    assert load.rss_slope(growing) == pytest.approx(1.0)
    assert load.rss_slope(flat[:2]) is None


def test_sample_process_reads_this_process(load):
    rss, cpu = load.sample_process(os.getpid())
    assert rss > 10 and cpu >= 0
    assert load.sample_process(2**22 + 12345) is None  # above pid_max: no such process


@pytest.mark.parametrize(("func", "text", "match"), [
    ("_pid", "replica", "NAME=PID"),
    ("_pid", "r=abc", "NAME=PID"),
    ("_think", "x,y", "MIN,MAX seconds"),
    ("_think", "5,1", "0 <= MIN <= MAX"),
])
def test_bad_options_are_refused(load, func, text, match):
    with pytest.raises(argparse.ArgumentTypeError, match=match):
        getattr(load, func)(text)


def test_options(load):
    a = load.parse_args(["--sessions", "3", "--think", "1,2", "--pid", "one=12", "--pages", "about,change"])
    assert (a.sessions, a.think, a.pid, a.pages) == (3, (1.0, 2.0), [("one", 12)], ("about", "change"))
    for bad in (["--sessions", "0"], ["--visits", "0"], ["--duration", "0"]):
        with pytest.raises(SystemExit):
            load.parse_args(bad)


def test_a_short_run_against_one_process_has_no_errors(replicas, load, tmp_path):
    out = tmp_path / "run.json"
    args = load.parse_args(["--url", replicas.replica_urls[0], "--sessions", "2", "--visits", "1", "--duration", "600",
                            "--think", "0.1,0.3", "--pid", f"replica={replicas.pid('replica-1')}",
                            "--sample", "1", "--out", str(out)])
    summary = asyncio.run(load.run(args))
    assert summary["errors"] == 0, summary["error_examples"]
    # each of the 2 visitors went through every step once
    assert {step: v["n"] for step, v in summary["by_step"].items()} == dict.fromkeys(load.STEPS, 2)
    assert summary["interactions"] == 2 * len(load.STEPS) and summary["p95_s"] is not None
    proc = summary["processes"]["replica"]
    assert 30 < proc["rss_max_mb"] < 2000 and len(proc["samples"]) >= 3
    assert summary["loadgen_cpu_s"] >= 0 and out.exists()
    table = load.markdown_table([("single", summary)]).splitlines()
    assert len(table) == 3 and table[0].count("|") == table[1].count("|") == table[2].count("|")
    assert table[2].startswith("| single | 2 | ") and "replica " in table[2]
    assert load.main(["--report", f"single={out}"]) == 0
