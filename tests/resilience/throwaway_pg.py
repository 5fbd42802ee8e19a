"""A throw-away PostgreSQL server (the embedded pgserver's binaries) that tests may stop and start
at will, on a loopback port of their own; never the server the test suite runs on."""

import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path

BIN = Path(importlib.util.find_spec("pgserver").submodule_search_locations[0]) / "pginstall" / "bin"
# PostgreSQL refuses to run as root; pgserver itself runs it as this system user then.
SYSTEM_USER = "pgserver" if os.geteuid() == 0 else None


class ThrowawayPostgres:
    def __init__(self, port: int):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="throwaway-pg-"))
        self.data = self.root / "data"
        if SYSTEM_USER:
            self.root.chmod(0o755)
            shutil.chown(self.root, SYSTEM_USER, SYSTEM_USER)

    def _run(self, *args, timeout=60):
        result = subprocess.run(
            [str(BIN / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=timeout,
            user=SYSTEM_USER,
            cwd=self.root,
        )
        if result.returncode:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip()[:1500]}")
        return result

    def url(self, database="postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}?connect_timeout=2"

    def init(self) -> "ThrowawayPostgres":
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")  # fmt: skip
        return self

    def start(self):
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "30",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )  # fmt: skip

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")

    def psql(self, sql: str, database="postgres"):
        self._run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(database), "-c", sql)

    def restore(self, dump: Path, database: str):
        """Load a pg_dump --format=custom file into a new database."""
        self.psql(f"CREATE DATABASE {database}")
        script = self.root / "load.sql"
        subprocess.run(
            [str(BIN / "pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", dump],
            check=True,
            capture_output=True,
        )
        # The system server of this environment stores a private column option (pg_attver)
        # that a stock server refuses; it means nothing to the data.
        lines = script.read_text().splitlines(keepends=True)
        script.write_text("".join(line for line in lines if "SET (pg_attver=" not in line))
        if SYSTEM_USER:
            shutil.chown(script, SYSTEM_USER, SYSTEM_USER)
        self._run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(database),
                  "-f", str(script), timeout=120)  # fmt: skip

    def destroy(self):
        with suppress(RuntimeError):  # not running
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def wait_until(check, *, timeout=20.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)
