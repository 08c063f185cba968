#!/usr/bin/env bash
# Deletes every generated EF migration and generates one `Baseline` per context and provider. Valid only until the
# first release (databases made before must be recreated; see README "Operating notes"). Re-run it after merging a
# change to an EF model, then run the HasPendingModelChanges tests. With an argument (Server, Notifications, Archive)
# only that service's baselines are regenerated, so the others keep their migration ids.
set -euo pipefail
cd "$(dirname "$0")/../.."
only=${1:-}

# project | context | output folder (relative to the project; the namespace follows the folder)
contexts=(
  "src/Klachten.Server SqliteKlachtenDbContext Persistence/Migrations/Sqlite"
  "src/Klachten.Server PostgreSqlKlachtenDbContext Persistence/Migrations/PostgreSql"
  "src/Klachten.Notifications SqliteNotificationsDbContext Persistence/Migrations/Sqlite"
  "src/Klachten.Notifications PostgreSqlNotificationsDbContext Persistence/Migrations/PostgreSql"
  "src/Klachten.Archive SqliteArchiveDbContext Persistence/Migrations/Sqlite"
  "src/Klachten.Archive PostgreSqlArchiveDbContext Persistence/Migrations/PostgreSql"
)
if [[ -n $only ]]; then
  selected=()
  for entry in "${contexts[@]}"; do
    [[ $entry == "src/Klachten.$only "* ]] && selected+=("$entry")
  done
  (( ${#selected[@]} > 0 )) || { echo "no service named '$only' (Server, Notifications, Archive)" >&2; exit 2; }
  contexts=("${selected[@]}")
fi

for entry in "${contexts[@]}"; do
  read -r project _ folder <<<"$entry"
  rm -rf "${project:?}/${folder:?}"
done

# One build without any migration, so every context is diffed against an empty model.
dotnet tool restore >/dev/null
dotnet build src/Klachten.Server -c Release >/dev/null

for entry in "${contexts[@]}"; do
  read -r project context folder <<<"$entry"
  # The server is the startup project: it holds the EF design package and builds every context's assembly.
  dotnet ef migrations add Baseline --no-build --configuration Release \
    --project "$project" --startup-project src/Klachten.Server --context "$context" --output-dir "$folder"
done

find src -path '*Persistence/Migrations*' -name '*.cs' | xargs cat | wc -l | xargs echo "generated migration lines:"
