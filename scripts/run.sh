#!/usr/bin/env bash
# Install (into .venv) and start the dashboard on the embedded demo data (or on $LEVEKAR_DATASET if set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m ui.serve "$@"  # streamlit run app.py, with the libraries imported first
