#!/usr/bin/env bash
# Start the PUBLIC dashboard: disclosure control on, no upload page, only the configured dataset,
# hardened Streamlit settings (deploy/public.env). Health: http://HOST:PORT/_stcore/health → "ok".
#   LEVEKAR_DATASET=/srv/levekar/data.gpkg bash scripts/run_public.sh [--server.port 8501 …]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
set -a
# shellcheck source=../deploy/public.env
. deploy/public.env
set +a
exec .venv/bin/python -m ui.serve "$@"  # streamlit run app.py, with the libraries imported first
