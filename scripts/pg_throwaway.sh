#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite and print its URL.
#   eval "$(scripts/pg_throwaway.sh start)"   -> exports TEST_DATABASE_URL
#   scripts/pg_throwaway.sh stop
# Uses the Debian postgresql package's binaries; runs the server as the 'postgres' user
# when called as root (PostgreSQL refuses to run as root).
set -euo pipefail

PGDATA_DIR=${PGDATA_DIR:-/tmp/annuaire-pg}
PGPORT=${PGPORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL introuvable (paquet Debian postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
      mkdir -p "$PGDATA_DIR"
      [ "$(id -u)" = "0" ] && chown postgres "$PGDATA_DIR"
      as_owner "$bindir/initdb -D '$PGDATA_DIR' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    if ! as_owner "$bindir/pg_ctl -D '$PGDATA_DIR' status" >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl -D '$PGDATA_DIR' -l '$PGDATA_DIR/server.log' -w \
        -o \"-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
    fi
    echo "export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  stop)
    as_owner "$bindir/pg_ctl -D '$PGDATA_DIR' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
