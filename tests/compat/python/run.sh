#!/usr/bin/env bash
# Compatibility check with Python's mattermostdriver: starts Parley from this clone on a free port
# with a throwaway config, then runs test_mattermostdriver.py against it in a fresh virtualenv.
#
#   bash tests/compat/python/run.sh                                  # embedded PostgreSQL
#   DATABASE_URL=$(bash scripts/system-postgres.sh | tail -1) bash tests/compat/python/run.sh
#
# With DATABASE_URL, Parley gets a fresh database created next to the one the URL names (the role
# needs CREATEDB), so that the first user signed up is the system admin; it is dropped at exit.
# Exits with pytest's status.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
cd "$ROOT"

# As root the embedded PostgreSQL runs as `postgres`, who must be able to enter the temp dir.
WORK=$(mktemp -d)
chmod 755 "$WORK"
PARLEY_PID=
COMPAT_DB=

cleanup() {
  local rc=$?
  if [ -n "$PARLEY_PID" ] && kill -0 "$PARLEY_PID" 2>/dev/null; then
    kill -TERM "$PARLEY_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$PARLEY_PID" 2>/dev/null || break
      sleep 0.1
    done
  fi
  if [ -n "$COMPAT_DB" ]; then
    psql "$DATABASE_URL" --no-psqlrc --quiet -c "DROP DATABASE IF EXISTS $COMPAT_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

# A virtualenv needs Debian's python3-venv for the system Python (pyenv's Python has it built in).
if ! python3 -m venv "$WORK/venv" >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "python3 -m venv failed: installing python3-venv"
    apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$WORK/venv"
    python3 -m venv "$WORK/venv"
  else
    echo "python3 -m venv failed; install python3-venv" >&2
    exit 1
  fi
fi
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"

DATA_SOURCE=
if [ -n "${DATABASE_URL:-}" ]; then
  COMPAT_DB="parley_compat_py_$(date +%s)_$$"
  psql "$DATABASE_URL" --no-psqlrc --quiet -v ON_ERROR_STOP=1 -c "CREATE DATABASE $COMPAT_DB" >/dev/null
  # Same server and role, the fresh database in place of the URL's path.
  DATA_SOURCE=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$DATABASE_URL" "$COMPAT_DB")
fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$WORK/config.json" "$PORT" "$DATA_SOURCE" "$WORK/db" <<'PY'
import json, sys
path, port, data_source, db_dir = sys.argv[1:5]
json.dump({
    "ServiceSettings": {"ListenAddress": f"127.0.0.1:{port}"},
    "SqlSettings": {"DataSource": data_source},
    # Low hash cost: the tests log in several times and CI machines are small.
    "ParleySettings": {"EmbeddedDatabaseDirectory": db_dir, "PasswordHashIterations": 1000},
}, open(path, "w"), indent=2)
PY

echo "starting Parley on 127.0.0.1:$PORT ($([ -n "$DATA_SOURCE" ] && echo "database $COMPAT_DB" || echo "embedded PostgreSQL"))"
# Parley reads DATABASE_URL as SqlSettings.DataSource: unset so that the config's fresh database wins.
env -u DATABASE_URL MM_CONFIG="$WORK/config.json" node_modules/.bin/node apps/server/src/main.ts >"$WORK/parley.log" 2>&1 &
PARLEY_PID=$!

ready=
for _ in $(seq 1 600); do
  if ! kill -0 "$PARLEY_PID" 2>/dev/null; then break; fi
  if python3 -c 'import sys, urllib.request as r; r.urlopen(sys.argv[1], timeout=2)' \
    "http://127.0.0.1:$PORT/api/v4/system/ping" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "Parley did not answer /api/v4/system/ping; its log:" >&2
  cat "$WORK/parley.log" >&2
  exit 1
fi

rc=0
PARLEY_HOST=127.0.0.1 PARLEY_PORT=$PORT "$WORK/venv/bin/python" -m pytest -p no:cacheprovider -v --rootdir "$HERE" \
  "$HERE/test_mattermostdriver.py" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "--- Parley log (last 50 lines)" >&2
  tail -50 "$WORK/parley.log" >&2
fi
exit "$rc"
