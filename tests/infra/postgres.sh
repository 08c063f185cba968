#!/usr/bin/env bash
# Throwaway PostgreSQL for the tests: ./postgres.sh start|stop|halt|crash|resume
# `start` prints an Npgsql connection string on stdout; everything else goes to stderr.
# `halt` stops the server process (fast shutdown) but keeps its data; `resume` starts it again on the same data
# (the fault tests use them to take a dedicated instance away mid-run).
# Tuned for speed (no fsync): never use it to measure real commit throughput.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PORT=${KLACHTEN_TEST_PG_PORT:-25432}

pg_bin() {
    local bin
    bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1) || true
    [[ -x $bin/initdb ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
    echo "$bin"
}

# PostgreSQL refuses to run as root; as a normal user it runs as that user.
as_pg() {
    if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
    local dir bin
    for dir in $(scratch_dirs postgres "$PORT"); do
        if [[ -f $dir/data/postmaster.pid ]]; then
            bin=$(pg_bin)
            as_pg "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
        fi
        if [[ -n ${KLACHTEN_TEST_LOG_DIR:-} && -f $dir/postgres.log ]]; then
            mkdir -p "$KLACHTEN_TEST_LOG_DIR" && cp "$dir/postgres.log" "$KLACHTEN_TEST_LOG_DIR/" || true
        fi
        rm -rf "$dir"
    done
}

run_server() {
    local bin=$1 dir=$2
    # KLACHTEN_PG_DURABLE=1 (the bench) keeps PostgreSQL's durable defaults, so commits are real commits.
    local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ ${KLACHTEN_PG_DURABLE:-} == 1 ]] && speed=""
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $PORT -k $dir -c max_connections=300 $speed" \
        >/dev/null || { cat "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
}

# The one data folder of this port, for halt and resume.
only_dir() {
    local dirs
    dirs=$(scratch_dirs postgres "$PORT")
    [[ -n $dirs && $(wc -w <<<"$dirs") -eq 1 ]] || die "expected one PostgreSQL folder for port $PORT, found: ${dirs:-none}"
    echo "$dirs"
}

# `halt` shuts down cleanly (fast); `crash` stops every process without a checkpoint (immediate), as a killed server
# would, so `resume` runs crash recovery from the write-ahead log.
halt() {
    local dir mode=${1:-fast}
    dir=$(only_dir)
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" -w -t 60 stop -m "$mode" >/dev/null || die "PostgreSQL on $PORT did not stop"
    log "PostgreSQL on 127.0.0.1:$PORT halted ($mode; data kept)"
}

resume() {
    local started dir
    started=$(now)
    dir=$(only_dir)
    run_server "$(pg_bin)" "$dir"
    log "PostgreSQL on 127.0.0.1:$PORT resumed in $(elapsed "$started") s"
}

start() {
    local started bin dir
    started=$(now)
    bin=$(pg_bin)
    stop
    port_in_use "$PORT" && die "port $PORT is in use by something else; set KLACHTEN_TEST_PG_PORT or KLACHTEN_TEST_POSTGRES"

    # /tmp is world-traversable, so the postgres user can reach the data directory.
    dir=$(mktemp -d "/tmp/klachten-postgres-$PORT.XXXXXX")
    chmod 755 "$dir"
    [[ $EUID -eq 0 ]] && chown postgres:postgres "$dir"

    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    run_server "$bin" "$dir"

    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PORT in $(elapsed "$started") s"
    echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    halt) halt fast ;;
    crash) halt immediate ;;
    resume) resume ;;
    *) die "usage: $0 start|stop|halt|crash|resume" ;;
esac
