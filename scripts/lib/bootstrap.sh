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

  local stamp="$VENV/.requirements.sha256" wanted
  wanted="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    say "Installing packages from requirements.txt"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt"
    printf '%s\n' "$wanted" >"$stamp"
  else
    say "Packages are up to date"
  fi
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
