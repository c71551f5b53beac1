#!/usr/bin/env bash
# Install everything the tests need — Debian's chromium for the end-to-end browser tests, PostgreSQL +
# PostGIS for the storage tests, Python test packages in .venv, the offline map assets — then lint and run
# the whole test suite. Extra args go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
if [ ! -x /usr/bin/chromium ]; then
  _apt_install chromium fonts-dejavu-core \
    || { echo "ERROR: the browser tests need Debian's chromium (sudo apt-get install chromium)." >&2; exit 1; }
fi
# The PostGIS tests start a throwaway cluster (tests/geo/storage/conftest.py) unless DATABASE_URL names one.
if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  _apt_install postgresql postgresql-postgis \
    || { echo "ERROR: the PostGIS tests need Debian's postgresql and postgresql-postgis (or DATABASE_URL)." >&2; exit 1; }
fi
# nginx for tests/deploy (replicas behind a load balancer on loopback)
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  _apt_install nginx-light || _apt_install nginx \
    || { echo "ERROR: the deployment tests need Debian's nginx (sudo apt-get install nginx-light)." >&2; exit 1; }
fi
bash scripts/install.sh
ensure_venv requirements-dev.txt
"$PY" -m geo.mapping.assets check  # the tests need the offline assets: fail here, clearly, if they are missing
"$PY" -m ruff check .
"$PY" -m pytest "$@"
