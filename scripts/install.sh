#!/usr/bin/env bash
# Install what the dashboard needs to run: Python packages (and, from the package registries,
# the front-end assets the offline map serves itself). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -r requirements.txt
# The map's front-end assets (Leaflet) from the npm registry into static/vendor/, served by the app
# itself so the map works with the network cut (see geo/assets.py). Without npm the app still runs, but
# its map then loads Leaflet from a CDN and needs the internet: say so loudly and go on.
if ! python3 -m geo.assets install; then
  echo "WARNING: the offline map assets could not be installed (is npm available?)." >&2
  echo "         The map will load Leaflet from the internet instead." >&2
fi
