"""The Skor Keterbukaan of one OPD: computed inside its schema, answered, stored, packed."""

import csv
import io
import re
import zipfile
from collections import defaultdict
from pathlib import PurePath

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from audit.models import AuditEvent
from core import registry
from core.registry import OpennessFact
from core.storage import remove, removed_on_error
from openness.indicators import GROUP_SOURCE, INDICATORS, MEASURED
from openness.models import Answer, Evidence, ScoreSnapshot
from openness.scoring import Assessment, IndicatorResult, answer_share, assess

# An answer's documents (the SAQ asks for a few bukti dukung, not an archive).
MAX_EVIDENCE_PER_INDICATOR = 10
SOCIAL_FIELDS = ("instagram_url", "facebook_url", "x_url", "youtube_url", "tiktok_url")


def social_media_fact(opd) -> OpennessFact:
    """Read from the OPD's own row (tenants, public schema): its official accounts."""
    count = sum(1 for name in SOCIAL_FIELDS if getattr(opd, name))
    detail = _("%(count)d akun media sosial resmi tercantum di identitas situs") % {"count": count}
    return OpennessFact(1 if count else 0, detail, "", "pages.change_identity")


def assessment_for(opd, user=None, identity_url: str = "") -> Assessment:
    """The OPD's assessment now: the content apps' facts (read in the current schema, which
    must be the OPD's) and the PPID's answers and evidence (public rows of this OPD only)."""
    facts = registry.openness_facts()
    social = social_media_fact(opd)
    facts["media_sosial"] = OpennessFact(
        social.share, social.detail, identity_url, social.permission
    )
    answers = {answer.indicator: answer for answer in Answer.objects.filter(opd=opd)}
    evidence = defaultdict(list)
    for document in Evidence.objects.filter(opd=opd):
        evidence[document.indicator].append(document)
    results = {}
    for indicator in INDICATORS:
        if indicator.kind == MEASURED:
            fact = facts.get(indicator.key)
            if fact is None:
                results[indicator.key] = IndicatorResult(
                    indicator, 0.0, _("Tidak dapat diukur di situs ini")
                )
                continue
            may = user is None or not fact.permission or user.has_perm(fact.permission)
            url = str(fact.admin_url) if fact.admin_url and may else None
            results[indicator.key] = IndicatorResult(indicator, fact.share, fact.detail, url)
        else:
            answer = answers.get(indicator.key)
            documents = evidence[indicator.key]
            value = answer.value if answer else None
            results[indicator.key] = IndicatorResult(
                indicator,
                answer_share(value, bool(documents)),
                _answer_detail(value, bool(documents)),
                answer=value,
                note=answer.note if answer else "",
                evidence=documents,
            )
    return assess(results)


def _answer_detail(value, has_evidence) -> str:
    if value is None:
        return _("Belum dijawab")
    if value == Answer.Value.NO:
        return _("Dijawab: belum")
    if not has_evidence:
        return _("Belum dihitung: unggah dokumen bukti")
    return _("Dijawab dengan bukti")


def record_snapshot(opd, assessment: Assessment) -> ScoreSnapshot:
    snapshot, _created = ScoreSnapshot.objects.update_or_create(
        opd=opd,
        defaults={
            "score": assessment.score,
            "band": assessment.band,
            "groups": {group.group.key: str(group.points) for group in assessment.groups},
            "answered": assessment.answered_count,
            "computed_at": timezone.now(),
        },
    )
    return snapshot


def record_current_score(opd) -> ScoreSnapshot:
    """Compute and store the score of `opd`, whose schema is the current one (the task)."""
    return record_snapshot(opd, assessment_for(opd))


def save_answer(*, opd, indicator: str, value: str, note: str, upload, username: str) -> Answer:
    """Store the PPID's answer and, if given, one evidence document: all of it or nothing
    (the file is removed again when the row cannot be written)."""
    with transaction.atomic(), removed_on_error():
        before = Answer.objects.filter(opd=opd, indicator=indicator).values("value", "note").first()
        answer, created = Answer.objects.update_or_create(
            opd=opd,
            indicator=indicator,
            defaults={"value": value, "note": note, "answered_by": username},
        )
        changes = audit.changes_between(before, {"value": value, "note": note})
        if changes:
            audit.record(
                AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE,
                instance=answer,
                changes=changes,
                opd_id=opd.pk,
            )
        if upload is not None:
            document = Evidence.objects.create(
                opd=opd,
                indicator=indicator,
                file=upload.file,
                original_filename=PurePath(upload.file.name).name[:255],
                file_type=upload.file_type,
                size=upload.file.size,
                uploaded_by=username,
            )
            audit.record(AuditEvent.Action.CREATE, instance=document, opd_id=opd.pk)
    return answer


def evidence_count(opd, indicator: str) -> int:
    return Evidence.objects.filter(opd=opd, indicator=indicator).count()


def delete_evidence(document: Evidence) -> None:
    name, storage_ = document.file.name, document.file.storage
    with transaction.atomic():
        audit.record(AuditEvent.Action.DELETE, instance=document, opd_id=document.opd_id)
        document.delete()
        transaction.on_commit(lambda: remove([(storage_, name)]))


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _archive_name(index: int, document: Evidence) -> str:
    stem = _UNSAFE.sub("-", PurePath(document.original_filename).stem).strip("-.")[:60]
    suffix = PurePath(document.file.name).suffix
    return f"bukti/{document.indicator}/{index:02d}-{stem or 'bukti'}{suffix}"


def evidence_pack(opd, assessment: Assessment) -> bytes:
    """A ZIP for the questionnaire: BACA-SAYA.txt, ringkasan.csv, ringkasan.html and every
    evidence document under bukti/<indicator>/, read from the OPD's private storage."""
    generated = timezone.localtime()
    files = {}
    for result in assessment.indicators:
        for index, document in enumerate(result.evidence, start=1):
            files[document.pk] = _archive_name(index, document)
    context = {
        "opd": opd,
        "assessment": assessment,
        "generated": generated,
        "files": files,
        "group_source": GROUP_SOURCE,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("BACA-SAYA.txt", render_to_string("openness/pack_readme.txt", context))
        archive.writestr("ringkasan.html", render_to_string("openness/pack_summary.html", context))
        archive.writestr("ringkasan.csv", _summary_csv(assessment, files))
        for result in assessment.indicators:
            for document in result.evidence:
                with document.file.open("rb") as handle:
                    archive.writestr(files[document.pk], handle.read())
    return buffer.getvalue()


def _summary_csv(assessment: Assessment, files: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Kelompok"),
            _("Indikator"),
            _("Cara"),
            _("Bobot"),
            _("Poin"),
            _("Keterangan"),
            _("Jawaban"),
            _("Bukti"),
            _("Dasar"),
        ]  # fmt: skip
    )
    for group in assessment.groups:
        for result in group.indicators:
            writer.writerow(
                [
                    str(group.group.label),
                    str(result.indicator.wording),
                    _("Diukur dari situs") if result.indicator.kind == MEASURED else _("Dijawab"),
                    result.indicator.weight,
                    str(result.points).replace(".", ","),
                    result.detail,
                    dict(Answer.Value.choices).get(result.answer, "") if result.answer else "",
                    "; ".join(files[document.pk] for document in result.evidence),
                    str(result.indicator.source),
                ]
            )
    writer.writerow([_("Skor"), "", "", 100, str(assessment.score).replace(".", ","),
                     str(assessment.band_label), "", "", ""])  # fmt: skip
    return "\ufeff" + out.getvalue()
