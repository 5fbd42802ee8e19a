"""What every permohonan informasi shares, wherever it is filed: at an OPD's site (the ppid app,
in the OPD's schema) or at the pemda's front door (this app, in the public schema).

The applicant's details (Perki 1/2021 Pasal 4: name, identity, address, contacts, the
information asked for, its purpose, how to obtain it) and the registration number with its
hashed tracking code are defined once here; the ppid app builds its own request on them.
"""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

DECISION_WORKING_DAYS = 10  # UU 14/2008 Pasal 22 ayat (7)
MAX_EXTENSION_WORKING_DAYS = 7  # UU 14/2008 Pasal 22 ayat (8)
OBJECTION_FILING_WORKING_DAYS = 30  # UU 14/2008 Pasal 36 ayat (1)
OBJECTION_ANSWER_WORKING_DAYS = 30  # UU 14/2008 Pasal 36 ayat (2)
DISPUTE_FILING_WORKING_DAYS = 14  # UU 14/2008 Pasal 37 ayat (2)

TRACKING_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TRACKING_CODE_LENGTH = 12


def new_tracking_code() -> str:
    """A random code shown once to the requester, e.g. `K7QM-2XHD-9RTA`."""
    raw = "".join(secrets.choice(TRACKING_CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_CODE_LENGTH, 4))


def hash_tracking_code(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


class TrackedSubmission(models.Model):
    """What requests and objections share: a registration number and a hashed tracking code."""

    number = models.CharField(_("nomor pendaftaran"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    tracking_code_hash = models.CharField(max_length=64, editable=False)
    # The hidden one-time token of the form that created it: a double submit finds this row.
    submission_token = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.number

    def check_tracking_code(self, code: str) -> bool:
        return secrets.compare_digest(self.tracking_code_hash, hash_tracking_code(code))


class RequestDecision(models.TextChoices):
    """The statuses of a permohonan; the last four are the written notice's decisions
    (UU 14/2008 Pasal 22 ayat (7), Perki 1/2021 Pasal 36)."""

    RECEIVED = "diterima", _("Diterima")
    PROCESSING = "diproses", _("Diproses")
    EXTENDED = "diperpanjang", _("Diperpanjang")
    GRANTED = "dikabulkan_seluruhnya", _("Dikabulkan seluruhnya")
    PARTIALLY_GRANTED = "dikabulkan_sebagian", _("Dikabulkan sebagian")
    REFUSED = "ditolak", _("Ditolak")
    NOT_HELD = "tidak_dikuasai", _("Informasi tidak dikuasai")
    # Not a decision: the request came through PPID Utama and this PPID gave it back or
    # passed it on to another OPD (it is that PPID's now; the applicant's data went with it).
    HANDED_OVER = "dialihkan", _("Dialihkan ke PPID lain")


class RefusalGround(models.TextChoices):
    EXCLUDED = "pasal_17", _("Informasi yang dikecualikan (Pasal 17 UU 14/2008)")
    NOT_DISCLOSABLE = "pasal_6", _("Informasi yang tidak dapat diberikan (Pasal 6 ayat (3))")
    INCOMPLETE = "tidak_lengkap", _("Permohonan tidak memenuhi syarat (Perki 1/2021)")


class ObjectionGround(models.TextChoices):
    """UU 14/2008 Pasal 35 ayat (1) huruf a–g: an objection to an OPD's PPID or to the pemda's."""

    REFUSED_EXCLUSION = "a", _("a. Penolakan berdasarkan alasan pengecualian (Pasal 17)")
    NO_PERIODIC = "b", _("b. Tidak disediakannya informasi berkala (Pasal 9)")
    NO_RESPONSE = "c", _("c. Tidak ditanggapinya permintaan informasi")
    NOT_AS_REQUESTED = "d", _("d. Permintaan ditanggapi tidak sebagaimana yang diminta")
    NOT_FULFILLED = "e", _("e. Tidak dipenuhinya permintaan informasi")
    UNREASONABLE_FEE = "f", _("f. Pengenaan biaya yang tidak wajar")
    TOO_LATE = "g", _("g. Penyampaian informasi melebihi waktu yang diatur")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    ANSWERED = "ditanggapi", _("Ditanggapi")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "diterima", _("Keberatan diterima")
    REJECTED = "ditolak", _("Keberatan ditolak")


class ApplicantDetails(models.Model):
    """The applicant and what they ask for: personal data, kept only where the request is
    handled (ARCHITECTURE.md §3)."""

    class IdentityType(models.TextChoices):
        NIK = "nik", _("Perorangan (NIK)")
        LEGAL_ENTITY = "badan_hukum", _("Badan hukum (nomor pengesahan)")

    class ObtainMethod(models.TextChoices):
        VIEW = "melihat", _("Melihat/membaca/mendengarkan/mencatat")
        COPY = "salinan", _("Mendapatkan salinan (softcopy/hardcopy)")

    class DeliveryMethod(models.TextChoices):
        COLLECT = "ambil", _("Mengambil langsung")
        POST = "pos", _("Pos/kurir")
        EMAIL = "email", _("E-mail")

    applicant_name = models.CharField(_("nama pemohon"), max_length=150)
    identity_type = models.CharField(
        _("jenis identitas"), max_length=20, choices=IdentityType.choices, default=IdentityType.NIK
    )
    identity_number = models.CharField(_("NIK / nomor badan hukum"), max_length=100)
    address = models.TextField(_("alamat"), max_length=500)
    phone = models.CharField(_("nomor telepon"), max_length=20)
    email = models.EmailField(_("e-mail"), max_length=254)
    occupation = models.CharField(_("pekerjaan"), max_length=100)
    information_requested = models.TextField(
        _("rincian informasi yang dibutuhkan"), max_length=4000
    )
    purpose = models.TextField(_("tujuan penggunaan informasi"), max_length=2000)
    obtain_method = models.CharField(
        _("cara memperoleh informasi"), max_length=10, choices=ObtainMethod.choices
    )
    delivery_method = models.CharField(
        _("cara mendapatkan salinan"), max_length=10, choices=DeliveryMethod.choices
    )

    # The fields that travel with a request when it is forwarded to another PPID.
    APPLICANT_FIELDS = (
        "applicant_name",
        "identity_type",
        "identity_number",
        "address",
        "phone",
        "email",
        "occupation",
        "information_requested",
        "purpose",
        "obtain_method",
        "delivery_method",
    )

    class Meta:
        abstract = True

    def applicant_details(self) -> dict:
        return {name: getattr(self, name) for name in self.APPLICANT_FIELDS}
