#!/bin/sh
# The read-only role BI tools and Grafana log in with (docs/bi.md): it may read the historian's
# tables and views, including those the bridge's migrations make later, and write nothing.
# Runs once, when the postgres service's volume is new; the password comes from BI_READER_PASSWORD.
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$BI_READER_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE bi_reader LOGIN PASSWORD :'pw';
CREATE SCHEMA IF NOT EXISTS historian AUTHORIZATION bridge;
GRANT CONNECT ON DATABASE plant TO bi_reader;
GRANT USAGE ON SCHEMA historian TO bi_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE bridge IN SCHEMA historian GRANT SELECT ON TABLES TO bi_reader;
ALTER ROLE bi_reader SET search_path = historian;
ALTER ROLE bi_reader SET default_transaction_read_only = on;
-- JIT compiling the KPI views' plans costs more than running them
ALTER ROLE bi_reader SET jit = off;
SQL
