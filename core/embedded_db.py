"""Start the embedded PostgreSQL (pgserver) used when no DATABASE_URL is configured."""

import os
from pathlib import Path

EMBEDDED_DATABASE_NAME = "portal"
# Every OPD schema holds some 280 relations, and a transaction that creates many OPDs (the full
# demo seed inside one test) locks each of them; PostgreSQL's default of 64 slots per connection
# runs out ("out of shared memory") at a few dozen OPDs.
MAX_LOCKS_PER_TRANSACTION = 1024


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
    if f" {MAX_LOCKS_PER_TRANSACTION}\n" not in server.psql("SHOW max_locks_per_transaction;"):
        # Only on the first start of a new data folder: the setting needs a restart.
        server.psql(f"ALTER SYSTEM SET max_locks_per_transaction = {MAX_LOCKS_PER_TRANSACTION};")
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "stop", "-m", "fast"], pgdata=server.pgdata, user=server.system_user)
        server.ensure_postgres_running()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {EMBEDDED_DATABASE_NAME};")
    # get_uri() names the default "postgres" database; point it at ours instead.
    return server.get_uri(EMBEDDED_DATABASE_NAME)
