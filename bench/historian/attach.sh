#!/usr/bin/env bash
# A table loaded in bulk (bulk.sh, rollup-bulk.sh) made a month partition of its parent: the parent's
# primary key and every other index it has at the migrated version built on it, sorted (so denser
# than those the historian grows row by row, docs/architecture.md, "Historian"), then attached as
# <parent>_pYYYYMM, which adopts them, and analysed.
#   bench/historian/attach.sh <database> <parent: readings or readings_minute> <table> <a time in its month>
set -euo pipefail
db=${1:?database}; parent=${2:?parent}; part=${3:?table}; from=${4:?time}
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$db")
lower=$(date -u -d "$(date -u -d "$from" +%Y-%m-01)" '+%Y-%m-01 00:00:00+00')
upper=$(date -u -d "$(date -u -d "$from" +%Y-%m-01) + 1 month" '+%Y-%m-01 00:00:00+00')
t0=$(date +%s)
nice -n 10 "${psql[@]}" <<SQL
SET search_path = historian;
SET maintenance_work_mem = '512MB';
DO \$\$
DECLARE
    def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = '$parent'::regclass AND contype = 'p';
    EXECUTE format('ALTER TABLE %I ADD %s', '$part', def);
    FOR def IN
        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
        WHERE i.indrelid = '$parent'::regclass AND NOT i.indisprimary
    LOOP
        EXECUTE regexp_replace(def, '^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+', 'CREATE \\1INDEX ON $part');
    END LOOP;
END
\$\$;
ALTER TABLE $parent ATTACH PARTITION $part FOR VALUES FROM ('$lower') TO ('$upper');
VACUUM ANALYZE $part;
SQL
echo "$(date -u +%H:%M:%S)  $part: indexes built, attached and analysed in $(( $(date +%s) - t0 )) s"
