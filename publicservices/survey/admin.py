"""The OPD admin's view of the SKM: answers are read-only (nobody edits or deletes a citizen's
answer), with the semester's results above the list."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ViewOnlyAdminMixin
from publicservices.models.survey import SurveyResponse
from publicservices.survey import ikm, services
from publicservices.survey.elements import FIELDS


class SemesterFilter(admin.SimpleListFilter):
    title = _("semester")
    parameter_name = "semester"

    def lookups(self, request, model_admin):
        return [(s.key, s.label) for s in services.semesters_with_answers()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        semester = ikm.Semester.parse(self.value())
        return queryset.in_semester(semester) if semester else queryset.none()


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("submitted_at", "service", *FIELDS, "has_suggestion")
    list_filter = (SemesterFilter, "service")
    list_select_related = ("service",)
    date_hierarchy = "submitted_at"
    search_fields = ("suggestion",)
    fields = ("service", "submitted_at", *FIELDS, "gender", "age_group", "education",
              "occupation", "suggestion")  # fmt: skip
    change_list_template = "admin/publicservices/surveyresponse/change_list.html"

    @admin.display(description=_("ada saran"), boolean=True)
    def has_suggestion(self, response):
        return bool(response.suggestion)

    def changelist_view(self, request, extra_context=None):
        semester = ikm.Semester.parse(request.GET.get("semester", "")) or (
            services.current_semester()
        )
        extra_context = {
            **(extra_context or {}),
            "skm_semester": semester,
            "skm_result": services.opd_result(semester),
            "skm_service_results": services.service_results(semester),
        }
        return super().changelist_view(request, extra_context)
