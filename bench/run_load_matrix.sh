#!/usr/bin/env bash
# The load matrix: 1, 10 and 20 concurrent sessions (bench/load.py) against one Streamlit process and
# against 2 replicas behind nginx (scripts/run_replicas.sh), each cell DURATION_S seconds (default 300)
# on freshly started servers; prints a Markdown table (p50/p95 latency, errors, RSS start/max/end and
# trend per process, server and load-generator CPU, the machine's load) and keeps every run's JSON.
# Usage: bash bench/run_load_matrix.sh [DURATION_S]
# Environment: LOAD_SESSIONS ("1 10 20"), LOAD_THINK ("2,8" s between a visitor's steps),
#   LOAD_SETUPS ("single replicas"), LEVEKAR_PYTHON (default .venv/bin/python),
#   OUT_DIR (default bench/out/load-<UTC time>), LEVEKAR_BASE_PORT (8731), LEVEKAR_LB_LISTEN (127.0.0.1:8790).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-300}"
[[ "$DURATION" =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 5 ] || { echo "usage: $0 [DURATION_S >= 5]" >&2; exit 2; }
SESSIONS="${LOAD_SESSIONS:-1 10 20}"
THINK="${LOAD_THINK:-2,8}"
SETUPS="${LOAD_SETUPS:-single replicas}"
PY="${LEVEKAR_PYTHON:-$PWD/.venv/bin/python}"
[ -x "$PY" ] || { echo "ERROR: $PY not found: run scripts/install.sh (or set LEVEKAR_PYTHON)." >&2; exit 1; }
OUT_DIR="${OUT_DIR:-bench/out/load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
BASE="${LEVEKAR_BASE_PORT:-8731}"
LISTEN="${LEVEKAR_LB_LISTEN:-127.0.0.1:8790}"
export LEVEKAR_PYTHON="$PY" LEVEKAR_NO_INSTALL=1 LEVEKAR_BASE_PORT="$BASE" LEVEKAR_LB_LISTEN="$LISTEN"

SERVER_PID=""
stop_servers() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true   # run_replicas.sh's trap stops its replicas and nginx
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap stop_servers EXIT

start_servers() {  # $1 = number of replicas; waits until nginx answers
  local n="$1" run_dir="$OUT_DIR/run-$1-$2"
  LEVEKAR_RUN_DIR="$run_dir" bash scripts/run_replicas.sh "$n" > "$OUT_DIR/run_replicas-$1-$2.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if "$PY" -c "import urllib.request; urllib.request.urlopen('http://$LISTEN/_stcore/health', timeout=2)" 2>/dev/null; then
      RUN_DIR="$run_dir"; return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "ERROR: servers did not start; see $OUT_DIR/run_replicas-$1-$2.log" >&2
  cat "$OUT_DIR/run_replicas-$1-$2.log" >&2
  exit 1
}

REPORT=()
for setup in $SETUPS; do
  for n in $SESSIONS; do
    case "$setup" in
      single) replicas=1 ;;
      replicas) replicas=2 ;;
      *) echo "unknown setup $setup (single|replicas)" >&2; exit 2 ;;
    esac
    start_servers "$replicas" "$n"
    pids=()
    for i in $(seq 1 "$replicas"); do
      pids+=(--pid "replica$i=$(cat "$RUN_DIR/replica-$i.pid")")
      # Warm-up (not measured): one visitor per replica, so the first measured load is not the
      # process's very first (which reads the dataset) — a deployed server has been running.
      "$PY" bench/load.py --url "http://127.0.0.1:$((BASE + i - 1))" --sessions 1 --duration 3 --think 0,0 \
        > "$OUT_DIR/warmup-$setup-$n-$i.txt" 2>&1 || true
    done
    if [ "$setup" = single ]; then
      url="http://127.0.0.1:$BASE"   # straight to the process, nginx not involved
    else
      url="http://$LISTEN"
      pids+=(--pid "nginx=$(cat "$RUN_DIR/nginx.pid")")
    fi
    echo "== $setup, $n session(s), ${DURATION} s (uptime: $(uptime | sed 's/.*load/load/'))" >&2
    "$PY" bench/load.py --url "$url" --sessions "$n" --duration "$DURATION" --think "$THINK" "${pids[@]}" \
      --out "$OUT_DIR/$setup-$n.json" >&2 || true   # errors are in the table
    REPORT+=("$setup=$OUT_DIR/$setup-$n.json")
    stop_servers
  done
done
"$PY" bench/load.py --report "${REPORT[@]}" | tee "$OUT_DIR/table.md"
echo "(JSON with every RSS sample: $OUT_DIR)" >&2
