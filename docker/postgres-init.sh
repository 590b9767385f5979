#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d), as the
# image's superuser: the application's role owns its database and is no superuser — what
# e2e/api/production-entry.e2e-spec.ts proves the API needs (migrations, pg-boss and all).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE voicedesk LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_password';
CREATE DATABASE voicedesk OWNER voicedesk;
SQL
