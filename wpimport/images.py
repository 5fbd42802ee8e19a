"""The imported photos' re-encoding and cover renditions, made ahead in worker processes.

An imported image costs some 0.3–0.4 s of CPU (decoded, re-encoded, then three widths in WebP and
JPEG and a share image: core.images), nearly all of it in Pillow, which keeps the GIL while it
encodes WebP, so threads do not help. A thousand photos took seven minutes on two cores, one
after the other. Here they are prepared by a pool of forked processes (one per core), a few
images ahead of the import, each into memory only: the worker touches neither the database nor
the storage. The import stores the files (so a failure removes them: core.storage) and saves
the rows in its own order, as before. The same code runs as without the pool: the same
validated_image_file() and make_cover_renditions(), the second given an in-memory storage, so
the names and renditions are those they would have been.

Few images (tests, small sites) or one core: no pool; the import then does the same work itself.
"""

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile

from core.images import make_cover_renditions, validated_image_file
from library.models import Image

MIN_IMAGES = 8  # fewer: not worth starting processes
MAX_WORKERS = 4
AHEAD_PER_WORKER = 3  # images prepared (and held in memory) ahead, per worker


def worker_count() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


class _MemoryStorage(Storage):
    """Where a worker's make_cover_renditions() writes: a dict of name -> bytes."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def _save(self, name, content):
        content.seek(0)
        self.files[name] = content.read()
        return name

    def exists(self, name):
        return name in self.files

    def delete(self, name):
        self.files.pop(name, None)


def prepare(filename: str, data: bytes, max_width: int, max_bytes: int) -> dict:
    """In a worker: the re-encoded image under the name its upload_to gives, and its cover
    renditions, all as bytes; or the messages of the ValidationError the import would report."""
    try:
        content = validated_image_file(
            SimpleUploadedFile(filename, data), max_width=max_width, max_bytes=max_bytes
        )
    except ValidationError as error:
        return {"errors": list(error.messages)}
    name = Image._meta.get_field("file").generate_filename(None, content.name)
    memory = _MemoryStorage()
    memory.save(name, content)
    renditions = make_cover_renditions(name, storage=memory)
    return {"name": name, "files": memory.files, "renditions": renditions}


class PreparedImages:
    """The images of `jobs` ((key, path) in the order the import takes them), prepared ahead.

    take(key, image) gives `image` its stored file and renditions, or returns False when `key`
    was not prepared here (the caller then does the work itself)."""

    def __init__(
        self,
        jobs: Iterable[tuple[object, str]],
        attachments: Mapping[str, bytes],
        *,
        max_width: int,
        max_bytes: int,
        workers: int | None = None,
        min_images: int | None = None,
    ):
        self.jobs = deque(jobs)
        self.attachments = attachments
        self.options = (max_width, max_bytes)
        self.waiting: set = {key for key, _path in self.jobs}
        self.running: deque[tuple[object, Future]] = deque()
        workers = worker_count() if workers is None else workers
        self.pool = None
        if workers > 1 and len(self.jobs) >= (MIN_IMAGES if min_images is None else min_images):
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        self.ahead = workers * AHEAD_PER_WORKER

    def _fill(self) -> None:
        while self.jobs and len(self.running) < self.ahead:
            key, path = self.jobs.popleft()
            data = self.attachments.get(path)
            name = PurePosixPath(path).name
            self.running.append((key, self.pool.submit(prepare, name, data, *self.options)))

    def take(self, key, image: Image) -> bool:
        if self.pool is None or key not in self.waiting:
            return False
        self.waiting.discard(key)
        while True:
            self._fill()
            running_key, future = self.running.popleft()
            if running_key == key:
                break
            future.cancel()  # an image the import skipped after all
        result = future.result()
        if "errors" in result:
            raise ValidationError(result["errors"])
        storage = image.file.storage
        for name, data in result["files"].items():
            stored = storage.save(name, ContentFile(data))
            if stored != name:  # never with random names; kept honest all the same
                raise RuntimeError(f"{name} was stored as {stored}")
        image.file.name = result["name"]
        image.renditions = result["renditions"]
        image.width, image.height = image.renditions["width"], image.renditions["height"]
        return True

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
