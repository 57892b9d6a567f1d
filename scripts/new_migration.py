"""Write a new schema revision from what the models changed: `make migration MESSAGE="…"`.

A throwaway SQLite database is brought to the newest revision, Alembic compares it with the
models (directory/models.py) and writes the difference into directory/migrations/versions/
as `NNNN_<slug>.py`, numbered after the last one. Read it before committing: autogenerate
sees added and dropped columns and tables, not renames, and never fills existing rows.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from alembic import command

from directory.db import create_db_engine
from directory.migrations import alembic_config, head_revision

MAX_ID = 32  # alembic_version.version_num is a VARCHAR(32)


def revision_id(message: str) -> str:
    number = int(head_revision().split("_", 1)[0]) + 1
    ascii_text = unicodedata.normalize("NFKD", message).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return f"{number:04d}_{slug}"[:MAX_ID].rstrip("_")


def main(message: str) -> int:
    if not message.strip():
        print('Indiquez ce que change la révision : make migration MESSAGE="…"', file=sys.stderr)
        return 2
    rev_id = revision_id(message)
    with tempfile.TemporaryDirectory() as folder:
        engine = create_db_engine(f"sqlite:///{Path(folder) / 'modele.db'}")
        with engine.begin() as connection:
            config = alembic_config(connection)
            command.upgrade(config, "head")  # the models are ahead of it: no check here
            config.set_main_option("file_template", "%%(rev)s")
            script = command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()
    assert script is not None and not isinstance(script, list)
    path = Path(script.path)
    ruff = Path(sys.executable).with_name("ruff")
    subprocess.run([str(ruff), "format", "--quiet", str(path)], check=True)
    subprocess.run([str(ruff), "check", "--fix", "--quiet", str(path)], check=False)
    print(f"Révision « {rev_id} » écrite dans {path}.")
    print("Relisez-la (les renommages et le remplissage des lignes existantes sont à écrire à")
    print("la main), puis lancez « make test » : tests/test_migrations.py vérifie que les")
    print("modèles et les migrations s'accordent, sur SQLite et PostgreSQL.")
    return 0


if __name__ == "__main__":
    sys.exit(main(" ".join(sys.argv[1:])))
