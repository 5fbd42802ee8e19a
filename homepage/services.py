"""Writes to the home page with consequences beyond the row: the Sambutan photo's renditions."""

from django.core.files.base import ContentFile
from django.db import transaction

from core.images import make_fixed_ratio_renditions, validated_image_file
from homepage.models import WELCOME_PHOTO_RATIO, WELCOME_PHOTO_WIDTHS, HomePage


def refresh_welcome_renditions(home: HomePage) -> None:
    """Crop the Sambutan photo to its fixed ratio (core.images), or forget the old crops."""
    photo = home.welcome_photo
    home.welcome_photo_renditions = (
        make_fixed_ratio_renditions(
            photo.name,
            ratio=WELCOME_PHOTO_RATIO,
            widths=WELCOME_PHOTO_WIDTHS,
            storage=photo.storage,
        )  # fmt: skip
        if photo
        else {}
    )
    home.save(update_fields=["welcome_photo_renditions"])


@transaction.atomic
def set_welcome(*, name: str, position: str, text: str, photo: bytes | None = None) -> HomePage:
    """Fill the Sambutan Kepala (the demo seed; operators use the admin form)."""
    home = HomePage.for_editing()
    home.welcome_name, home.welcome_position, home.welcome_text = name, position, text
    if photo is not None:
        content = validated_image_file(ContentFile(photo, name="foto.jpg"), max_width=1200)
        home.welcome_photo.save(content.name, content, save=False)
    home.full_clean()
    home.save()
    if photo is not None:
        refresh_welcome_renditions(home)
    return home
