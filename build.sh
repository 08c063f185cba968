#!/usr/bin/env bash
# The one entry point for developers and CI.
#   ./build.sh test [dotnet test options]   (default) start throwaway servers, run every test and
#                                           print "N passed, N failed, N skipped" as the last line
#   e.g. ./build.sh test --filter "FullyQualifiedName~Intake"
#   ./build.sh bench [--quick] [scenario ...]  the benchmark (bench/README.md) on a durable PostgreSQL and a
#                                           RabbitMQ of its own (ports 25442/25675); Markdown table + JSON
# Servers: set KLACHTEN_TEST_POSTGRES (Npgsql connection string) and/or KLACHTEN_TEST_RABBITMQ
# (amqp:// URI) to use your own; otherwise PostgreSQL and RabbitMQ from Debian packages are
# started on 127.0.0.1:25432 and :25673 and stopped again on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
INFRA=$ROOT/tests/infra
RESULTS=$ROOT/artifacts/test-results
export KLACHTEN_TEST_LOG_DIR=$ROOT/artifacts/test-logs
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

source "$INFRA/common.sh"

# Only the packages this run needs; apt-get update is slow, so skip it when nothing is missing.
ensure_packages() {
    local missing=()
    if [[ -z ${KLACHTEN_TEST_POSTGRES:-} ]] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
        missing+=(postgresql)
    fi
    if [[ -z ${KLACHTEN_TEST_RABBITMQ:-} ]] && ! PATH=$PATH:/usr/sbin command -v rabbitmq-server >/dev/null; then
        missing+=(rabbitmq-server)
    fi
    # The browser tests drive Debian's Chromium; Playwright's own download does not work here.
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    # The build restores the Elsa Studio bundle with npm; the Studio browser tests need it.
    command -v npm >/dev/null || missing+=(npm)
    [[ ${#missing[@]} -eq 0 ]] && return

    local sudo=() started
    [[ $EUID -eq 0 ]] || sudo=(sudo)
    started=$(now)
    log "installing ${missing[*]}"
    # The tests start their own instances; the packaged services must not start.
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 755 "$policy"
        own_policy=1
    fi
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    if [[ -n $own_policy ]]; then "${sudo[@]}" rm -f "$policy"; fi
    log "installed ${missing[*]} in $(elapsed "$started") s"
}

STARTED_PG= STARTED_RABBIT= RABBIT_JOB=

stop_servers() {
    # A RabbitMQ still starting in the background must finish before it can be stopped.
    [[ -n $RABBIT_JOB ]] && { wait "$RABBIT_JOB" 2>/dev/null || true; RABBIT_JOB=; }
    [[ -n $STARTED_RABBIT ]] && { "$INFRA/rabbitmq.sh" stop || true; STARTED_RABBIT=; }
    [[ -n $STARTED_PG ]] && { "$INFRA/postgres.sh" stop || true; STARTED_PG=; }
    return 0
}

# Servers are started with fd 9 (the run lock) closed, so a leftover never holds the lock.
start_servers() {
    local rabbit_uri
    rabbit_uri=$(mktemp)
    if [[ -z ${KLACHTEN_TEST_RABBITMQ:-} ]]; then
        STARTED_RABBIT=1
        "$INFRA/rabbitmq.sh" start >"$rabbit_uri" 9>&- &
        RABBIT_JOB=$!
    fi
    # PostgreSQL is ready in under a second, RabbitMQ takes about eight: start both at once.
    if [[ -z ${KLACHTEN_TEST_POSTGRES:-} ]]; then
        STARTED_PG=1
        KLACHTEN_TEST_POSTGRES=$("$INFRA/postgres.sh" start 9>&-)
    fi
    if [[ -n $RABBIT_JOB ]]; then
        local job=$RABBIT_JOB
        RABBIT_JOB=
        wait "$job" || die "RabbitMQ did not start"
        KLACHTEN_TEST_RABBITMQ=$(cat "$rabbit_uri")
    fi
    rm -f "$rabbit_uri"
    export KLACHTEN_TEST_POSTGRES KLACHTEN_TEST_RABBITMQ
}

cmd_test() {
    # Ports and the results folder are shared, so runs on one machine take turns.
    exec 9>/tmp/klachten-build-test.lock
    if ! flock -n 9; then
        log "another ./build.sh test is running; waiting for it"
        flock -w 3600 9 || die "gave up waiting for the other run"
    fi
    trap stop_servers EXIT
    trap 'exit 130' INT TERM

    ensure_packages
    rm -rf "$RESULTS" "$KLACHTEN_TEST_LOG_DIR"
    mkdir -p "$RESULTS"
    start_servers

    local test_rc=0
    # The hang timeout turns a stuck test into a failure instead of a CI job that never ends.
    dotnet test KlachtenWorkflow.sln -c Release \
        --logger trx --results-directory "$RESULTS" \
        --blame-hang-timeout 15m --blame-hang-dump-type none "$@" 9>&- || test_rc=$?

    # Stop before the summary, so that the summary stays the last line of output.
    stop_servers
    local summary sum_rc=0
    summary=$("$INFRA/summarize-trx.sh" "$RESULTS") || sum_rc=$?
    [[ $test_rc -eq 0 ]] || echo "dotnet test exited with code $test_rc"
    echo "$summary"
    [[ $test_rc -eq 0 && $sum_rc -eq 0 ]]
}

cmd_bench() {
    exec 9>/tmp/klachten-build-bench.lock
    flock -w 3600 9 || die "another bench is running"
    trap stop_servers EXIT
    trap 'exit 130' INT TERM
    ensure_packages
    # Its own ports and a durable PostgreSQL: the ceiling must measure real commits, and tests must not share it.
    export KLACHTEN_PG_DURABLE=1 KLACHTEN_TEST_PG_PORT=25442 KLACHTEN_TEST_RABBITMQ_PORT=25675 KLACHTEN_TEST_RABBITMQ_DIST_PORT=25676
    unset KLACHTEN_TEST_POSTGRES KLACHTEN_TEST_RABBITMQ
    start_servers
    dotnet build -c Release bench/Klachten.Bench -v q -nologo 9>&-
    dotnet run -c Release --no-build --project bench/Klachten.Bench -- \
        --postgres "$KLACHTEN_TEST_POSTGRES" --rabbitmq "$KLACHTEN_TEST_RABBITMQ" "$@" 9>&-
}

case ${1:-test} in
    test) shift $(($# > 0)); cmd_test "$@" ;;
    bench) shift; cmd_bench "$@" ;;
    *) die "usage: $0 [test|bench]" ;;
esac
