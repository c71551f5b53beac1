#!/usr/bin/env bash
# Run N (default 2) replicas of the dashboard in public mode on loopback ports with Debian's nginx in
# front — the deployment of deploy/README.md without Docker. Stops everything it started on Ctrl-C or
# TERM. Usage: bash scripts/run_replicas.sh [N]
#
# Environment (all optional):
#   LEVEKAR_BASE_PORT    first replica port (default 8701; replica i listens on BASE+i-1)
#   LEVEKAR_LB_LISTEN    where nginx listens (default 127.0.0.1:8780)
#   LEVEKAR_RUN_DIR      pid files, logs, nginx config, cache and temp files (default /tmp/levekar-replicas;
#                        started as root, nginx's workers run as `nobody`, so it and its parents must be
#                        world-traversable)
#   LEVEKAR_COOKIE_SECRET  server.cookieSecret shared by every replica (default: a random one, kept in
#                        RUN_DIR/cookie_secret so a restart keeps visitors' cookies valid)
#   LEVEKAR_NO_INSTALL=1 skip the install step (tests and benchmarks that already installed)
#   LEVEKAR_PYTHON       the Python with the app's packages (default .venv/bin/python)
# PIDs: RUN_DIR/replica-<i>.pid and RUN_DIR/nginx.pid (the load generator samples their memory).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-2}"
[[ "$N" =~ ^[1-9][0-9]?$ ]] || { echo "usage: $0 [N replicas, 1-99]" >&2; exit 2; }
BASE="${LEVEKAR_BASE_PORT:-8701}"
LISTEN="${LEVEKAR_LB_LISTEN:-127.0.0.1:8780}"
RUN_DIR="${LEVEKAR_RUN_DIR:-/tmp/levekar-replicas}"

source scripts/venv.sh
if [ "${LEVEKAR_NO_INSTALL:-}" != 1 ]; then
  bash scripts/install.sh
fi
PY="${LEVEKAR_PYTHON:-$PWD/.venv/bin/python}"
[ -x "$PY" ] || { echo "ERROR: $PY not found: run scripts/install.sh (or set LEVEKAR_PYTHON)." >&2; exit 1; }
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  _apt_install nginx-light || _apt_install nginx \
    || { echo "ERROR: nginx is needed (sudo apt-get install nginx-light)." >&2; exit 1; }
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

mkdir -p "$RUN_DIR/logs"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
if [ -n "${LEVEKAR_COOKIE_SECRET:-}" ]; then
  SECRET="$LEVEKAR_COOKIE_SECRET"
else
  # One secret for all replicas: the XSRF cookie one replica signs must verify on another (after a
  # failover or a restart), or the visitor's next upload or download is refused.
  [ -s "$RUN_DIR/cookie_secret" ] || (umask 077; "$PY" -c 'import secrets; print(secrets.token_hex(32))' > "$RUN_DIR/cookie_secret")
  SECRET="$(cat "$RUN_DIR/cookie_secret")"
fi

PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$RUN_DIR"/replica-*.pid "$RUN_DIR/nginx.pid"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

UPSTREAMS=()
for i in $(seq 1 "$N"); do
  port=$((BASE + i - 1))
  # deploy/public.env: public mode and the hardened Streamlit settings (as scripts/run_public.sh);
  # then the same cookie secret everywhere, and no forced full garbage collection after every script
  # run (profiled under load it was a third of the server's CPU, holding the GIL for every session;
  # see deploy/README.md).
  ( set -a; . deploy/public.env; set +a
    export STREAMLIT_SERVER_COOKIE_SECRET="$SECRET"
    export STREAMLIT_RUNNER_POST_SCRIPT_GC="${STREAMLIT_RUNNER_POST_SCRIPT_GC:-false}"
    exec "$PY" -m ui.serve --server.address 127.0.0.1 --server.port "$port" ) \
    > "$RUN_DIR/logs/replica-$i.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" > "$RUN_DIR/replica-$i.pid"
  UPSTREAMS+=(--upstream "127.0.0.1:$port")
done

for i in $(seq 1 "$N"); do
  port=$((BASE + i - 1))
  for _ in $(seq 1 120); do
    if "$PY" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=2)" 2>/dev/null; then
      continue 2
    fi
    kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || { echo "ERROR: replica $i died; see $RUN_DIR/logs/replica-$i.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "ERROR: replica $i (port $port) not healthy after 60 s; see $RUN_DIR/logs/replica-$i.log" >&2
  exit 1
done

"$PY" deploy/render_nginx.py "${UPSTREAMS[@]}" --listen "$LISTEN" --prefix "$RUN_DIR" --out "$RUN_DIR/nginx.conf"
"$NGINX" -t -q -e "$RUN_DIR/logs/error.log" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf"
"$NGINX" -e "$RUN_DIR/logs/error.log" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
echo "$N replica(s) on 127.0.0.1:$BASE.. behind nginx: http://$LISTEN/  (logs in $RUN_DIR/logs; Ctrl-C stops)"
# Like a deployment: a replica that stops is logged and nginx sends its visitors to the others (they
# get a new session there); when nginx or the last replica stops, everything stops.
live=("${PIDS[@]}")
while true; do
  wait -n "${live[@]}" || true
  still=()
  for pid in "${live[@]}"; do kill -0 "$pid" 2>/dev/null && still+=("$pid"); done
  live=("${still[@]}")
  kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx stopped; stopping the replicas" >&2; exit 1; }
  [ "${#live[@]}" -gt 1 ] || { echo "every replica stopped; stopping nginx" >&2; exit 1; }
  echo "a replica stopped; nginx sends its visitors to the $((${#live[@]} - 1)) left" >&2
done
