"""The demo's pemda-level PPID: its two people and two requests from citizens who did not
know which OPD holds the information, one still with PPID Utama, one forwarded to BPBD."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from ppidutama import disposition, roles
from ppidutama.models import PemdaRequest
from tenants.models import Opd

PPID_UTAMA_USERNAME = "ppidutama"
ATASAN_PPID_USERNAME = "sekda"

DEMO_REQUESTS = (
    {
        "applicant_name": "Rina Marlina",
        "identity_number": "3673014507900002",
        "address": "Jl. Ki Mas Jong No. 12, Kota Serang",
        "phone": "081398765432",
        "email": "rina.marlina@example.org",
        "occupation": "Wartawan",
        "information_requested": "Daftar titik rawan banjir dan jalur evakuasi tahun 2026",
        "purpose": "Bahan liputan kesiapsiagaan banjir",
    },
    {
        "applicant_name": "Ahmad Fauzi",
        "identity_number": "3673011203850001",
        "address": "Kp. Kaloran RT 02/05, Kota Serang",
        "phone": "085212345678",
        "email": "ahmad.fauzi@example.org",
        "occupation": "Mahasiswa",
        "information_requested": "Anggaran pemeliharaan drainase kota tahun 2025 per kecamatan",
        "purpose": "Penelitian skripsi",
    },
)


def seed_demo_ppid(password: str) -> None:
    """Idempotent: nothing is added when the demo's requests are there already."""
    User = get_user_model()
    for username, role in (
        (PPID_UTAMA_USERNAME, roles.PPID_UTAMA),
        (ATASAN_PPID_USERNAME, roles.ATASAN_PPID),
    ):
        if not User.objects.filter(username=username).exists():
            user = User.objects.create_user(
                username, f"{username}@serangkota.go.id", password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=role))
    if PemdaRequest.objects.exists():
        return
    receipts = [
        disposition.submit_to_utama(
            submission_token=secrets.token_urlsafe(24),
            identity_type="nik",
            obtain_method="salinan",
            delivery_method="email",
            **fields,
        )
        for fields in DEMO_REQUESTS
    ]
    bpbd = Opd.objects.filter(slug="bpbd", is_active=True).first()
    if bpbd is not None:
        disposition.forward(
            request=PemdaRequest.objects.get(number=receipts[0].number),
            to_opd=bpbd,
            note="Data titik rawan banjir dikuasai BPBD.",
            by=User.objects.get(username=PPID_UTAMA_USERNAME),
        )
