#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and creates the test role and database (idempotent).
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | grep -q online; then
  cluster=$(pg_lsclusters -h | awk '{print $2}' | head -n 1)
  if [ -z "$cluster" ]; then pg_createcluster "$version" main; cluster=main; fi
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='casemail'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE casemail LOGIN PASSWORD 'casemail'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='casemail_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE DATABASE casemail_test OWNER casemail\""
