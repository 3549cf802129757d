#!/usr/bin/env bash
# PostgreSQL's first start (the official image runs /docker-entrypoint-initdb.d/ once, on an empty data directory, as
# the superuser): a database per service and two roles per service, their passwords from the environment.
#   <service>_owner  owns the service's database; <service>-migrate (Flyway) migrates as it, so it owns the schema
#                    and its tables
#   <service>_app    the application connects as it (spring.datasource.username); it owns nothing and has only what
#                    the service's migrations grant it (rows, never tables, triggers or grants)
# No role may connect to another service's database, nor to the superuser's.
set -euo pipefail

service_database() {
  local database=$1 owner_password=$2 app_password=$3
  # psql's :"name" and :'value' quote identifiers and literals, so no password can break the statements
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v database="$database" -v owner="${database}_owner" -v app="${database}_app" \
    -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
create role :"owner" login password :'owner_password';
create role :"app" login password :'app_password';
create database :"database" owner :"owner";
revoke all on database :"database" from public;
grant connect on database :"database" to :"app";
SQL
}

service_database intake "${INTAKE_DB_OWNER_PASSWORD:?set INTAKE_DB_OWNER_PASSWORD}" \
  "${INTAKE_DB_APP_PASSWORD:?set INTAKE_DB_APP_PASSWORD}"
service_database moderation "${MODERATION_DB_OWNER_PASSWORD:?set MODERATION_DB_OWNER_PASSWORD}" \
  "${MODERATION_DB_APP_PASSWORD:?set MODERATION_DB_APP_PASSWORD}"

# the superuser's own database and the template are not for the services either
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -c 'revoke connect, temporary on database postgres from public' \
  -c 'revoke connect, temporary on database template1 from public'
