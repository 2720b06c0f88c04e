#!/usr/bin/env bash
# One month partition of readings loaded in bulk, faster than row by row under its indexes: a table
# of readings' columns filled by load.sh, then the indexes readings has at the migrated version built
# on it (the primary key as a constraint), then attached as readings_pYYYYMM, which adopts them. Its indexes are built
# sorted, so they are denser than those the historian grows reading by reading (docs/architecture.md, "Historian").
#   bench/historian/bulk.sh <database> <from> <seconds>   (the range within one month, UTC)
set -euo pipefail
db=${1:?database}; from=${2:?from}; total=${3:?seconds}
here=$(cd "$(dirname "$0")" && pwd)
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$db")
month=$(date -u -d "$from" +%Y%m)
part=readings_p$month
lower=$(date -u -d "$(date -u -d "$from" +%Y-%m-01)" '+%Y-%m-01 00:00:00+00')
upper=$(date -u -d "$(date -u -d "$from" +%Y-%m-01) + 1 month" '+%Y-%m-01 00:00:00+00')
"${psql[@]}" -c "CREATE TABLE historian.$part (LIKE historian.readings INCLUDING DEFAULTS)"
"$here/load.sh" "$db" "$from" "$total" "$part"
t0=$(date +%s)
nice -n 10 "${psql[@]}" <<SQL
SET search_path = historian;
SET maintenance_work_mem = '512MB';
ALTER TABLE $part ADD PRIMARY KEY (reading_id, source_time);
-- every other index readings has at the migrated version, built on the table before it is attached
DO \$\$
DECLARE
    def text;
BEGIN
    FOR def IN
        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
        WHERE i.indrelid = 'readings'::regclass AND NOT i.indisprimary
    LOOP
        EXECUTE regexp_replace(def, '^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+', 'CREATE \\1INDEX ON $part');
    END LOOP;
END
\$\$;
ALTER TABLE readings ATTACH PARTITION $part FOR VALUES FROM ('$lower') TO ('$upper');
VACUUM ANALYZE $part;
SQL
echo "$(date -u +%H:%M:%S)  $part: indexes built, attached and analysed in $(( $(date +%s) - t0 )) s"
