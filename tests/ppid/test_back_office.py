"""The PPID back office: staff notifications, the dashboard's counts, read-only closed records,
the decision form that asks only what the decision needs, and the annual report's year."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutgoingMail
from ppid import dashboard, notifications, services
from ppid.models import DeadlineReminder, InformationRequest
from ppid.tasks import remind_all_ppid_deadlines
from tests.factories import make_operator
from tests.ppid.conftest import VALID_REQUEST, petugas, submit, token
from workdays import counting as workdays

pytestmark = pytest.mark.django_db
ADMIN = "/admin/ppid/informationrequest/"
OBJECTIONS = "/admin/ppid/objection/"
# A Wednesday that is no holiday: the reminder job runs on working days only.
WEDNESDAY = datetime.date(2026, 12, 2)
PERSONAL = (
    VALID_REQUEST["applicant_name"],
    VALID_REQUEST["email"],
    VALID_REQUEST["identity_number"],
    VALID_REQUEST["phone"],
    VALID_REQUEST["address"],
)


@pytest.fixture
def officer(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = petugas(email="sri@alpha.example.org", first_name="Sri")
        client_a.force_login(user)
    return user


@pytest.fixture
def on_wednesday(monkeypatch):
    """timezone.localdate() (today) is WEDNESDAY; converting a given moment still works."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return WEDNESDAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    assert workdays.is_working_day(WEDNESDAY)
    return WEDNESDAY


def staff_mails(template):
    return [m for m in mail.outbox if m.subject and template in m.subject]


def objection_to_a_decided_request(opd, officer, *, reason="Ada."):
    """A request the PPID answered "not held", and the citizen's objection to it."""
    request = services.respond_to_request(
        opd=opd,
        request=submit(opd).record,
        by=officer,
        decision="tidak_dikuasai",
        notice="Tidak dikuasai.",
    )
    return services.file_objection(
        opd=opd, request=request, ground="e", reason=reason, submission_token=token()
    ).record


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


# Notifications ------------------------------------------------------------------------------


def test_a_new_request_mails_the_ppid_staff_a_link_to_it_on_the_opd_host_with_the_port(
    opd_a, in_opd, officer, settings, run_tasks, task_queue
):
    settings.PORTAL_PORT = "8123"
    with in_opd(opd_a):
        request = submit(opd_a).record
    assert run_tasks() == {"succeeded": 2}  # the citizen's receipt, the staff's notice
    [notice] = mails_to("sri@alpha.example.org")
    assert notice.to == ["sri@alpha.example.org"]  # not the Admin OPD: somebody handles PPID
    assert request.number in notice.subject and "baru" in notice.subject
    link = f"http://alpha.localhost:8123/admin/ppid/informationrequest/{request.pk}/change/"
    assert link in notice.body
    for personal in PERSONAL:
        assert personal not in notice.body and personal not in notice.subject
    # The queue (public schema) carries the schema and the mail row's id, nothing else.
    for job in task_queue.jobs.values():
        assert set(job["args"]) == {"schema", "mail_id"}
        assert all(isinstance(v, int) or "@" not in v for v in job["args"].values())
    assert "Budi" not in json.dumps([job["args"] for job in task_queue.jobs.values()])


def test_without_petugas_ppid_the_admin_opd_is_told(opd_a, in_opd, run_tasks):
    with in_opd(opd_a):
        request = submit(opd_a).record
    run_tasks()
    [notice] = mails_to("admin@alpha.example.org")
    assert request.number in notice.subject


def test_a_user_given_the_permission_to_handle_requests_is_staff_too(opd_a, in_opd, run_tasks):
    with in_opd(opd_a):
        clerk = make_operator("loket", email="loket@alpha.example.org")
        clerk.user_permissions.add(Permission.objects.get(codename="change_informationrequest"))
        make_operator("lain", email="lain@alpha.example.org", role="Operator Berita")
        make_operator(
            "pergi", email="pergi@alpha.example.org", role="Petugas PPID", is_active=False
        )
        assert notifications.staff_recipients() == ["loket@alpha.example.org"]


def test_a_new_objection_mails_the_staff_a_link_to_the_objection(opd_a, in_opd, officer, run_tasks):
    with in_opd(opd_a):
        objection = objection_to_a_decided_request(opd_a, officer)
    run_tasks()
    [notice] = [m for m in mails_to("sri@alpha.example.org") if "Keberatan baru" in m.subject]
    assert objection.number in notice.subject
    assert f"/admin/ppid/objection/{objection.pk}/change/" in notice.body
    assert "Ada." not in notice.body  # the objector's own words stay in the admin


def test_staff_of_opd_b_hear_nothing_of_opd_a(opd_a, opd_b, in_opd, officer, run_tasks):
    with in_opd(opd_b):
        petugas(email="beta-ppid@beta.example.org")
    with in_opd(opd_a):
        submit(opd_a)
    run_tasks()
    assert not mails_to("beta-ppid@beta.example.org")
    assert not mails_to("admin@beta.example.org")


def set_due(record, due_date):
    type(record).objects.filter(pk=record.pk).update(due_date=due_date)


def test_the_daily_job_reminds_three_working_days_before_a_deadline_once(
    opd_a, opd_b, in_opd, officer, on_wednesday, run_tasks, task_queue
):
    three_days = workdays.add_working_days(WEDNESDAY, 3)
    with in_opd(opd_a):
        near = submit(opd_a).record
        today = submit(opd_a).record
        later = submit(opd_a).record
        overdue = submit(opd_a).record
        decided = submit(opd_a).record
        set_due(near, three_days)
        set_due(today, WEDNESDAY)
        set_due(later, workdays.add_working_days(WEDNESDAY, 4))
        set_due(overdue, WEDNESDAY - datetime.timedelta(days=1))
        set_due(decided, three_days)
        services.respond_to_request(
            opd=opd_a, request=decided, by=officer, decision="tidak_dikuasai", notice="x"
        )
        objection = services.file_objection(
            opd=opd_a, request=decided, ground="e", reason="y", submission_token=token()
        ).record
        set_due(objection, workdays.add_working_days(WEDNESDAY, 2))
    with in_opd(opd_b):
        beta = petugas(email="beta-ppid@beta.example.org")
        beta_request = submit(opd_b).record
        set_due(beta_request, three_days)
    run_tasks()
    mail.outbox.clear()

    remind_all_ppid_deadlines.defer()
    run_tasks()
    jobs = [
        j for j in task_queue.jobs.values() if j["task_name"].endswith(".remind_ppid_deadlines")
    ]
    assert sorted(j["args"]["schema"] for j in jobs) == [opd_a.schema_name, opd_b.schema_name]
    assert all(job["status"] == "succeeded" for job in task_queue.jobs.values())
    reminders = mails_to("sri@alpha.example.org")
    subjects = sorted(m.subject for m in reminders)
    assert subjects == sorted(
        [
            f"[Alpha] Tenggat permohonan {near.number} tinggal 3 hari kerja",
            f"[Alpha] Tenggat permohonan {today.number} hari ini",
            f"[Alpha] Tenggat keberatan {objection.number} tinggal 2 hari kerja",
        ]
    )
    near_mail = next(m for m in reminders if near.number in m.subject)
    assert f"/admin/ppid/informationrequest/{near.pk}/change/" in near_mail.body
    for personal in PERSONAL:
        assert personal not in near_mail.body
    [beta_mail] = mails_to("beta-ppid@beta.example.org")
    assert beta_request.number in beta_mail.subject and beta.email == beta_mail.to[0]
    with in_opd(opd_a):
        assert DeadlineReminder.objects.count() == 3
    with in_opd(opd_b):
        assert DeadlineReminder.objects.count() == 1

    # The job runs again (a retry, or the next morning): nobody gets the same reminder twice.
    sent = len(mail.outbox)
    remind_all_ppid_deadlines.defer()
    run_tasks()
    assert len(mail.outbox) == sent

    # An extended deadline is a new deadline: it gets its own reminder when it nears.
    with in_opd(opd_a):
        set_due(near, workdays.add_working_days(WEDNESDAY, 1))
        assert notifications.send_deadline_reminders(opd=opd_a) == 1


def test_no_reminders_on_a_day_off(opd_a, in_opd, officer):
    saturday = datetime.date(2026, 12, 5)
    with in_opd(opd_a):
        request = submit(opd_a).record
        set_due(request, workdays.add_working_days(saturday, 1))
        assert notifications.send_deadline_reminders(opd=opd_a, today=saturday) == 0
        assert (
            notifications.send_deadline_reminders(opd=opd_a, today=datetime.date(2026, 12, 4)) == 1
        )
        assert (
            OutgoingMail.objects.filter(template="ppid/email/staff_request_deadline").count() == 1
        )
        friday = datetime.date(2026, 12, 4)
        assert notifications.send_deadline_reminders(opd=opd_a, today=friday) == 0


# Dashboard ----------------------------------------------------------------------------------


def dashboard_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_dashboard_counts_link_to_the_lists_they_count(opd_a, in_opd, client_a, officer):
    today = timezone.localdate()
    with in_opd(opd_a):
        new = submit(opd_a).record
        processing = submit(opd_a).record
        services.start_processing(request=processing, by=officer)
        set_due(processing, workdays.add_working_days(today, 2))
        overdue = submit(opd_a).record
        services.start_processing(request=overdue, by=officer)
        set_due(overdue, today - datetime.timedelta(days=3))
        objection = objection_to_a_decided_request(opd_a, officer)
        officer = type(officer).objects.get(pk=officer.pk)
        with CaptureQueriesContext(connection) as queries:
            items = dashboard.dashboard_items(dashboard_request(officer))
    # The user's permissions (two), the requests' counts (one), the objections' (one); each
    # query is preceded by django-tenants' SET search_path inside the test's tenant_context.
    assert len([q for q in queries if not q["sql"].startswith("SET search_path")]) == 4
    by_label = {item.label: item for item in items}
    assert set(by_label) == {
        "1 permohonan baru",
        "1 permohonan lewat tenggat",
        "1 mendekati tenggat (≤ 3 hari kerja)",
        "1 keberatan baru",
    }
    assert by_label["1 permohonan lewat tenggat"].urgent
    assert by_label["1 mendekati tenggat (≤ 3 hari kerja)"].urgent
    assert not by_label["1 permohonan baru"].urgent
    assert not by_label["1 keberatan baru"].urgent
    expected = {
        "1 permohonan baru": [new.pk],
        "1 permohonan lewat tenggat": [overdue.pk],
        "1 mendekati tenggat (≤ 3 hari kerja)": [processing.pk],
        "1 keberatan baru": [objection.pk],
    }
    for label, pks in expected.items():
        response = client_a.get(by_label[label].url)
        assert response.status_code == 200, label
        assert [row.pk for row in response.context["cl"].result_list] == pks, label
        assert by_label[label].count == len(pks)


def test_dashboard_items_are_only_for_those_who_handle_requests(opd_a, in_opd):
    with in_opd(opd_a):
        submit(opd_a)
        editor = make_operator("berita", role="Operator Berita")
        assert dashboard.dashboard_items(dashboard_request(editor)) == []
        head = make_operator("kepala2", role="Admin OPD")
        assert [i.label for i in dashboard.dashboard_items(dashboard_request(head))] == [
            "1 permohonan baru"
        ]


def test_dashboard_of_opd_b_counts_nothing_of_opd_a(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        submit(opd_a)
    with in_opd(opd_b):
        user = petugas()
        assert dashboard.dashboard_items(dashboard_request(user)) == []
        client_b.force_login(user)
    response = client_b.get(f"{ADMIN}?status__exact=diterima")
    assert list(response.context["cl"].result_list) == []


def test_the_registry_hands_the_ppid_items_to_the_dashboard(opd_a, in_opd):
    from core import registry

    with in_opd(opd_a):
        submit(opd_a)
        user = petugas()
        items = registry.dashboard_items(dashboard_request(user))
    assert [item.label for item in items] == ["1 permohonan baru"]


# Closed records are read-only ----------------------------------------------------------------


def test_a_decided_request_shows_no_save_button_and_refuses_a_post(
    opd_a, in_opd, client_a, officer
):
    with in_opd(opd_a):
        open_request = submit(opd_a).record
        closed = services.respond_to_request(
            opd=opd_a,
            request=submit(opd_a).record,
            by=officer,
            decision="dikabulkan_seluruhnya",
            notice="Terlampir.",
        )
    page = client_a.get(f"{ADMIN}{closed.pk}/change/").content.decode()
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert "deletelink" not in page and "Beri keputusan" not in page
    assert "Dikabulkan seluruhnya" in page
    response = client_a.post(f"{ADMIN}{closed.pk}/change/", {"_save": "Simpan"})
    assert response.status_code == 403
    # A step opened before the decision (another tab, an old link) changes nothing either.
    response = client_a.post(
        f"{ADMIN}{closed.pk}/tanggapi/", {"decision": "ditolak", "notice": "Berubah pikiran"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}{closed.pk}/change/"
    page = client_a.get(response["Location"]).content.decode()
    assert "Permohonan ini sudah diputuskan." in page
    with in_opd(opd_a):
        assert InformationRequest.objects.get(pk=closed.pk).status == "dikabulkan_seluruhnya"
    # An open request is not edited in its change form either: its steps are the actions.
    page = client_a.get(f"{ADMIN}{open_request.pk}/change/").content.decode()
    assert 'name="_save"' not in page and "Beri keputusan" in page


def test_an_answered_objection_is_read_only(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        objection = objection_to_a_decided_request(opd_a, officer)
        services.answer_objection(
            opd=opd_a, objection=objection, by=officer, outcome="ditolak", response="Ditolak."
        )
    page = client_a.get(f"{OBJECTIONS}{objection.pk}/change/").content.decode()
    assert 'name="_save"' not in page and "Beri tanggapan" not in page
    assert client_a.post(f"{OBJECTIONS}{objection.pk}/change/", {}).status_code == 403
    response = client_a.post(
        f"{OBJECTIONS}{objection.pk}/tanggapi/", {"outcome": "diterima", "response": "Lain."}
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        objection.refresh_from_db()
    assert objection.outcome == "ditolak" and objection.response == "Ditolak."


# The decision form asks only what the decision needs -------------------------------------------


def test_the_decision_form_marks_the_refusal_fields_and_loads_its_script(
    opd_a, in_opd, client_a, officer
):
    with in_opd(opd_a):
        request = submit(opd_a).record
    page = client_a.get(f"{ADMIN}{request.pk}/tanggapi/").content.decode()
    assert '<script src="/static/js/ppid_decision.js" defer>' in page
    assert page.count('data-ppid-decision="ditolak"') == 2
    assert page.count("data-ppid-decision-choice") == len(InformationRequest.DECISION_STATUSES)
    assert "onclick" not in page and "onchange" not in page


def test_a_grant_ignores_refusal_fields_sent_with_it(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        request = submit(opd_a).record
    response = client_a.post(
        f"{ADMIN}{request.pk}/tanggapi/",
        {
            "decision": "dikabulkan_seluruhnya",
            "notice": "Terlampir.",
            "refusal_ground": "pasal_17",
            "refusal_basis": "Sisa isian dari pilihan Ditolak",
        },
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        request.refresh_from_db()
    assert request.status == "dikabulkan_seluruhnya"
    assert request.refusal_ground == "" and request.refusal_basis == ""


def test_a_refusal_without_its_grounds_is_a_form_error(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        request = submit(opd_a).record
    response = client_a.post(
        f"{ADMIN}{request.pk}/tanggapi/", {"decision": "ditolak", "notice": "Ditolak."}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"refusal_ground", "refusal_basis"}
    with in_opd(opd_a):
        request.refresh_from_db()
    assert request.is_open and request.status == "diterima"


# The annual report's year ----------------------------------------------------------------------


def test_the_annual_report_selector_shows_the_year_the_report_is_for(
    opd_a, in_opd, client_a, officer
):
    last_year = timezone.localdate().year - 1
    with in_opd(opd_a):
        submit(opd_a)  # this year's request: the years with requests hold no row of last year
    page = client_a.get(f"{ADMIN}laporan-tahunan/").content.decode()
    assert f"Tahun {last_year}</h1>" in page
    assert f'<option value="{last_year}" selected>' in page
    assert page.count(" selected>") == 1
    page = client_a.get(f"{ADMIN}laporan-tahunan/?tahun=2019").content.decode()
    assert "Tahun 2019</h1>" in page and '<option value="2019" selected>' in page
    assert page.count(" selected>") == 1


def test_the_public_statistics_selector_matches_its_heading(opd_a, client_a):
    page = client_a.get("/ppid/statistik/?tahun=2019").content.decode()
    assert "2019</h1>" in page and '<option value="2019" selected>' in page


# The "Sisa hari kerja" column ------------------------------------------------------------------


def test_the_days_left_column_brings_its_own_style(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        submit(opd_a)
    page = client_a.get(ADMIN).content.decode()
    assert 'href="/static/css/ppid_admin.css"' in page
    assert 'class="column-days_left_display"' in page
