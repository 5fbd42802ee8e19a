"""The Skor Keterbukaan pages: the OPD admin's (its PPID answers and downloads its evidence
pack) and the Kominfo console's (every OPD's latest score, from the stored snapshots)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from openness import services
from openness.forms import AnswerForm
from openness.indicators import ANSWERED_KEYS, BY_KEY, GROUP_SOURCE
from openness.models import Evidence, ScoreSnapshot
from openness.scoring import BAND_LABELS, BANDS, band_of, rounded
from tenants.models import Opd, with_primary_domain

ZERO = ScoreSnapshot(score=0)


def may_assess(user) -> bool:
    """The OPD's PPID (Petugas PPID) and its Admin OPD answer for the OPD: whoever may work on
    the content apps of the Petugas PPID role. Asked by the admin's menu on every screen, so it
    reads the user's permissions Django has already loaded for that screen (no query)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(user.has_module_perms(label) for label in roles.role_apps(roles.PETUGAS_PPID))


def _check(request):
    if not may_assess(request.user):
        raise PermissionDenied


def _identity_url(request) -> str:
    """The OPD's identity screen (its social media accounts), where the OPD admin has one."""
    try:
        return reverse("admin:pages_identity")
    except NoReverseMatch:
        return ""


def opd_score(request, admin_site, forms=None, status=200):
    _check(request)
    opd = request.tenant
    assessment = services.assessment_for(opd, request.user, _identity_url(request))
    snapshot = services.record_snapshot(opd, assessment)
    forms = forms or {}
    for result in assessment.indicators:
        if result.is_answered:
            result.form = forms.get(result.indicator.key) or AnswerForm(
                initial={"value": result.answer, "note": result.note},
                prefix=result.indicator.key,
            )
    context = {
        **admin_site.each_context(request),
        "title": _("Skor Keterbukaan"),
        "assessment": assessment,
        "snapshot": snapshot,
        "next_steps": assessment.next_steps(),
        "bands": [(floor, label) for floor, _key, label in BANDS],
        "group_source": GROUP_SOURCE,
        "max_mb": settings.OPENNESS_EVIDENCE_MAX_MB,
    }
    return TemplateResponse(request, "admin/openness/opd_score.html", context, status=status)


@require_POST
def opd_answer(request, admin_site, key):
    _check(request)
    if key not in ANSWERED_KEYS:
        raise Http404
    opd = request.tenant
    form = AnswerForm(
        request.POST,
        request.FILES,
        prefix=key,
        existing_evidence=services.evidence_count(opd, key),
        max_evidence=services.MAX_EVIDENCE_PER_INDICATOR,
    )
    if not form.is_valid():
        messages.error(
            request,
            _(
                "Jawaban “%(indicator)s” belum tersimpan. Periksa isian yang ditandai; "
                "berkas bukti perlu dipilih ulang."
            )
            % {"indicator": BY_KEY[key].wording},
        )
        return opd_score(request, admin_site, forms={key: form}, status=400)
    services.save_answer(
        opd=opd,
        indicator=key,
        value=form.cleaned_data["value"],
        note=form.cleaned_data["note"],
        upload=form.cleaned_data["evidence"],
        username=request.user.get_username(),
    )
    services.record_current_score(opd)
    messages.success(request, _("Jawaban tersimpan dan skor dihitung ulang."))
    return redirect(reverse(f"{admin_site.name}:openness_score") + f"#indikator-{key}")


def _evidence(request, pk) -> Evidence:
    return get_object_or_404(Evidence, pk=pk, opd=request.tenant)


def opd_evidence(request, admin_site, pk):
    _check(request)
    document = _evidence(request, pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_filename
    )


@require_POST
def opd_evidence_delete(request, admin_site, pk):
    _check(request)
    document = _evidence(request, pk)
    key = document.indicator
    services.delete_evidence(document)
    services.record_current_score(request.tenant)
    messages.success(request, _("Dokumen bukti dihapus."))
    return redirect(reverse(f"{admin_site.name}:openness_score") + f"#indikator-{key}")


def opd_pack(request, admin_site):
    _check(request)
    opd = request.tenant
    assessment = services.assessment_for(opd, request.user, _identity_url(request))
    services.record_snapshot(opd, assessment)
    data = services.evidence_pack(opd, assessment)
    name = f"paket-bukti-keterbukaan-{opd.slug}-{timezone.localdate():%Y%m%d}.zip"
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def console_scores(request, admin_site):
    """Every active OPD's latest stored score, in one query; the pemda's score is the mean of
    the OPDs' scores (OPDs not scored yet are listed and left out of the mean)."""
    opds = with_primary_domain(
        Opd.objects.sites()
        .filter(is_active=True)
        .select_related("openness_snapshot")
        .order_by("name")
    )
    rows = []
    for opd in opds:
        snapshot = getattr(opd, "openness_snapshot", None)
        rows.append(
            {
                "opd": opd,
                "snapshot": snapshot,
                "band_label": BAND_LABELS.get(snapshot.band, "") if snapshot else "",
                "admin_url": opd.site_url("/admin/keterbukaan/"),
            }
        )
    rows.sort(key=lambda row: (row["snapshot"] is None, -(row["snapshot"] or ZERO).score))
    scores = [row["snapshot"].score for row in rows if row["snapshot"]]
    pemda_score = rounded(sum(scores) / len(scores)) if scores else None
    context = {
        **admin_site.each_context(request),
        "title": _("Skor Keterbukaan OPD"),
        "rows": rows,
        "pemda_score": pemda_score,
        "pemda_band": band_of(pemda_score) if pemda_score is not None else "",
        "pemda_band_label": BAND_LABELS[band_of(pemda_score)] if pemda_score is not None else "",
        "scored": len(scores),
        "unscored": len(rows) - len(scores),
        "group_source": GROUP_SOURCE,
    }
    return TemplateResponse(request, "admin/openness/console_scores.html", context)
