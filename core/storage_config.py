"""The STORAGES setting for local disk or an S3-compatible store (see core/storage.py).

Plain functions without Django imports, so that portal/settings.py and the tests can call them.
"""

# Backups live in the private bucket under this prefix unless S3_BACKUP_BUCKET names a bucket of
# their own; no schema name can start with "_", so it never meets an OPD's folder.
BACKUP_PREFIX = "_backups"


def disk_storages() -> dict:
    return {
        "default": {"BACKEND": "core.storage.TenantFileSystemStorage"},
        "identity": {"BACKEND": "core.storage.FileSystemStorage"},
        "private": {"BACKEND": "core.storage.PrivateFileSystemStorage"},
        "backups": {"BACKEND": "core.storage.BackupFileSystemStorage"},
    }


def s3_storages(
    *,
    endpoint_url: str,
    access_key: str,
    secret_key: str,
    region: str,
    bucket: str,
    private_bucket: str,
    backup_bucket: str = "",
    public_url: str = "",
    timeout: float = 5,
) -> dict:
    """STORAGES entries for an S3-compatible store (see the module's docstring)."""
    common = {
        "endpoint_url": endpoint_url or None,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region or None,
        "timeout": timeout,
        # Names are random (uuid), so an existing key is only ever met on purpose (a restore).
        "file_overwrite": True,
        "default_acl": None,
    }
    public = {**common, "bucket_name": bucket, "querystring_auth": False, "public_url": public_url}
    private = {**common, "bucket_name": private_bucket, "querystring_auth": True}
    backups = {**private, "bucket_name": backup_bucket or private_bucket}
    if not backup_bucket or backup_bucket == private_bucket:
        backups["location"] = BACKUP_PREFIX
    return {
        "default": {"BACKEND": "core.storage.TenantS3Storage", "OPTIONS": public},
        "identity": {"BACKEND": "core.storage.S3Storage", "OPTIONS": public},
        "private": {"BACKEND": "core.storage.PrivateTenantS3Storage", "OPTIONS": private},
        "backups": {"BACKEND": "core.storage.BackupS3Storage", "OPTIONS": backups},
    }
