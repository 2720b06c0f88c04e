#!/usr/bin/env bash
# One month partition of readings loaded in bulk, faster than row by row under its indexes: a table
# of readings' columns filled by load.sh, then indexed and attached as readings_pYYYYMM by attach.sh.
#   bench/historian/bulk.sh <database> <from> <seconds>   (the range within one month, UTC)
set -euo pipefail
db=${1:?database}; from=${2:?from}; total=${3:?seconds}
here=$(cd "$(dirname "$0")" && pwd)
part=readings_p$(date -u -d "$from" +%Y%m)
psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$db" \
    -c "CREATE TABLE historian.$part (LIKE historian.readings INCLUDING DEFAULTS)"
"$here/load.sh" "$db" "$from" "$total" "$part"
"$here/attach.sh" "$db" readings "$part" "$from"
