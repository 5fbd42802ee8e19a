"""Provision the browser tests' scratch database (run by tests/e2e/stack.py as
`python -m tests.e2e.provision` with DATABASE_URL pointing at it).

Everything goes through the real code paths: `prepare_portal`, `create_opd`, `create_operator`
and the demo content seeders. It creates a Kominfo superadmin, the OPD `dinkes` (an admin, a
Petugas PPID, an Operator Berita, one more article with a cover) and the OPD `bpbd`: both get the
full demo content of their namesakes (demo.content: articles with drawn covers, pages, officials
with portraits, DIP entries, a drawn logo and contact details). The content types of issue #18:
`bpbd` gets its demo services (with SKM answers and a Maklumat) and albums, both get their demo
documents (Unduhan), events and FAQ, and `dinkes` one service with its full standard and a PDF
form, no SKM answer yet.
"""

import django
from django.core.files.base import ContentFile


def main() -> None:
    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django_tenants.utils import tenant_context

    from accounts import roles
    from accounts.services import create_operator
    from agenda.demo import seed_demo_content as seed_demo_agenda
    from console.models import ActivityLevel
    from demo import images
    from demo.catalogue import DemoOpd
    from demo.identity import fill_identity
    from documents.demo import seed_demo_content as seed_demo_documents
    from faq.demo import seed_demo_content as seed_demo_faq
    from gallery.demo import seed_demo_content as seed_demo_gallery
    from homepage.demo import seed_demo_content as seed_demo_home
    from news.demo import seed_demo_content as seed_demo_news
    from news.models import Article, Category
    from pages.demo import seed_demo_content as seed_demo_pages
    from ppid.demo import seed_demo_content as seed_demo_ppid
    from ppidutama import roles as ppid_roles
    from publicservices.demo import seed_demo_content as seed_demo_services
    from publicservices.survey.demo import seed_demo_responses
    from publishing.services import publish_content
    from tenants.models import Opd
    from tenants.services import create_opd
    from tests.e2e import stack
    from tests.homepage.factories import make_banner

    call_command("prepare_portal", verbosity=0)
    get_user_model().objects.create_superuser(
        stack.KOMINFO_USERNAME, "kominfo@example.org", stack.PASSWORD
    )
    # The pemda-level PPID's people (issue #20): console users with their roles only.
    for username, role in (
        (stack.PPID_UTAMA_USERNAME, ppid_roles.PPID_UTAMA),
        (stack.ATASAN_PPID_USERNAME, ppid_roles.ATASAN_PPID),
    ):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", stack.PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
    opds = (
        DemoOpd(
            stack.OPD_SLUG,
            "Dinkes",
            "Dinas Kesehatan Kota Uji",
            Opd.Kind.DINAS,
            ActivityLevel.ACTIVE,
            "#0f766e",
        ),
        DemoOpd(
            stack.OTHER_OPD_SLUG,
            "BPBD",
            "Badan Penanggulangan Bencana Daerah Kota Uji",
            Opd.Kind.BADAN,
            ActivityLevel.BARELY_ACTIVE,
            "#c2410c",
        ),
    )
    for demo in opds:
        invitation = create_opd(
            name=demo.name,
            short_name=demo.short_name,
            kind=demo.kind,
            slug=demo.slug,
            admin_name=f"Admin {demo.short_name}",
            admin_email=f"admin@{demo.slug}.example.org",
            send_invitation=False,
        )
        opd = invitation.opd
        opd.primary_color = demo.colour
        opd.address = "Jl. Jenderal Sudirman No. 1, Kota Uji"
        opd.phone = "0254123456"
        opd.email = f"info@{demo.slug}.example.org"
        opd.opening_hours = "Senin–Jumat 08.00–16.00 WIB"
        opd.save()
        fill_identity(opd, demo)  # the drawn logo, map and social links of the demo
        with tenant_context(opd):
            admin = invitation.user
            admin.username = stack.OPD_ADMIN_USERNAME
            admin.set_password(stack.PASSWORD)
            admin.save()
            seed_demo_news(demo)
            seed_demo_pages(demo)
            seed_demo_ppid(demo)
            seed_demo_home(demo)
            seed_demo_services(demo)
            seed_demo_responses(demo)
            seed_demo_documents(demo)
            seed_demo_agenda(demo)
            seed_demo_gallery(demo)
            seed_demo_faq(demo)
            if demo.slug == stack.OTHER_OPD_SLUG:
                # The other headline an operator can choose: one banner image with its link.
                make_banner(
                    title="Layanan publik tanpa pungutan biaya",
                    link="/berita/",
                    alt=f"Banner {demo.short_name}: layanan publik tanpa pungutan biaya",
                )
            if demo.slug != stack.OPD_SLUG:
                continue
            ppid = create_operator(
                opd=opd,
                full_name="Petugas PPID Dinkes",
                email=f"ppid@{demo.slug}.example.org",
                role=roles.PETUGAS_PPID,
                send_invitation=False,
            ).user
            ppid.username = stack.PPID_USERNAME
            ppid.set_password(stack.PASSWORD)
            ppid.save()
            writer = create_operator(
                opd=opd,
                full_name="Operator Berita Dinkes",
                email=f"berita@{demo.slug}.example.org",
                role=roles.OPERATOR_BERITA,
                send_invitation=False,
            ).user
            writer.username = stack.NEWS_OPERATOR_USERNAME
            writer.set_password(stack.PASSWORD)
            writer.save()
            # The older `cover` field (before the media library), so that it keeps being shown.
            cover = images.as_upload(images.illustration("puskesmas", "vaksinasi"), "sampul.jpg")
            article = Article(
                title=stack.SEEDED_ARTICLE_TITLE,
                cover=ContentFile(cover.read(), name="sampul.jpg"),
                cover_alt=images.DESCRIPTIONS["puskesmas"],
                slug=stack.SEEDED_ARTICLE_SLUG,
                summary="Imunisasi dasar lengkap gratis bagi anak di 16 puskesmas Kota Uji.",
                body=(
                    "<p>Dinas Kesehatan membuka layanan vaksinasi gratis di seluruh puskesmas.</p>"
                    "<h2>Jadwal</h2><ul><li>Senin–Kamis pukul 08.00–12.00</li>"
                    "<li>Bawa buku KIA</li></ul>"
                ),
                category=Category.objects.get(slug="berita"),
                status=Article.Status.PUBLISHED,
            )
            publish_content(article)
            _seed_service()
    create_opd(
        name="Kantor Kosong Kota Uji",
        short_name="Kosong",
        kind=Opd.Kind.LAINNYA,
        slug=stack.EMPTY_OPD_SLUG,
        admin_name="Admin Kosong",
        admin_email=f"admin@{stack.EMPTY_OPD_SLUG}.example.org",
        send_invitation=False,
    )


def _seed_service() -> None:
    """One service of `dinkes` with every component of its Standar Pelayanan and a PDF form."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.demo import minimal_pdf
    from library.services import add_document
    from publicservices.models import Service, ServiceStep
    from publishing.services import publish_content
    from tests.e2e import stack

    service = Service(
        name=stack.SEEDED_SERVICE_NAME,
        slug=stack.SEEDED_SERVICE_SLUG,
        summary="Surat Izin Praktik (SIP) bagi dokter, dokter gigi, bidan dan perawat.",
        requirements=(
            "<ul><li>Fotokopi KTP-el</li><li>Fotokopi Surat Tanda Registrasi (STR)</li>"
            "<li>Surat keterangan dari fasilitas pelayanan kesehatan</li></ul>"
        ),
        duration="5 hari kerja",
        cost="Gratis",
        product="Surat Izin Praktik (SIP)",
        complaints="<p>Sampaikan pengaduan melalui SP4N-LAPOR! atau loket informasi.</p>",
        opening_hours="Senin–Jumat 08.00–15.00 WIB",
        location="Ruang Pelayanan Perizinan, Dinas Kesehatan Kota Uji",
    )
    publish_content(service)
    steps = [
        ("Mengisi formulir permohonan", "Unduh formulir di halaman ini."),
        ("Menyerahkan berkas", "Di loket perizinan Dinas Kesehatan."),
        ("Verifikasi berkas", "Petugas memeriksa kelengkapan berkas."),
        ("Penerbitan SIP", "SIP ditandatangani Kepala Dinas."),
    ]
    ServiceStep.objects.bulk_create(
        ServiceStep(service=service, position=order, title=title, description=text)
        for order, (title, text) in enumerate(steps, start=1)
    )
    content = minimal_pdf([stack.SEEDED_FORM_TITLE, "Nama: ....", "Profesi: ...."])
    form = add_document(
        upload=SimpleUploadedFile("formulir-sip.pdf", content, "application/pdf"),
        title=stack.SEEDED_FORM_TITLE,
    )
    service.forms.add(form)


if __name__ == "__main__":
    main()
