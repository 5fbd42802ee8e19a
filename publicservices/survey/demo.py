"""Demo SKM answers for the demo services (idempotent): a realistic spread, mostly B, some A.

Called by the services app's seed_demo after it created the demo services of the OPD.
"""

import random
from datetime import timedelta

from django.utils import timezone

from publicservices.models.survey import (
    AgeGroup,
    Education,
    Gender,
    Occupation,
    SurveyResponse,
)
from publicservices.survey.elements import ELEMENTS

# OPDs whose services get answers, and how good their service is judged: "A" leans on 4s.
DEMO_PROFILES = {
    "disdukcapil": "B",
    "dpupr": "B",
    "dinsos": "A",
    "bpbd": "A",
    "dlh": "B",
    "kec-kasemen": "A",
}
_WEIGHTS = {
    "A": (0, 1, 4, 15),  # weights of the scores 1, 2, 3, 4: about 91 (A)
    "B": (0, 2, 12, 7),  # about 80 (B)
}
# U3 (waktu) and U9 (sarana) are where citizens complain most.
_HARDER = {"u3", "u9"}
_SUGGESTIONS = (
    "Antrean pagi hari masih panjang, mohon tambah loket.",
    "Petugas ramah dan sigap, terima kasih.",
    "Ruang tunggu panas, kipas angin perlu diperbaiki.",
    "Informasi persyaratan di situs sudah jelas.",
    "Mohon ada layanan daring agar tidak perlu datang.",
    "",
    "",
    "",
)


def after(seed_services):
    """The services' seed_demo, then the answers about the services it made."""

    def seed(demo_opd) -> None:
        seed_services(demo_opd)
        seed_demo_responses(demo_opd)

    return seed


def seed_demo_responses(demo_opd, *, per_service: int = 24) -> None:
    profile = DEMO_PROFILES.get(demo_opd.slug)
    if profile is None or SurveyResponse.objects.exists():
        return
    from publicservices.models.catalogue import Service

    rng = random.Random(demo_opd.slug)
    now = timezone.now()
    weights = _WEIGHTS[profile]
    harder = (weights[0], weights[1] + 2, weights[2] + 2, max(weights[3] - 3, 1))
    rows = []
    for service in Service.objects.order_by("pk")[:6]:
        for number in range(per_service):
            scores = {
                element.field: rng.choices(
                    (1, 2, 3, 4), weights=harder if element.field in _HARDER else weights
                )[0]
                for element in ELEMENTS
            }
            # Two thirds this semester, the rest over the previous months.
            age = timedelta(days=rng.randint(0, 60) if number % 3 else rng.randint(190, 330))
            rows.append(
                SurveyResponse(
                    service=service,
                    submitted_at=now - age - timedelta(minutes=rng.randint(0, 600)),
                    gender=rng.choice([*Gender.values, ""]),
                    age_group=rng.choice([*AgeGroup.values, ""]),
                    education=rng.choice([*Education.values, ""]),
                    occupation=rng.choice([*Occupation.values, ""]),
                    suggestion=rng.choice(_SUGGESTIONS),
                    **scores,
                )
            )
    SurveyResponse.objects.bulk_create(rows)
    from publicservices.survey.summary import record_ikm

    record_ikm()
