# shellcheck shell=bash
# Sourced by scripts/run-site, scripts/run-tests and .ci/run: finds the repository, prints
# progress lines, and brings .venv up to date with requirements.txt.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="$VENV/bin/python"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_python311() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }

find_python311() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && is_python311 "$candidate"; then
      command -v "$candidate"
      return
    fi
  done
  die "Python 3.11 is required (Django 5.2 + Oscar 4.2 + Wagtail 8); neither python3.11 nor python3 is 3.11."
}

# uv installs requirements.txt in seconds where pip takes minutes (it downloads and unpacks in
# parallel); it comes from PyPI into .venv itself, pinned here. Without it (no wheel for this
# machine, PyPI refusing), pip does the work, as before.
UV_VERSION=0.13.9

# Creates .venv if it is missing or not a working Python 3.11, and installs requirements.txt
# only when it changed since the last successful install (its hash is kept inside .venv).
ensure_venv() {
  if [[ -e "$VENV" ]] && ! is_python311 "$PYTHON"; then
    say "Replacing .venv: it holds no working Python 3.11"
    rm -rf "$VENV"
  fi
  if [[ ! -e "$VENV" ]]; then
    say "Creating .venv"
    "$(find_python311)" -m venv "$VENV"
  fi

  local stamp="$VENV/.requirements.sha256" wanted started=$SECONDS
  wanted="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
  if [[ "$(cat "$stamp" 2>/dev/null)" == "$wanted" ]]; then
    say "Packages are up to date"
    return
  fi
  if uv_ensure; then
    say "Installing packages from requirements.txt with uv $UV_VERSION"
    # uv reads no pip settings: it is given the certificate bundle pip is told to trust.
    local cert=()
    [[ -n "${SSL_CERT_FILE:-}" || -z "${PIP_CERT:-}" ]] || cert=("SSL_CERT_FILE=$PIP_CERT")
    env "${cert[@]}" "$VENV/bin/uv" pip install --python "$PYTHON" -r "$ROOT/requirements.txt" \
      || die "uv could not install requirements.txt (see above)"
  else
    say "Installing packages from requirements.txt with pip (uv could not be installed; takes a few minutes)"
    "$PYTHON" -m pip install --disable-pip-version-check --progress-bar off -r "$ROOT/requirements.txt"
  fi
  printf '%s\n' "$wanted" >"$stamp"
  say "Packages installed in $((SECONDS - started)) s"
}

# True when .venv/bin/uv is the pinned version, installing it from PyPI first if needed.
uv_ensure() {
  local uv="$VENV/bin/uv"
  if [[ "$("$uv" --version 2>/dev/null)" == "uv $UV_VERSION"* ]]; then
    return 0
  fi
  say "Installing uv $UV_VERSION from PyPI into .venv"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" \
    && [[ "$("$uv" --version 2>/dev/null)" == "uv $UV_VERSION"* ]]
}

# Stops process $1 (SIGTERM, then SIGKILL after $2 seconds) and waits until it is gone.
process_stop() {
  local pid="$1" timeout="$2" started=$SECONDS
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS - started < timeout)); do
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "Still running after $timeout s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
}
