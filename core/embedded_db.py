"""Start the embedded PostgreSQL (pgserver) used when no DATABASE_URL is configured."""

import os
from pathlib import Path

EMBEDDED_DATABASE_NAME = "portal"


def embedded_database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded server under `data_dir` and return a URL for our database.

    The server stops by itself when the last process that started it exits.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    # pgserver keeps run-time files under XDG_RUNTIME_DIR; keep them beside the data.
    runtime_dir = data_dir.parent / "run"
    runtime_dir.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import pgserver

    server = pgserver.get_server(data_dir)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {EMBEDDED_DATABASE_NAME};")
    # get_uri() names the default "postgres" database; point it at ours instead.
    return server.get_uri(EMBEDDED_DATABASE_NAME)
