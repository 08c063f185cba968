#!/bin/bash
# Official-image behaviour the compose file relies on: POSTGRES_USER/PASSWORD/DB on first start, listen on all
# addresses, password authentication from other containers.
set -euo pipefail
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [[ ! -s $PGDATA/PG_VERSION ]]; then
    printf '%s' "$POSTGRES_PASSWORD" > /tmp/pwfile
    chown postgres /tmp/pwfile
    runuser -u postgres -- initdb -D "$PGDATA" -U "${POSTGRES_USER:-postgres}" --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f /tmp/pwfile
    echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
    # Like the official image: POSTGRES_DB (default: the user's name) exists after the first start.
    db=${POSTGRES_DB:-${POSTGRES_USER:-postgres}}
    if [[ $db != postgres ]]; then
        runuser -u postgres -- pg_ctl -D "$PGDATA" -w -o "-c listen_addresses=''" start >/dev/null
        runuser -u postgres -- psql -U "${POSTGRES_USER:-postgres}" -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
        runuser -u postgres -- pg_ctl -D "$PGDATA" -w stop >/dev/null
    fi
fi
exec runuser -u postgres -- postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql
