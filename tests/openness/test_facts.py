"""The measured indicators reflect what the OPD's schema holds, and only that OPD's."""

import datetime

import pytest
from django.utils import timezone

from core import registry
from openness.services import assessment_for
from pages.models import Official, OrgUnit
from ppid.models import InformationRequest, PublicInformation
from tests.ppid.conftest import submit
from tests.publicservices.factories import make_maklumat, make_service

pytestmark = pytest.mark.django_db


def dip(number, category="berkala", **fields):
    values = {
        "number": number,
        "title": f"Informasi {number}",
        "summary": "Ringkasan",
        "holder": "Sekretariat",
        "responsible_person": "Kasubag",
        "produced_when": "2026",
        "produced_where": "Kantor",
        "retention_period": "5 tahun",
        "year": timezone.localdate().year,
        "category": category,
    }
    values.update(fields)
    if category == "dikecualikan":
        values.update(
            exclusion_legal_basis="UU 14/2008 Pasal 17",
            exclusion_consequence="Membahayakan",
            exclusion_tested_on=timezone.localdate(),
        )
    return PublicInformation.objects.create(**values)


def facts_of(opd, in_opd):
    with in_opd(opd):
        return registry.openness_facts()


def test_dip_categories_freshness_downloads_and_annual_report(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        dip("1", link="https://example.org/renja.pdf")
        old = dip("2")
        dip("3", "serta_merta")
        dip("4", "dikecualikan")
        dip("5", "setiap_saat", is_published=False)  # a hidden entry does not count
        PublicInformation.objects.filter(pk=old.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=200)
        )
    facts = facts_of(opd_a, in_opd)
    assert facts["dip_kategori"].share == pytest.approx(2 / 3)
    assert "Informasi Tersedia Setiap Saat" in facts["dip_kategori"].detail
    assert facts["dip_berkala_mutakhir"].share == 0.5
    assert facts["dip_berkala_mutakhir"].detail.startswith("1 dari 2")
    # Three public entries (the excluded one is not public), one with a link.
    assert facts["dip_dapat_diunduh"].share == pytest.approx(1 / 3)
    assert facts["laporan_tahunan"].share == 0

    with in_opd(opd_a):
        dip(
            "LLIP",
            title="Laporan Layanan Informasi Publik Tahun Lalu",
            year=timezone.localdate().year - 1,
        )
        dip("6", "setiap_saat")
    facts = facts_of(opd_a, in_opd)
    assert facts["laporan_tahunan"].share == 1
    assert facts["dip_kategori"].share == 1
    # OPD beta holds none of it.
    facts_b = facts_of(opd_b, in_opd)
    assert facts_b["dip_kategori"].share == 0
    assert facts_b["laporan_tahunan"].share == 0


def test_requests_answered_on_time(opd_a, in_opd):
    with in_opd(opd_a):
        on_time, late, overdue, pending = (submit(opd_a).record for _ in range(4))
        today = timezone.localdate()
        InformationRequest.objects.filter(pk=on_time.pk).update(
            status="dikabulkan_seluruhnya", decided_at=timezone.now(), due_date=today
        )
        InformationRequest.objects.filter(pk=late.pk).update(
            status="tidak_dikuasai",
            decided_at=timezone.now(),
            due_date=today - datetime.timedelta(days=3),
        )
        InformationRequest.objects.filter(pk=overdue.pk).update(
            due_date=today - datetime.timedelta(days=1)
        )
    fact = facts_of(opd_a, in_opd)["permohonan_tepat_waktu"]
    # The pending one is still within its clock: not counted.
    assert fact.share == pytest.approx(1 / 3)
    assert fact.detail.startswith("1 dari 3")


def test_no_requests_due_is_not_late(opd_b, in_opd):
    fact = facts_of(opd_b, in_opd)["permohonan_tepat_waktu"]
    assert fact.share == 1


def test_services_maklumat_officials_and_skm(opd_a, in_opd):
    facts = facts_of(opd_a, in_opd)
    assert facts["standar_pelayanan"].share == 0
    assert facts["profil_pejabat"].share == 0
    assert facts["skm"].share == 0
    with in_opd(opd_a):
        make_service("Izin Usaha")
        make_service("Tanpa Standar", cost="")
        make_maklumat()  # without the signed scan: not complete
        Official.objects.create(name="Kepala", position="Kepala Dinas")
    facts = facts_of(opd_a, in_opd)
    assert facts["standar_pelayanan"].share == 0.5
    assert facts["maklumat"].share == 0
    assert "belum lengkap" in facts["maklumat"].detail
    assert facts["profil_pejabat"].share == 0.5
    with in_opd(opd_a):
        unit = OrgUnit.objects.create(name="Sekretariat")
        Official.objects.create(name="Sekretaris", position="Sekretaris", unit=unit)
    assert facts_of(opd_a, in_opd)["profil_pejabat"].share == 1


def test_social_media_is_read_from_the_opd_row(opd_a, in_opd):
    with in_opd(opd_a):
        assert assessment_for(opd_a).indicators  # computes without error
        result = {r.indicator.key: r for r in assessment_for(opd_a).indicators}["media_sosial"]
        assert result.share == 0
    opd_a.instagram_url = "https://instagram.com/alpha"
    with in_opd(opd_a):
        result = {r.indicator.key: r for r in assessment_for(opd_a).indicators}["media_sosial"]
    assert result.share == 1
