"""Load a plain-SQL dump (pg_dump --inserts, optionally gzipped) into an empty database with
psycopg alone, on whatever PostgreSQL version the server runs:

    python -m tests.upgrade.plain_sql release-0.1.sql.gz postgresql://postgres@127.0.0.1/dbname

What a pg_dump of another major version writes and this server cannot run is dropped while
loading, never edited in the dump: psql meta-commands (`\\restrict` in recent pg_dumps) and
`SET` of a setting the server does not know (`transaction_timeout` from pg_dump 17).
"""

import gzip
import re
import sys
from pathlib import Path

import psycopg

SET_STATEMENT = re.compile(r"^SET\s+(\w+)\s*=.*;\s*$")


def runnable_sql(sql_text: str, known_settings: set[str]) -> str:
    lines = []
    for line in sql_text.splitlines():
        if line.startswith("\\"):
            continue
        match = SET_STATEMENT.match(line)
        if match and match.group(1).lower() not in known_settings:
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def load_dump(path: Path, conninfo: str) -> int:
    """Run the dump at `path` in the (empty) database of `conninfo` as one transaction; returns
    the number of characters run."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as file:
        sql_text = file.read()
    with psycopg.connect(conninfo, autocommit=True) as connection:
        known = {name for (name,) in connection.execute("SELECT name FROM pg_settings")}
        sql_text = runnable_sql(sql_text, known)
        # Without parameters psycopg sends the script as one simple query: PostgreSQL runs it
        # as a single implicit transaction, so a failed load leaves nothing behind.
        connection.execute(sql_text)
    return len(sql_text)


if __name__ == "__main__":
    loaded = load_dump(Path(sys.argv[1]), sys.argv[2])
    sys.stdout.write(f"loaded {loaded} characters of SQL\n")
