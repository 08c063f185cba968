#!/usr/bin/env bash
# Throwaway RabbitMQ for the tests: ./rabbitmq.sh start|stop|halt|resume (run as root)
# `start` prints an AMQP URI on stdout; everything else goes to stderr.
# `halt` stops the node process but keeps its folder (durable queues and messages); `resume` starts the node again
# from it (the fault tests use them to take a dedicated broker away mid-run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PORT=${KLACHTEN_TEST_RABBITMQ_PORT:-25673}
# The default distribution port (AMQP + 20000) is out of range for high ports,
# and 35672-35682 belongs to the CLI tools, so pin it next to the AMQP port.
DIST_PORT=${KLACHTEN_TEST_RABBITMQ_DIST_PORT:-$((PORT + 1))}
NODE="klachten-test-$PORT@localhost"

export PATH="$PATH:/usr/sbin:/sbin"

epmd_kill() {
    local epmd
    epmd=$(command -v epmd || compgen -G '/usr/lib/erlang/erts-*/bin/epmd' | head -n 1) || true
    [[ -n $epmd ]] && "$epmd" -kill >/dev/null 2>&1 || true
}

stop() {
    local dir pid
    for dir in $(scratch_dirs rabbitmq "$PORT"); do
        pid=$(cat "$dir/rabbit.pid" 2>/dev/null || true)
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            timeout 30 rabbitmqctl -q -n "$NODE" stop "$dir/rabbit.pid" >/dev/null 2>&1 || true
            # A node that ignores the CLI (half started, cookie gone) is killed.
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
        fi
        if [[ -n ${KLACHTEN_TEST_LOG_DIR:-} && -d $dir/log ]]; then
            mkdir -p "$KLACHTEN_TEST_LOG_DIR" && cp "$dir"/log/*.log "$KLACHTEN_TEST_LOG_DIR/" 2>/dev/null || true
        fi
        rm -rf "$dir"
        epmd_kill
    done
}

launch() {
    local base=$1
    # A config file that does not exist means defaults: guest/guest from loopback.
    env RABBITMQ_BASE="$base" \
        RABBITMQ_NODENAME="$NODE" \
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$PORT" \
        RABBITMQ_DIST_PORT="$DIST_PORT" \
        RABBITMQ_MNESIA_BASE="$base/mnesia" \
        RABBITMQ_LOG_BASE="$base/log" \
        RABBITMQ_PID_FILE="$base/rabbit.pid" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins" \
        RABBITMQ_CONFIG_FILE="$base/rabbitmq" \
        ERL_EPMD_ADDRESS=127.0.0.1 \
        rabbitmq-server -detached >"$base/start.log" 2>&1 || true

    # await_startup right after -detached fails; waiting on the pid file works.
    if ! rabbitmqctl -q -n "$NODE" wait --timeout 90 "$base/rabbit.pid" >"$base/wait.log" 2>&1; then
        cat "$base/start.log" "$base/wait.log" "$base"/log/*.log >&2 2>/dev/null || true
        die "RabbitMQ did not start"
    fi
}

# The one folder of this port, for halt and resume.
only_dir() {
    local dirs
    dirs=$(scratch_dirs rabbitmq "$PORT")
    [[ -n $dirs && $(wc -w <<<"$dirs") -eq 1 ]] || die "expected one RabbitMQ folder for port $PORT, found: ${dirs:-none}"
    echo "$dirs"
}

halt() {
    local dir pid
    dir=$(only_dir)
    pid=$(cat "$dir/rabbit.pid")
    rabbitmqctl -q -n "$NODE" stop "$dir/rabbit.pid" >/dev/null || die "RabbitMQ node $NODE did not stop"
    ! kill -0 "$pid" 2>/dev/null || die "RabbitMQ node $NODE (pid $pid) still runs"
    log "RabbitMQ node $NODE halted (data kept)"
}

# `crash`: SIGKILL of the node's Erlang VM, no shutdown at all; `resume` then recovers from its data directory.
crash() {
    local dir pid
    dir=$(only_dir)
    pid=$(cat "$dir/rabbit.pid")
    kill -9 "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2>/dev/null || die "RabbitMQ node $NODE (pid $pid) survived SIGKILL"
    # A stale pid file would make the next start wait for the dead process.
    rm -f "$dir/rabbit.pid"
    log "RabbitMQ node $NODE killed (SIGKILL; data kept)"
}

resume() {
    local started dir
    started=$(now)
    dir=$(only_dir)
    rm -f "$dir/rabbit.pid"
    launch "$dir"
    log "RabbitMQ node $NODE resumed in $(elapsed "$started") s"
}

start() {
    local started base
    started=$(now)
    [[ $EUID -eq 0 ]] || die "rabbitmq.sh must run as root (Debian's rabbitmq-server switches to the rabbitmq user); or set KLACHTEN_TEST_RABBITMQ"
    command -v rabbitmq-server >/dev/null || die "rabbitmq-server not found (apt-get install rabbitmq-server)"
    stop
    for p in "$PORT" "$DIST_PORT"; do
        port_in_use "$p" && die "port $p is in use by something else; set KLACHTEN_TEST_RABBITMQ_PORT or KLACHTEN_TEST_RABBITMQ"
    done

    # The node runs as rabbitmq and dies silently when it cannot write its base.
    base=$(mktemp -d "/tmp/klachten-rabbitmq-$PORT.XXXXXX")
    chmod 755 "$base"
    chown rabbitmq:rabbitmq "$base"

    launch "$base"
    log "RabbitMQ ready on 127.0.0.1:$PORT in $(elapsed "$started") s"
    echo "amqp://guest:guest@127.0.0.1:$PORT/"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    halt) halt ;;
    crash) crash ;;
    resume) resume ;;
    *) die "usage: $0 start|stop|halt|crash|resume" ;;
esac
