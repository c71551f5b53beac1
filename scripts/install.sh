#!/usr/bin/env bash
# Install what the dashboard needs to run: Python packages (and, from the package registries,
# the front-end assets the offline map serves itself). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -r requirements.txt
# The map's front-end assets (Leaflet) from the npm registry into static/vendor/, served by the app
# itself so the map works with the network cut (see geo/assets.py).
python3 -m geo.assets install
