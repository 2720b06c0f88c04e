#!/usr/bin/env bash
# Loads <seconds> of 1,000 sensors at 1 Hz from <from> into an already migrated database, in chunks of
# 5,000 s (5 M rows), each in its own transaction, the client niced. Prints each chunk's time and rate.
# Into readings (its partitions made first, indexes kept up row by row, as the historian writes), or
# into [target], a table of the same columns (bulk.sh's partition-to-be).
#   bench/historian/load.sh <database> <from, e.g. 2026-11-30T12:00:00Z> <seconds> [target]
set -euo pipefail
db=${1:?database}; from=${2:?from}; total=${3:?seconds}; target=${4:-readings}
here=$(cd "$(dirname "$0")" && pwd)
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$db")
start=$(date -u -d "$from" +%s)
# the month partitions the range needs, as the historian makes them before a batch
[ "$target" = readings ] && for ((t = start; t < start + total; t += 86400)); do
    "${psql[@]}" -c "SET search_path = historian" -c "SELECT ensure_reading_partition(to_timestamp($t))" >/dev/null
done
[ "$target" = readings ] && "${psql[@]}" -c "SET search_path = historian" \
    -c "SELECT ensure_reading_partition(to_timestamp($((start + total - 1))))" >/dev/null
chunk=5000
for ((t = start; t < start + total; t += chunk)); do
    n=$(( start + total - t < chunk ? start + total - t : chunk ))
    at=$(date -u -d "@$t" '+%Y-%m-%d %H:%M:%S+00')
    t0=$(date +%s.%N)
    nice -n 10 "${psql[@]}" -v target="$target" -v from="$at" -v seconds="$n" -f "$here/insert-readings.sql"
    t1=$(date +%s.%N)
    printf '%s  %s + %5d s: %9d rows in %6.1f s = %7.0f rows/s; free disk %s\n' "$(date -u +%H:%M:%S)" "$at" "$n" \
        $((n * 1000)) "$(echo "$t1 - $t0" | bc)" "$(echo "$n * 1000 / ($t1 - $t0)" | bc)" "$(df -h --output=avail / | tail -1 | tr -d ' ')"
done
