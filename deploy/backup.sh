#!/usr/bin/env bash
# Nightly logical backup of Ingång's database: pg_dump in custom format, kept
# BACKUP_KEEP_DAYS days. The restore (docs/operations.md, "Restore") is the same
# one ingang/core/tests/test_fault_postgres.py performs in CI.
#
# Environment: PGHOST, PGPORT, PGUSER, PGDATABASE (libpq), BACKUP_DIR, BACKUP_KEEP_DAYS.
set -euo pipefail

: "${BACKUP_DIR:?set BACKUP_DIR}"
keep_days="${BACKUP_KEEP_DAYS:-35}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="${BACKUP_DIR}/ingang-${stamp}.dump"

umask 077
pg_dump --format=custom --compress=6 --file="${target}.partial"
# A dump that pg_restore cannot list is not a backup.
pg_restore --list "${target}.partial" >/dev/null
mv "${target}.partial" "${target}"
find "${BACKUP_DIR}" -name 'ingang-*.dump' -mtime +"${keep_days}" -delete
echo "backup written: ${target} ($(du -h "${target}" | cut -f1))"
