from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def cap_broadcasts(apps, schema_editor):
    """Broadcasts set to run longer than BROADCAST_MAX_DAYS (some "until 2099") end at most that
    many days after their start, or after the upgrade for one already showing: a running
    emergency broadcast is not cut off by the upgrade itself."""
    EmergencyBanner = apps.get_model("banners", "EmergencyBanner")
    now = timezone.now()
    max_days = timedelta(days=settings.BROADCAST_MAX_DAYS)
    for banner in EmergencyBanner.objects.filter(expires_at__gt=now + max_days):
        latest_end = max(banner.starts_at, now) + max_days
        if banner.expires_at > latest_end:
            banner.expires_at = latest_end
            banner.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("banners", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(cap_broadcasts, migrations.RunPython.noop, elidable=True),
    ]
