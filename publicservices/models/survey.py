"""The answers of the Survei Kepuasan Masyarakat (PermenPAN-RB No. 14 Tahun 2017).

One row per questionnaire a citizen sent about one service: the nine scores, when, and the
optional respondent profile of the regulation's form. No account, no name, no address, no IP:
the per-client throttle lives in the cache only (core.throttle).
"""

from datetime import datetime, time

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from publicservices.survey.elements import ELEMENTS
from publicservices.survey.ikm import Semester

SUGGESTION_MAX_LENGTH = 1000


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class AgeGroup(models.TextChoices):
    UNDER_20 = "<20", _("Di bawah 20 tahun")
    FROM_20 = "20-29", _("20–29 tahun")
    FROM_30 = "30-39", _("30–39 tahun")
    FROM_40 = "40-49", _("40–49 tahun")
    FROM_50 = "50-59", _("50–59 tahun")
    FROM_60 = "60+", _("60 tahun ke atas")


class Education(models.TextChoices):
    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    DIPLOMA = "diploma", _("D1/D2/D3/D4")
    S1 = "s1", _("S1")
    S2 = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS")
    TNI = "tni", _("TNI")
    POLRI = "polri", _("POLRI")
    SWASTA = "swasta", _("Pegawai swasta")
    WIRAUSAHA = "wirausaha", _("Wirausaha")
    PELAJAR = "pelajar", _("Pelajar/mahasiswa")
    LAINNYA = "lainnya", _("Lainnya")


class SurveyResponseQuerySet(models.QuerySet):
    def in_semester(self, semester: Semester):
        start = timezone.make_aware(datetime.combine(semester.first_day, time.min))
        end = timezone.make_aware(datetime.combine(semester.next.first_day, time.min))
        return self.filter(submitted_at__gte=start, submitted_at__lt=end)


def _score_field(element):
    return models.PositiveSmallIntegerField(
        format_lazy("{} {}", element.code, element.name),
        choices=element.choices,
        help_text=element.question,
    )


class SurveyResponse(models.Model):
    service = models.ForeignKey(
        "publicservices.Service",
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("layanan"),
    )
    u1 = _score_field(ELEMENTS[0])
    u2 = _score_field(ELEMENTS[1])
    u3 = _score_field(ELEMENTS[2])
    u4 = _score_field(ELEMENTS[3])
    u5 = _score_field(ELEMENTS[4])
    u6 = _score_field(ELEMENTS[5])
    u7 = _score_field(ELEMENTS[6])
    u8 = _score_field(ELEMENTS[7])
    u9 = _score_field(ELEMENTS[8])
    submitted_at = models.DateTimeField(_("waktu pengisian"), default=timezone.now, db_index=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    age_group = models.CharField(
        _("kelompok umur"), max_length=5, choices=AgeGroup.choices, blank=True
    )
    education = models.CharField(
        _("pendidikan"), max_length=7, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=9, choices=Occupation.choices, blank=True
    )
    suggestion = models.TextField(
        _("saran dan masukan"), max_length=SUGGESTION_MAX_LENGTH, blank=True
    )

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("jawaban survei kepuasan")
        verbose_name_plural = _("jawaban survei kepuasan")
        ordering = ("-submitted_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{element.field}__gte": 1, f"{element.field}__lte": 4}),
                name=f"skm_{element.field}_1_to_4",
            )
            for element in ELEMENTS
        ]

    def __str__(self):
        return _("Jawaban %(service)s, %(when)s") % {
            "service": self.service,
            "when": timezone.localtime(self.submitted_at).strftime("%d-%m-%Y %H:%M"),
        }

    @property
    def semester(self) -> Semester:
        return Semester.of(timezone.localtime(self.submitted_at))

    def scores(self) -> dict[str, int]:
        return {element.field: getattr(self, element.field) for element in ELEMENTS}
