#!/usr/bin/env bash
# Brings up the system's PostgreSQL (Debian packages) for Parley and prints its URL as the last line:
#
#   TEST_DATABASE_URL=$(bash scripts/system-postgres.sh | tail -1) npm test
#
# Idempotent: installs the `postgresql` package only when it is missing, starts the cluster when it
# is down, makes it listen on 127.0.0.1 only, and creates the role `parley` (password `parley`,
# LOGIN CREATEDB, as the tests create one database per test server) and the database `parley` when
# they are missing. Progress goes to stderr so that stdout carries only the URL.
# Run it as root; a non-root user can run it once everything is set up (it then only checks).
set -euo pipefail

ROLE=parley
PASSWORD=parley
DATABASE=parley
CLUSTER=main

say() { printf 'system-postgres: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# psql as the `postgres` superuser over the local socket (peer authentication).
as_postgres() {
  if is_root; then
    runuser -u postgres -- "$@"
  elif [ "$(id -un)" = postgres ]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n -u postgres -- "$@"
  else
    die "need root (or password-less sudo) to set up the role and database; run: sudo bash $0"
  fi
}

psql_admin() { as_postgres psql --port="$PORT" --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 "$@"; }

url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$ROLE" "$PASSWORD" "$PORT" "$DATABASE"; }

# True when the role can log in with its password over TCP and may create databases.
ready_for_tests() {
  command -v psql >/dev/null || return 1
  local createdb
  createdb=$(PGPASSWORD=$PASSWORD PGCONNECT_TIMEOUT=3 psql "$(url)" --no-psqlrc --tuples-only --no-align \
    -c 'SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user' 2>/dev/null) || return 1
  [ "$createdb" = t ]
}

# The runuser/sudo'ed tools must be able to enter the working directory.
cd /

# 1. Install.
server_versions() { ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | awk -F/ '{ print $5 }' | sort -n; }
if ! command -v pg_ctlcluster >/dev/null || [ -z "$(server_versions)" ]; then
  is_root || die "PostgreSQL is not installed and installing it needs root: run 'sudo bash $0', or install the Debian package 'postgresql' yourself."
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and there is no apt-get here: install PostgreSQL yourself and create a role '$ROLE' (password '$PASSWORD', LOGIN CREATEDB)."
  say "installing PostgreSQL from Debian's packages (apt-get update + install postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
else
  say "PostgreSQL is installed"
fi

# 2. The cluster: the newest installed major version's `main`, created if the package left none.
VERSION=$(server_versions | tail -1)
[ -n "$VERSION" ] || die "no PostgreSQL version found under /usr/lib/postgresql"
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  is_root || die "PostgreSQL $VERSION has no cluster '$CLUSTER'; creating one needs root: sudo bash $0"
  say "creating cluster $VERSION/$CLUSTER"
  pg_createcluster "$VERSION" "$CLUSTER" >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $3 }')
[ -n "$PORT" ] || die "could not read the port of cluster $VERSION/$CLUSTER from pg_lsclusters"

CONF_DIR=/etc/postgresql/$VERSION/$CLUSTER/conf.d
LISTEN_CONF=$CONF_DIR/parley-listen.conf
WANT_LISTEN="listen_addresses = '127.0.0.1'"

# Already set up (e.g. a developer machine, or a second run): nothing to change, works without root
# (root also makes sure of the listen address below).
if [ "$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')" = online ] &&
  { ! is_root || [ "$(cat "$LISTEN_CONF" 2>/dev/null)" = "$WANT_LISTEN" ]; } && ready_for_tests; then
  say "cluster $VERSION/$CLUSTER is running on port $PORT with role '$ROLE' and database '$DATABASE'"
  url
  echo
  exit 0
fi

# 3. Listen on the loopback address only (Debian's default 'localhost' may also mean ::1, and
#    nothing outside this machine should ever reach a database with a well-known password).
restart=no
if [ "$(cat "$LISTEN_CONF" 2>/dev/null)" != "$WANT_LISTEN" ]; then
  is_root || die "configuring PostgreSQL needs root: sudo bash $0"
  say "making PostgreSQL listen on 127.0.0.1 only ($LISTEN_CONF)"
  mkdir -p "$CONF_DIR"
  printf '%s\n' "$WANT_LISTEN" >"$LISTEN_CONF"
  restart=yes
fi

# 4. Start (no systemd in containers: pg_ctlcluster drives the server directly).
status=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')
if [ "$status" = online ] && [ "$restart" = yes ]; then
  say "restarting cluster $VERSION/$CLUSTER for the new listen address"
  pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
elif [ "$status" != online ]; then
  is_root || die "cluster $VERSION/$CLUSTER is not running; starting it needs root: sudo bash $0"
  say "starting cluster $VERSION/$CLUSTER"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 || {
    tail -n 20 "/var/log/postgresql/postgresql-$VERSION-$CLUSTER.log" >&2 2>/dev/null || true
    die "cluster $VERSION/$CLUSTER did not start (log above)"
  }
fi

# 5. Wait until it accepts connections on 127.0.0.1.
for _ in $(seq 1 60); do
  pg_isready --quiet --host=127.0.0.1 --port="$PORT" && break
  sleep 0.5
done
pg_isready --quiet --host=127.0.0.1 --port="$PORT" ||
  die "PostgreSQL does not accept connections on 127.0.0.1:$PORT after 30 s"

# 6. Role and database.
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  say "creating role '$ROLE' (LOGIN CREATEDB)"
  psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"
else
  # Make sure an existing role matches what the tests expect.
  psql_admin -c "ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"
fi
# The tests drop their databases WITH (FORCE); an autovacuum worker still in one belongs to no role,
# and only pg_signal_backend lets a non-superuser end it.
psql_admin -c "GRANT pg_signal_backend TO $ROLE" >/dev/null
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  say "creating database '$DATABASE' owned by '$ROLE'"
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi

ready_for_tests || die "role '$ROLE' cannot log in to $(url) with its password (check pg_hba.conf for 127.0.0.1)"
say "ready on 127.0.0.1:$PORT"
url
echo
