import pytest

from .test_command import zip_of
from .test_services import uploads


@pytest.fixture
def uploads_zip(tmp_path):
    """The fixture export's wp-content/uploads as a .zip."""
    files = {f"wp-content/uploads/{name}": data for name, data in uploads().items()}
    return zip_of(files, tmp_path / "uploads.zip")
