#!/usr/bin/env bash
# One month partition of the per-minute roll-up loaded in bulk: a table of readings_minute's columns
# (with the fill factor the historian gives its partitions) filled a day at a time (1.44 M rows, one
# transaction each, the client niced), then indexed and attached as readings_minute_pYYYYMM by attach.sh.
#   bench/historian/rollup-bulk.sh <database> <from, e.g. 2026-11-01T00:00:00Z> <days>   (within one month, UTC)
set -euo pipefail
db=${1:?database}; from=${2:?from}; days=${3:?days}
here=$(cd "$(dirname "$0")" && pwd)
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$db")
part=readings_minute_p$(date -u -d "$from" +%Y%m)
"${psql[@]}" -c "CREATE TABLE historian.$part (LIKE historian.readings_minute INCLUDING DEFAULTS) WITH (fillfactor = 70)"
start=$(date -u -d "$from" +%s)
for ((d = 0; d < days; d++)); do
    at=$(date -u -d "@$((start + d * 86400))" '+%Y-%m-%d %H:%M:%S+00')
    t0=$(date +%s.%N)
    nice -n 10 "${psql[@]}" -v target="$part" -v from="$at" -v minutes=1440 -f "$here/insert-rollup.sql"
    t1=$(date +%s.%N)
    printf '%s  %s: 1440000 rows in %6.1f s = %7.0f rows/s; free disk %s\n' "$(date -u +%H:%M:%S)" "$at" \
        "$(echo "$t1 - $t0" | bc)" "$(echo "1440000 / ($t1 - $t0)" | bc)" "$(df -h --output=avail / | tail -1 | tr -d ' ')"
done
"$here/attach.sh" "$db" readings_minute "$part" "$from"
