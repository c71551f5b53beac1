#!/usr/bin/env bash
# Sourced by the other scripts: make sure the project virtual environment (.venv) exists and holds the
# packages of the requirements file given as $1, then export PY (its python). Debian/Ubuntu's system
# Python refuses `pip install` outside a virtual environment (PEP 668), so everything goes into .venv,
# which is reused when present and refreshed only when a requirements file changed.
# Needs: Python >= 3.11 with its venv module (Debian: python3-venv).

_need_python() {
  echo "ERROR: $1" >&2
  echo "       Levekårskart needs Python 3.11 or newer with the venv module." >&2
  echo "       Debian/Ubuntu: sudo apt-get install python3 python3-venv" >&2
  exit 1
}

_apt_install() {
  # Install Debian packages when we may (root or sudo) and apt exists; return 1 otherwise.
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  if [ "$(id -u)" != 0 ]; then command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 1; sudo="sudo"; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_venv() {
  local req="$1" base
  base=$(command -v python3) || _need_python "python3 was not found on PATH."
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import sys" 2>/dev/null; then
    "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
      || _need_python "$("$base" --version 2>&1) is too old."
    rm -rf .venv
    if ! "$base" -m venv .venv >/dev/null 2>&1; then
      rm -rf .venv
      echo "Python's venv module is missing; installing Debian's python3-venv …" >&2
      _apt_install python3-venv || _need_python "could not create .venv (python3 -m venv failed)."
      "$base" -m venv .venv || _need_python "could not create .venv (python3 -m venv failed)."
    fi
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  fi
  PY="$PWD/.venv/bin/python"
  export PY
  # Reinstall only when the requirements changed since the last successful install.
  local stamp=".venv/.installed-$(basename "$req")" sum
  sum=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    "$PY" -m pip install -q --disable-pip-version-check -r "$req"
    echo "$sum" > "$stamp"
  fi
}
