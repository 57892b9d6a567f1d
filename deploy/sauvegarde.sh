#!/bin/sh
# Dumps the directory's PostgreSQL database into BACKUP_DIR and keeps KEEP_DAYS days of dumps.
# Run daily by annuaire-sauvegarde.timer; restore with pg_restore (see docs/deploiement.md).
set -eu
: "${DATABASE_URL:?DATABASE_URL manque : la base à sauvegarder}"
dir=${BACKUP_DIR:-/var/backups/annuaire}
keep=${KEEP_DAYS:-30}
# pg_dump reads libpq addresses: postgresql://…, not SQLAlchemy's postgresql+psycopg://…
url=$(printf '%s' "$DATABASE_URL" | sed -E 's#^postgres(ql)?(\+psycopg)?://#postgresql://#')
stamp=$(date +%Y-%m-%dT%H%M%S)
partial="$dir/.annuaire-$stamp.dump.partiel"
trap 'rm -f "$partial"' EXIT
pg_dump --format=custom --no-owner --no-privileges --file="$partial" "$url"
mv "$partial" "$dir/annuaire-$stamp.dump"
find "$dir" -maxdepth 1 -name 'annuaire-*.dump' -mtime +"$keep" -delete
echo "Sauvegarde écrite : $dir/annuaire-$stamp.dump"
