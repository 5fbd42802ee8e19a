"""The PPID's measured facts of the Skor Keterbukaan (openness app), read in the OPD's schema.

Each fact is what the platform itself holds, so the operator cannot make it look better than
the site does: the DIP (Pasal 9, 10 and 11 UU 14/2008; Perki 1/2021 tentang Standar Layanan
Informasi Publik, Pasal 11-13), the answers to information requests within their legal clock
(Pasal 22 ayat (7) and (8) UU 14/2008) and the annual report of the information service
(Perki 1/2021 Pasal 56).
"""

import datetime

from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from core.registry import OpennessFact
from ppid.models import InformationRequest, PublicInformation

DIP_ADMIN = reverse_lazy("admin:ppid_publicinformation_changelist")
DIP_ADD = reverse_lazy("admin:ppid_publicinformation_add")
REQUESTS_ADMIN = reverse_lazy("admin:ppid_informationrequest_changelist")
DIP_PERMISSION = "ppid.add_publicinformation"
REQUEST_PERMISSION = "ppid.change_informationrequest"
MANDATORY_CATEGORIES = (
    PublicInformation.Category.PERIODIC,
    PublicInformation.Category.IMMEDIATE,
    PublicInformation.Category.ON_REQUEST,
)
# The words by which a DIP entry is recognised as the annual report of the information service
# (Perki 1/2021 Pasal 56 calls it "laporan layanan Informasi Publik").
ANNUAL_REPORT_WORDS = "laporan layanan informasi publik"
ON_TIME_WINDOW = datetime.timedelta(days=365)


def openness_facts() -> dict[str, OpennessFact]:
    published = PublicInformation.objects.published()
    return {
        "dip_kategori": _dip_categories(published),
        "dip_berkala_mutakhir": _periodic_up_to_date(published),
        "dip_dapat_diunduh": _downloadable(published),
        "laporan_tahunan": _annual_report(published),
        "permohonan_tepat_waktu": _requests_on_time(),
    }


def _dip_categories(published) -> OpennessFact:
    present = set(
        published.filter(category__in=MANDATORY_CATEGORIES)
        .values_list("category", flat=True)
        .distinct()
    )
    missing = [str(label) for value, label in PublicInformation.Category.choices
               if value in MANDATORY_CATEGORIES and value not in present]  # fmt: skip
    detail = _("%(count)d dari 3 kategori wajib terisi di DIP") % {"count": len(present)}
    if missing:
        detail += " " + _("(belum ada: %(missing)s)") % {"missing": ", ".join(missing)}
    return OpennessFact(len(present) / 3, detail, DIP_ADD, DIP_PERMISSION)


def _periodic_up_to_date(published) -> OpennessFact:
    periodic = published.filter(category=PublicInformation.Category.PERIODIC)
    total = periodic.count()
    if not total:
        return OpennessFact(0, _("Belum ada Informasi Berkala di DIP"), DIP_ADD, DIP_PERMISSION)
    stale = periodic.stale().count()
    detail = _(
        "%(fresh)d dari %(total)d Informasi Berkala diperbarui dalam enam bulan terakhir"
    ) % {"fresh": total - stale, "total": total}
    url = f"{DIP_ADMIN}?category__exact={PublicInformation.Category.PERIODIC}"
    return OpennessFact((total - stale) / total, detail, url, DIP_PERMISSION)


def _downloadable(published) -> OpennessFact:
    public = published.exclude(category=PublicInformation.Category.EXCLUDED)
    total = public.count()
    if not total:
        return OpennessFact(0, _("Belum ada informasi di DIP"), DIP_ADD, DIP_PERMISSION)
    online = public.filter(~Q(file="") | ~Q(link="")).count()
    detail = _("%(online)d dari %(total)d informasi DIP dapat diunduh atau dibuka di situs") % {
        "online": online,
        "total": total,
    }
    return OpennessFact(online / total, detail, DIP_ADMIN, DIP_PERMISSION)


def _annual_report(published) -> OpennessFact:
    """The previous year's report is in the DIP as Informasi Berkala of that year, titled with
    "laporan layanan informasi publik" (how the ppid app's annual report is filed)."""
    year = timezone.localdate().year - 1
    found = published.filter(
        category=PublicInformation.Category.PERIODIC,
        year=year,
        title__icontains=ANNUAL_REPORT_WORDS,
    ).exists()
    if found:
        detail = _("Laporan layanan informasi publik tahun %(year)d ada di DIP") % {"year": year}
    else:
        detail = _(
            "Belum ada Informasi Berkala tahun %(year)d berjudul “Laporan Layanan Informasi "
            "Publik …” di DIP"
        ) % {"year": year}
    return OpennessFact(1 if found else 0, detail, DIP_ADD, DIP_PERMISSION)


def _requests_on_time() -> OpennessFact:
    """Requests of the last twelve months: answered by their due date, or answered late or
    still open past it. Open requests still within their clock are not counted yet."""
    today = timezone.localdate()
    rows = InformationRequest.objects.filter(
        received_at__gte=timezone.now() - ON_TIME_WINDOW
    ).values_list("status", "due_date", "decided_at")
    on_time = late = 0
    for status, due_date, decided_at in rows:
        if decided_at is not None:
            if timezone.localdate(decided_at) <= due_date:
                on_time += 1
            else:
                late += 1
        elif status in InformationRequest.OPEN_STATUSES and today > due_date:
            late += 1
    counted = on_time + late
    if not counted:
        return OpennessFact(
            1,
            _(
                "Belum ada permohonan yang jatuh tempo dalam 12 bulan terakhir; tidak ada yang "
                "terlambat"
            ),  # fmt: skip
            REQUESTS_ADMIN,
            REQUEST_PERMISSION,
        )
    detail = _("%(on_time)d dari %(counted)d permohonan 12 bulan terakhir dijawab tepat waktu") % {
        "on_time": on_time,
        "counted": counted,
    }
    return OpennessFact(on_time / counted, detail, REQUESTS_ADMIN, REQUEST_PERMISSION)
