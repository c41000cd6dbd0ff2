#!/bin/sh
# Same layout as infra/servers.sh provision_postgres: databases courtesy and courtesy_test, one role and
# schema per service. Runs once, when the Postgres container initialises its volume.
set -e
for db in courtesy courtesy_test; do
  psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "create database $db" || true
done
for svc in gateway accounts outreach payments placement; do
  psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "create role $svc login password '$svc'" || true
  for db in courtesy courtesy_test; do
    psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$db" -c "create schema if not exists $svc authorization $svc;
      alter role $svc in database $db set search_path = $svc; grant connect on database $db to $svc;"
  done
done
