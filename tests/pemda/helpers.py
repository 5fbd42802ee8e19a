"""The demo-like identity the pemda tests start from."""

from django.core.files.base import ContentFile

from pemda.models import CommonLink, PemdaIdentity

ARMS = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 12"><path d="M0 0H10V8L5 12L0 8Z"'
    b' fill="#0b5394"/></svg>'
)


def make_identity(**fields) -> PemdaIdentity:
    values = {
        "name": "Pemerintah Kota Uji",
        "region_name": "Kota Uji",
        "address": "Jl. Balai Kota No. 1, Kota Uji",
        "phone": "(0254) 111 222",
        "email": "info@kotauji.go.id",
        "portal_url": "https://kotauji.go.id/",
        "instagram_url": "https://www.instagram.com/pemkotuji",
        "privacy_statement": "<p>Data pribadi Anda dijaga.</p>",
        "accessibility_statement": "<p>Situs ini mengikuti WCAG 2.1 AA.</p>",
        **fields,
    }
    identity = PemdaIdentity(**values)
    identity.coat_of_arms.save("lambang.svg", ContentFile(ARMS), save=False)
    identity.save()
    for order, (title, url) in enumerate(
        (("LAPOR!", "https://www.lapor.go.id/"), ("JDIH Kota Uji", "https://jdih.kotauji.go.id/"))
    ):
        CommonLink.objects.create(identity=identity, title=title, url=url, order=order)
    return identity
