# shellcheck shell=bash
# Sourced by .ci/run and scripts/run-stack (after bootstrap.sh): Debian's newest PostgreSQL
# cluster, created and started if needed, with the role `ocop` (password `ocop`, CREATEDB)
# and a UTF-8 database of the caller's. Runs as root (it acts as the `postgres` user).
#   postgres_ensure ocop_stack   # sets PG_PORT and DATABASE_URL

postgres_ensure() {
  local database="$1" version
  [[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || die "not a database name: $database"
  version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
  [[ -n "$version" ]] || die "PostgreSQL is not installed (Debian: apt-get install postgresql)"
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    say "Creating cluster $version/main"
    pg_createcluster --locale=C.UTF-8 "$version" main
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { up = 1 } END { exit !up }'; then
    say "Starting cluster $version/main"
    pg_ctlcluster "$version" main start
  fi
  PG_PORT="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 60 || die "PostgreSQL $version/main does not answer on port $PG_PORT"

  # Role ocop with CREATEDB (pytest-django creates test_ocop by copying template1) and the
  # database. Vietnamese text needs UTF-8: a cluster made without a UTF-8 locale has SQL_ASCII
  # databases, so template1 and the database are rebuilt from template0 when not UTF-8.
  (cd /tmp && runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -v database="$database" -p "$PG_PORT" -d postgres) <<'SQL'
SELECT CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = 'ocop')
            THEN 'ALTER ROLE ocop LOGIN CREATEDB PASSWORD ''ocop'''
            ELSE 'CREATE ROLE ocop LOGIN CREATEDB PASSWORD ''ocop''' END
\gexec
CREATE TEMP VIEW not_utf8 AS
  SELECT datname FROM pg_database WHERE encoding <> pg_char_to_encoding('UTF8');
SELECT 'ALTER DATABASE template1 IS_TEMPLATE false' FROM not_utf8 WHERE datname = 'template1'
\gexec
SELECT 'DROP DATABASE ' || quote_ident(datname) || ' WITH (FORCE)' FROM not_utf8 WHERE datname IN ('template1', :'database')
\gexec
SELECT 'CREATE DATABASE template1 TEMPLATE template0 ENCODING ''UTF8'' LOCALE ''C.UTF-8'' IS_TEMPLATE true'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'template1')
\gexec
SELECT format('CREATE DATABASE %I OWNER ocop TEMPLATE template0 ENCODING ''UTF8'' LOCALE ''C.UTF-8''', :'database')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database')
\gexec
SQL
  DATABASE_URL="postgres://ocop:ocop@127.0.0.1:$PG_PORT/$database"
  say "PostgreSQL $version on port $PG_PORT, database $database"
}
