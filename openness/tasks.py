"""The Skor Keterbukaan's scheduled work."""

from core.tasks import periodic, schema_task
from openness.recording import record_all_scores


@periodic("30 19 * * *")  # 02:30 WIB
@schema_task
def record_openness_scores() -> None:
    """Every night: every active OPD's score anew (its DIP ages, requests fall due), so that
    the console's list is never older than a day."""
    record_all_scores()
