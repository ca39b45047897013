# Sourced by scripts/test and scripts/bench: a real, throwaway PostgreSQL server on a free local
# port (installed from Debian's packages when missing), removed when the calling script exits.
# After `start_postgres`, $POSTGRES_URL addresses it; `create_database NAME` makes another
# database on it and prints its address.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_postgres() {
    if [ -z "$(pg_bin)" ]; then
        echo "Installing PostgreSQL from Debian's packages…"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    PGBIN="$(pg_bin)"
    PGDATA_DIR="$(mktemp -d /tmp/hallmark-pg.XXXXXX)"
    local port
    port="$(free_port)"
    # PostgreSQL refuses to run as root, so a root caller runs it as the postgres user.
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PGDATA_DIR"
        PG=(runuser -u postgres --)
    else
        PG=()
    fi
    trap stop_postgres EXIT
    "${PG[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR/cluster" -U hallmark --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR/cluster" -w -l "$PGDATA_DIR/server.log" \
        -o "-p $port -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500" start >/dev/null
    POSTGRES_PORT="$port"
    POSTGRES_URL="postgres://hallmark@127.0.0.1:$port/postgres?tlsmode=disable"
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') is running on port $port."
}

stop_postgres() {
    "${PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR/cluster" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
}

create_database() {
    "$PGBIN/createdb" -h 127.0.0.1 -p "$POSTGRES_PORT" -U hallmark "$1"
    echo "postgres://hallmark@127.0.0.1:$POSTGRES_PORT/$1?tlsmode=disable"
}
