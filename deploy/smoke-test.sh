#!/usr/bin/env bash
# Smoke test of the production stack (docker-compose.yml) on a machine where no image can be pulled:
#   1. a Debian base from the Debian mirror (debootstrap -> docker import), cached in $SMOKE_CACHE;
#   2. stand-ins for the .NET SDK/runtime-deps, Node.js, PostgreSQL, RabbitMQ, Mailpit (smtp4dev) and nginx on that base;
#   3. the three Klachten images from deploy/*.Dockerfile with SDK/BASE pointing at the stand-ins;
#   4. docker-compose.yml itself, with deploy/smoke/docker-compose.smoke.yml swapping only image names;
#   5. staff accounts and API keys made with the server's administration commands (no SQL), a key rotated;
#      one complaint from intake to the receipt letter in the mail API, one server restarted mid-way;
#   6. the PostgreSQL restore drill of deploy/OPERATIONS.md; then everything is torn down.
# Last line: "N passed, N failed". Needs root (or sudo) for apt-get and dockerd. Not part of ./build.sh test.
#   deploy/smoke-test.sh            # KEEP_STACK=1 leaves the stack running for a look around
# Environment: SMOKE_CACHE (default /var/cache/klachten-smoke), SMOKE_PORT (proxy port, default 18080),
#   MAIL_API (default: the stand-in's http://127.0.0.1:18025/api/messages; Mailpit's is /api/v1/messages),
#   DOCKER_HOST (use a running daemon instead of starting one).
set -Eeuo pipefail
# Never a silent exit: a failing command names itself and its line.
trap 'echo "smoke: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SMOKE_CACHE=${SMOKE_CACHE:-/var/cache/klachten-smoke}
SMOKE_PORT=${SMOKE_PORT:-18080}
MAIL_PORT=${MAIL_PORT:-18025}
MAIL_API=${MAIL_API:-http://127.0.0.1:$MAIL_PORT/api/messages}
PROJECT=klachtensmoke
TAG=smoke
WORK=$(mktemp -d /tmp/klachten-smoke.XXXXXX)
PASSED=0 FAILED=0 STARTED_DOCKERD= COMPOSE_UP=
SCRIPT_START=$(date +%s)

log() { printf '[smoke %4ss] %s\n' "$(( $(date +%s) - SCRIPT_START ))" "$*" >&2; }
pass() { PASSED=$((PASSED + 1)); log "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); log "FAIL $*"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
# A check of something that settles after start-up (health checks, the first metrics sample): retried within a bound.
eventually() {
    local seconds=$1 name=$2 deadline; shift 2
    deadline=$(( $(date +%s) + seconds ))
    until "$@"; do
        if (( $(date +%s) >= deadline )); then fail "$name (still not after $seconds s)"; return 0; fi
        sleep 2
    done
    pass "$name"
}
sudo_() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# --- 0. packages and a Docker daemon --------------------------------------------------------------------------
ensure_packages() {
    local missing=()
    command -v dockerd >/dev/null || [[ -x /usr/sbin/dockerd ]] || missing+=(docker.io)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    command -v debootstrap >/dev/null || [[ -x /usr/sbin/debootstrap ]] || missing+=(debootstrap)
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    command -v openssl >/dev/null || missing+=(openssl)
    [[ ${#missing[@]} -eq 0 ]] && return
    log "installing ${missing[*]}"
    sudo_ apt-get update -qq
    sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_dockerd() {
    if [[ -n ${DOCKER_HOST:-} ]] && docker info >/dev/null 2>&1; then
        log "using the Docker daemon at $DOCKER_HOST"
        return
    fi
    local run=$SMOKE_CACHE/run
    sudo_ mkdir -p "$run" "$SMOKE_CACHE/docker"
    export DOCKER_HOST=unix://$run/docker.sock
    if docker info >/dev/null 2>&1; then
        log "reusing the smoke Docker daemon at $DOCKER_HOST"
        return
    fi
    log "starting dockerd (no iptables rules, own socket and data root)"
    # shellcheck disable=SC2024
    sudo_ bash -c "PATH=\$PATH:/usr/sbin:/sbin setsid dockerd --host '$DOCKER_HOST' --data-root '$SMOKE_CACHE/docker' \
        --exec-root '$run/exec' --pidfile '$run/dockerd.pid' --iptables=false --ip-masq=false \
        >'$SMOKE_CACHE/dockerd.log' 2>&1 </dev/null &"
    STARTED_DOCKERD=1
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && return
        sleep 0.5
    done
    tail -20 "$SMOKE_CACHE/dockerd.log" >&2
    echo "dockerd did not start" >&2
    exit 1
}

stop_dockerd() {
    [[ -n $STARTED_DOCKERD ]] || return 0
    local pid
    pid=$(cat "$SMOKE_CACHE/run/dockerd.pid" 2>/dev/null || true)
    if [[ -n $pid ]]; then
        sudo_ kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do sudo_ kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    sudo_ ip link delete docker0 2>/dev/null || true
}

compose() {
    docker-compose -p "$PROJECT" --env-file "$WORK/.env" -f "$ROOT/docker-compose.yml" -f "$ROOT/deploy/smoke/docker-compose.smoke.yml" "$@"
}

cleanup() {
    local rc=$?
    if [[ -n $COMPOSE_UP && -z ${KEEP_STACK:-} ]]; then
        log "tearing down"
        compose logs --no-color >"$WORK/compose.log" 2>&1 || true
        mkdir -p "$ROOT/artifacts/smoke" && cp "$WORK/compose.log" "$ROOT/artifacts/smoke/compose.log" 2>/dev/null || true
        compose down -v --remove-orphans >/dev/null 2>&1 || true
    fi
    [[ -n ${KEEP_STACK:-} ]] || stop_dockerd
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT

build() { # image dockerfile context [build args...]
    local image=$1 file=$2 context=$3
    shift 3
    DOCKER_BUILDKIT=0 docker build -q --network host -t "$image" -f "$file" "$@" "$context" >/dev/null
}

ensure_packages
start_dockerd

# --- 1. base image and stand-ins ------------------------------------------------------------------------------
sudo_ mkdir -p "$SMOKE_CACHE"
if ! docker image inspect local/debian:bookworm >/dev/null 2>&1; then
    if [[ ! -s $SMOKE_CACHE/debian-bookworm.tar ]]; then
        # One-line sources.list or deb822 .sources (stock Debian 12 has only the latter); no match is not an error.
        mirror=$({ cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
            | grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -1 || true)
        log "debootstrap bookworm from ${mirror:=http://deb.debian.org/debian}"
        sudo_ rm -rf "$SMOKE_CACHE/rootfs"
        sudo_ debootstrap --variant=minbase bookworm "$SMOKE_CACHE/rootfs" "$mirror" >"$SMOKE_CACHE/debootstrap.log" 2>&1
        sudo_ tar -C "$SMOKE_CACHE/rootfs" -cf "$SMOKE_CACHE/debian-bookworm.tar" .
        sudo_ rm -rf "$SMOKE_CACHE/rootfs"
    fi
    log "docker import local/debian:bookworm"
    docker import - local/debian:bookworm <"$SMOKE_CACHE/debian-bookworm.tar" >/dev/null
fi

BUILD_START=$(date +%s)
log "building stand-ins"
# The stand-ins' context, plus this machine's own CA certificates (a TLS-inspecting egress proxy signs with them).
STANDINS=$WORK/standins
cp -r deploy/standins "$STANDINS"
mkdir -p "$STANDINS/extra-ca"
cp /usr/local/share/ca-certificates/*.crt "$STANDINS/extra-ca/" 2>/dev/null || true
touch "$STANDINS/extra-ca/.keep"
build local/runtime-deps:bookworm "$STANDINS/runtime-deps.Dockerfile" "$STANDINS"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
build local/dotnet-sdk:bookworm "$STANDINS/sdk.Dockerfile" "$dotnet_root" --build-arg "NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}"
build local/node:bookworm "$STANDINS/node.Dockerfile" "$STANDINS"
build klachten-standin/postgres:15 "$STANDINS/postgres.Dockerfile" "$STANDINS"
build klachten-standin/rabbitmq:3-management "$STANDINS/rabbitmq.Dockerfile" "$STANDINS"
build klachten-standin/mailpit:smtp4dev "$STANDINS/mailpit.Dockerfile" "$STANDINS"
build klachten-standin/nginx:bookworm "$STANDINS/nginx.Dockerfile" "$STANDINS"

# --- 2. the Klachten images -----------------------------------------------------------------------------------
for image in server notification-worker archive-worker; do
    log "building klachten/$image:$TAG"
    build "klachten/$image:$TAG" "deploy/$image.Dockerfile" . --build-arg SDK=local/dotnet-sdk:bookworm --build-arg BASE=local/runtime-deps:bookworm --build-arg NODE=local/node:bookworm
done
log "images built in $(( $(date +%s) - BUILD_START )) s"
base_size=$(docker image inspect -f '{{.Size}}' local/runtime-deps:bookworm)
for image in server notification-worker archive-worker; do
    size=$(docker image inspect -f '{{.Size}}' "klachten/$image:$TAG")
    log "image klachten/$image: $((size / 1000000)) MB ($(((size - base_size) / 1000000)) MB above the runtime-deps base)"
done

# --- 3. the stack ---------------------------------------------------------------------------------------------
API_KEY=smoke-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
# The key-ring certificate as deploy/OPERATIONS.md makes it, readable by the containers' user.
CERT_PASSWORD=smoke-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=klachten-dataprotection" \
    -keyout "$WORK/dataprotection.key" -out "$WORK/dataprotection.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$WORK/dataprotection.key" -in "$WORK/dataprotection.crt" -out "$WORK/dataprotection.pfx" -passout "pass:$CERT_PASSWORD"
rm "$WORK/dataprotection.key"
sudo_ chown 10001:10001 "$WORK/dataprotection.pfx" && sudo_ chmod 400 "$WORK/dataprotection.pfx"
cat >"$WORK/.env" <<EOF
KLACHTEN_TAG=$TAG
KLACHTEN_HTTP_PORT=$SMOKE_PORT
POSTGRES_PASSWORD=smoke-postgres
RABBITMQ_PASSWORD=smoke-rabbitmq
KLACHTEN_BOOTSTRAP_API_KEY=$API_KEY
KLACHTEN_DATAPROTECTION_CERTIFICATE=$WORK/dataprotection.pfx
KLACHTEN_DATAPROTECTION_CERTIFICATE_PASSWORD=$CERT_PASSWORD
RABBITMQ_MANAGEMENT_PORT=18672
MAILPIT_PORT=$MAIL_PORT
EOF
compose config -q && pass "compose file and smoke override are valid" || fail "compose config"
# The override must name every image: a missing local image makes compose try a pull, which fails here.
STACK_START=$(date +%s)
COMPOSE_UP=1
log "docker-compose up"
if ! compose up -d --no-build >"$WORK/up.log" 2>&1; then
    cat "$WORK/up.log" >&2
    fail "docker-compose up"
    compose logs --no-color --tail 40 >&2 || true
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi

api() { # method path [user-key] [body]; an empty key is sent as such (refused), only a missing one is the bootstrap key
    local method=$1 path=$2 key=${3-$API_KEY} body=${4:-}
    local args=(-sS -m 20 -o "$WORK/body" -w '%{http_code}' -X "$method" -H "Authorization: ApiKey $key" "http://127.0.0.1:$SMOKE_PORT$path")
    [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
    curl "${args[@]}" 2>/dev/null || echo 000
}
json() { python3 -c "import json,sys; d=json.load(open('$WORK/body')); print($1)"; }

ready=
for _ in $(seq 1 300); do
    if [[ $(api GET /api/calendar/holidays?year=2027) == 200 ]]; then ready=1; break; fi
    sleep 1
done
STACK_READY=$(( $(date +%s) - STACK_START ))
if [[ -n $ready ]]; then
    pass "stack ready behind the proxy in ${STACK_READY} s"
else
    fail "stack not ready within 300 s"
    compose ps >&2 || true
    compose logs --tail 30 >&2 || true
fi
eventually 180 "every service healthy or done" bash -c "! docker ps -a --filter label=com.docker.compose.project=$PROJECT --format '{{.Names}} {{.Status}}' | grep -v -E 'healthy|Exited \(0\)|proxy' | grep ."
check "/metrics not served through the proxy" test "$(api GET /metrics)" = 404
check "server metrics refused inside the network without a key" bash -c "docker exec ${PROJECT}_server-1_1 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080; printf \"GET /metrics HTTP/1.0\r\n\r\n\" >&3; cat <&3' | head -1 | grep -q ' 401 '"
eventually 60 "server metrics answered inside the network with the beheerder key" bash -c "docker exec ${PROJECT}_server-1_1 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080; printf \"GET /metrics HTTP/1.0\r\nAuthorization: ApiKey $API_KEY\r\n\r\n\" >&3; cat <&3' | grep -q klachten_outbox_backlog"

# Staff accounts and their keys with the server's own commands (deploy/OPERATIONS.md, "Accounts and API keys"):
# no SQL. Each key is printed once, alone on stdout; the rest of the run uses those keys.
server_command() { docker exec "${PROJECT}_server-1_1" /app/Klachten.Server "$@"; }
psql() { docker exec -i "${PROJECT}_postgres_1" psql -v ON_ERROR_STOP=1 -qtA -U klachten -d "${1:-klachten}"; }
declare -A KEYS=([medewerker]=none [leidinggevende]=none [directeur]=none)
KEY_NAME=smoke-$(date +%Y%m%d-%H%M%S)   # a new name each run, so a kept stack (KEEP_STACK=1) can be run against again
provision_staff() {
    local user key users
    users=$(server_command --list-users) || return 1
    for user in medewerker leidinggevende directeur; do
        if ! grep -q "^$user"$'\t' <<<"$users"; then
            server_command --create-user "$user" "$user" "Smoke $user" --email "$user@integratiewerk.test" || return 1
        fi
        key=$(server_command --create-api-key "$user" "$KEY_NAME") && [[ $key == kw_* ]] || return 1
        KEYS[$user]=$key
    done
}
check "staff accounts and keys created with --create-user and --create-api-key" provision_staff
check "a created key works against the API" test "$(api GET /api/tasks "${KEYS[medewerker]}")" = 200
keys_listed_by_name_only() {
    local list
    list=$(server_command --list-api-keys medewerker) || return 1
    grep -q $'^medewerker\t'"$KEY_NAME"$'\t' <<<"$list" && ! grep -qF -- "${KEYS[medewerker]}" <<<"$list"
}
check "--list-api-keys shows the key by name, never the key itself" keys_listed_by_name_only
# Key rotation as OPERATIONS.md describes it: a second key, then the old one revoked; the revoked key is refused.
rotated=$(server_command --create-api-key medewerker "$KEY_NAME-rotated" || true)
check "rotated key works before the old one is revoked" test "$(api GET /api/tasks "${rotated:-none}")" = 200
check "old key revoked with --revoke-api-key" server_command --revoke-api-key medewerker "$KEY_NAME"
check "revoked key refused (401)" test "$(api GET /api/tasks "${KEYS[medewerker]}")" = 401
KEYS[medewerker]=${rotated:-none}

# --- 4. one complaint to the receipt letter, one server restarted on the way ------------------------------------
today=$(TZ=Europe/Amsterdam date +%F)
event=$(TZ=Europe/Amsterdam date -d '-20 days' +%F)
complaint=$(cat <<EOF
{"complainant":{"name":"Karin Klager","email":"karin.klager@example.nl","postalAddress":"Dorpsstraat 1, 1234 AB Ergens"},
 "category":"Treatment","eventDate":"$event","receivedOn":"$today","stage":"Formal",
 "concernedEmployee":"medewerker","manager":"leidinggevende",
 "description":"De klant voelt zich niet correct behandeld tijdens het gesprek."}
EOF
)
code=$(api POST /api/complaints "${KEYS[medewerker]}" "$complaint")
if [[ $code == 201 ]]; then
    complaint_id=$(json "d['id']") instance_id=$(json "d['workflowInstanceId']")
    pass "complaint registered ($(json "d['reference']"))"
else
    fail "complaint registered: HTTP $code $(cat "$WORK/body")"
    complaint_id= instance_id=
fi

log "restarting server-1 mid-way"
RESTART_START=$(date +%s)
docker restart -t 10 "${PROJECT}_server-1_1" >/dev/null && pass "server-1 restarted" || fail "server-1 restarted"

task_id= task_version=
for _ in $(seq 1 30); do
    if [[ -n $instance_id && $(api GET '/api/tasks?scope=role' "${KEYS[directeur]}") == 200 ]]; then
        read -r task_id task_version < <(json "' '.join(next(([t['id'], str(t['version'])] for t in d if t.get('workflowInstanceId') == '$instance_id'), ['', '']))")
        [[ -n $task_id ]] && break
    fi
    sleep 1
done
check "receipt task in the director's inbox while server-1 restarts" test -n "$task_id"
code=000
for _ in $(seq 1 10); do
    code=$(api POST "/api/tasks/$task_id/complete" "${KEYS[directeur]}" "{\"outcome\":\"Bevestigd\",\"comment\":\"Smoke\",\"data\":{},\"version\":$task_version}")
    [[ $code == 200 || $code == 409 ]] && break
    sleep 1
done
check "receipt confirmed (HTTP $code)" test "$code" = 200

mail_found=
for _ in $(seq 1 120); do
    if curl -sS -m 5 "$MAIL_API" 2>/dev/null | grep -q 'karin.klager@example.nl'; then mail_found=1; break; fi
    sleep 1
done
check "receipt letter e-mailed to the complainant (mail API $MAIL_API)" test -n "$mail_found"
letter=
for _ in $(seq 1 60); do
    if [[ $(api GET "/api/complaints/$complaint_id" "${KEYS[directeur]}") == 200 ]]; then
        letter=$(json "next((l['status'] for l in d['letters'] if l['kind'] == 'Ontvangstbevestiging'), '')")
        [[ $letter == Sent ]] && break
    fi
    sleep 1
done
check "case shows the receipt letter as sent (status: ${letter:-none})" test "$letter" = Sent
server1_healthy=
for _ in $(seq 1 90); do
    [[ $(docker inspect -f '{{.State.Health.Status}}' "${PROJECT}_server-1_1") == healthy ]] && { server1_healthy=1; break; }
    sleep 1
done
check "server-1 healthy again $(( $(date +%s) - RESTART_START )) s after its restart" test -n "$server1_healthy"

# --- 5. restore drill (deploy/OPERATIONS.md, "Backup and restore") ----------------------------------------------
log "restore drill"
docker exec "${PROJECT}_postgres_1" pg_dump -U klachten -d klachten -Fc -f /tmp/klachten.dump \
    && docker cp "${PROJECT}_postgres_1:/tmp/klachten.dump" "$WORK/klachten.dump" \
    && pass "backup taken with pg_dump ($(stat -c %s "$WORK/klachten.dump") bytes)" || fail "backup with pg_dump"
echo "DROP DATABASE IF EXISTS klachten_restore; CREATE DATABASE klachten_restore;" | psql postgres >/dev/null
docker cp "$WORK/klachten.dump" "${PROJECT}_postgres_1:/tmp/restore.dump"
docker exec "${PROJECT}_postgres_1" pg_restore -U klachten -d klachten_restore --no-owner --exit-on-error /tmp/restore.dump \
    && pass "backup restored into klachten_restore" || fail "pg_restore"
counts='SELECT (SELECT count(*) FROM complaints)||'"'"'/'"'"'||(SELECT count(*) FROM workflow_instances)||'"'"'/'"'"'||(SELECT count(*) FROM letters)||'"'"'/'"'"'||(SELECT count(*) FROM notifications.inbox_messages)'
original=$(echo "$counts" | psql klachten 2>&1 || true)
restored=$(echo "$counts" | psql klachten_restore 2>&1 || true)
check "restored database has the same complaints/instances/letters/inbox ($restored vs $original)" test -n "$original" -a "$original" = "$restored"

log "stack start to ready: ${STACK_READY} s; whole run: $(( $(date +%s) - SCRIPT_START )) s"
echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
