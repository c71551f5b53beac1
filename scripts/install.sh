#!/usr/bin/env bash
# Install what the dashboard needs to run into .venv: Python packages and (from the npm registry) the
# front-end assets the offline map serves itself. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv requirements.txt
# The map's front-end assets (Leaflet) from the npm registry into static/vendor/, served by the app
# itself so the map works with the network cut (see geo/mapping/assets.py). Without npm the app still runs, but
# its map then loads Leaflet from a CDN and needs the internet: say so loudly and go on.
if ! command -v npm >/dev/null 2>&1; then
  echo "WARNING: npm was not found, so the offline map assets cannot be installed." >&2
  echo "         Install Node.js/npm (Debian: sudo apt-get install npm) and run this again;" >&2
  echo "         until then the map loads Leaflet from the internet." >&2
elif ! "$PY" -m geo.mapping.assets install; then
  echo "WARNING: the offline map assets could not be installed." >&2
  echo "         The map will load Leaflet from the internet instead." >&2
fi
