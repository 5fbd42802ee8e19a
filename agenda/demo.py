"""Demo events for a few demo OPDs: some to come, one under way in a few days, some past.
Running the seed again changes nothing."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from agenda.models import Event
from publishing.services import publish_content


@dataclass(frozen=True)
class DemoEvent:
    days: int  # from today; negative: in the past
    title: str
    place: str
    description: str
    start: time | None = None  # None: all day
    hours: int = 2
    length_days: int = 1
    organiser: str = ""
    map_url: str = ""


_EVENTS = {
    "bpbd": (
        DemoEvent(
            9,
            "Simulasi tanggap darurat bencana banjir",
            "Bantaran Sungai Cibanten, Kelurahan Sumur Pecung",
            "<p>Simulasi evakuasi warga bantaran sungai bersama relawan, TNI, Polri dan "
            "puskesmas. Warga diimbau mengikuti arahan petugas dan mengenali jalur evakuasi.</p>",
            time(7, 30),
            hours=4,
            map_url="https://www.openstreetmap.org/?mlat=-6.1165&mlon=106.1540",
        ),
        DemoEvent(
            3,
            "Apel siaga bencana menghadapi musim hujan",
            "Alun-alun Kota Serang",
            "<p>Apel gabungan kesiapsiagaan personel dan peralatan menghadapi puncak musim "
            "hujan, dipimpin Wali Kota Serang.</p>",
            time(8, 0),
            organiser="Pemerintah Kota Serang",
        ),
        DemoEvent(
            21,
            "Pelatihan relawan tangguh bencana",
            "Aula BPBD Kota Serang",
            "<p>Pelatihan dua hari bagi relawan kelurahan: pertolongan pertama, dapur umum "
            "dan pendataan pengungsi.</p>",
            length_days=2,
        ),
        DemoEvent(
            -14,
            "Sosialisasi sekolah aman bencana",
            "SDN Cipocok Jaya 1",
            "<p>Sosialisasi kesiapsiagaan gempa bumi dan kebakaran untuk guru dan murid.</p>",
            time(9, 0),
        ),
    ),
    "dinkes": (
        DemoEvent(
            5,
            "Pekan imunisasi anak nasional",
            "Seluruh puskesmas Kota Serang",
            "<p>Imunisasi gratis untuk anak usia 0–59 bulan. Bawa buku KIA saat datang.</p>",
            length_days=7,
        ),
        DemoEvent(
            12,
            "Donor darah bersama PMI",
            "Halaman Kantor Dinas Kesehatan",
            "<p>Donor darah terbuka untuk umum, berat badan minimal 45 kg.</p>",
            time(8, 0),
            hours=5,
            organiser="PMI Kota Serang",
        ),
        DemoEvent(
            -20,
            "Penyuluhan pencegahan demam berdarah",
            "Aula Kecamatan Serang",
            "<p>Penyuluhan 3M Plus dan pembagian bubuk abate bagi kader jumantik.</p>",
            time(9, 0),
        ),
    ),
    "dinsos": (
        DemoEvent(
            7,
            "Penyaluran bantuan sosial pangan tahap IV",
            "Kantor Kelurahan Kasemen",
            "<p>Penerima membawa KTP dan Kartu Keluarga asli. Jadwal per RW diumumkan di "
            "kelurahan.</p>",
            time(8, 0),
            hours=6,
        ),
        DemoEvent(
            -10,
            "Bimbingan teknis pendamping PKH",
            "Aula Dinas Sosial Kota Serang",
            "<p>Pemutakhiran data keluarga penerima manfaat bersama pendamping PKH.</p>",
            time(9, 0),
            hours=3,
        ),
    ),
}


def _times(item: DemoEvent) -> tuple[datetime, datetime]:
    day = timezone.localdate() + timedelta(days=item.days)
    if item.start is None:
        starts = timezone.make_aware(datetime.combine(day, time.min))
        last = day + timedelta(days=item.length_days - 1)
        return starts, timezone.make_aware(datetime.combine(last, time(23, 59, 59)))
    starts = timezone.make_aware(datetime.combine(day, item.start))
    ends = starts + timedelta(hours=item.hours, days=item.length_days - 1)
    return starts, ends


def seed_demo_content(demo) -> None:
    """Create the demo events of `demo` in the current OPD schema (idempotent)."""
    if demo.slug not in _EVENTS or Event.objects.exists():
        return
    for item in _EVENTS[demo.slug]:
        starts_at, ends_at = _times(item)
        event = Event(
            title=item.title,
            all_day=item.start is None,
            starts_at=starts_at,
            ends_at=ends_at,
            place=item.place,
            map_url=item.map_url,
            organiser=item.organiser or demo.name,
            description=item.description,
        )
        publish_content(event)
