"""The gallery's admin forms: an album with many photos uploaded at once, one photo, a video.

Uploading many photos at once: the operator picks the files and writes ONE alt text for all of
them ("Teks alternatif untuk semua foto"), required whenever files are picked; each photo can be
described on its own afterwards in the list of photos under the album. Every file is decoded and
re-encoded before anything is saved: one bad file refuses the whole upload, with its name."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.images import validated_image_file
from gallery.models import ALT_TEXT_REQUIRED, Album, Photo, Video, youtube_id
from library.services import library_max_bytes

# Wide enough for a full-width photo on a large screen; phone photos (4000 px) are shrunk.
PHOTO_MAX_WIDTH = 2400
MAX_FILES_AT_ONCE = 30
FORMAT_ERROR = _(
    "Berkas bukan foto yang dapat dipakai. Unggah foto JPEG, PNG atau WebP (bukan GIF, PDF "
    "atau berkas lain)."
)


def photo_file(upload):
    """A re-encoded copy of an uploaded photo (JPEG, PNG or WebP) or ValidationError."""
    try:
        content = validated_image_file(
            upload, max_width=PHOTO_MAX_WIDTH, max_bytes=library_max_bytes()
        )
    except ValidationError as error:
        if error.code in ("format", "invalid"):
            raise ValidationError(FORMAT_ERROR, code=error.code) from error
        raise
    if content.name.endswith(".gif"):
        raise ValidationError(FORMAT_ERROR, code="format")
    return content


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleImageField, self).clean(file, initial) for file in files if file]


class AlbumAdminForm(forms.ModelForm):
    new_photos = MultipleImageField(
        label=_("Unggah banyak foto sekaligus"),
        required=False,
        help_text=_(
            "Pilih beberapa foto sekaligus (JPEG, PNG atau WebP, paling banyak %(count)d). "
            "Setiap foto ditambahkan ke album di bawah."
        )
        % {"count": MAX_FILES_AT_ONCE},
    )
    new_photos_alt_text = forms.CharField(
        label=_("Teks alternatif untuk semua foto"),
        required=False,
        max_length=200,
        help_text=_(
            "Wajib bila mengunggah foto di atas: satu kalimat yang menjelaskan isi foto-foto itu "
            "untuk pembaca tunanetra, misalnya “Warga mengikuti senam pagi di alun-alun”. "
            "Setelah disimpan, teks tiap foto dapat diubah satu per satu."
        ),
    )

    class Meta:
        model = Album
        fields = ("title", "slug", "description", "is_published", "published_at", "cover")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover" in self.fields:
            photos = (
                Photo.objects.filter(album=self.instance)
                if self.instance.pk
                else Photo.objects.none()
            )
            self.fields["cover"].queryset = photos

    def clean_new_photos(self):
        files = self.cleaned_data.get("new_photos") or []
        if len(files) > MAX_FILES_AT_ONCE:
            raise ValidationError(
                _("Paling banyak %(count)d foto sekaligus.") % {"count": MAX_FILES_AT_ONCE}
            )
        contents, errors = [], []
        for upload in files:
            try:
                contents.append(photo_file(upload))
            except ValidationError as error:
                errors.append(f"{upload.name}: {' '.join(error.messages)}")
        if errors:
            raise ValidationError(errors)
        return contents

    def clean(self):
        cleaned = super().clean()
        alt = (cleaned.get("new_photos_alt_text") or "").strip()
        cleaned["new_photos_alt_text"] = alt
        if cleaned.get("new_photos") and not alt:
            self.add_error("new_photos_alt_text", ALT_TEXT_REQUIRED)
        return cleaned

    def save_new_photos(self, album) -> int:
        """Add the uploaded photos to `album` (saved already), after its existing ones."""
        contents = self.cleaned_data.get("new_photos") or []
        last = album.photos.order_by("-position").values_list("position", flat=True).first() or 0
        for offset, content in enumerate(contents, start=1):
            photo = Photo(album=album, alt_text=self.cleaned_data["new_photos_alt_text"],
                          position=last + offset * 10)  # fmt: skip
            photo.image = content
            photo.full_clean()
            photo.save()
        return len(contents)


class PhotoInlineForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ("image", "alt_text", "caption", "position")

    def clean_image(self):
        value = self.cleaned_data.get("image")
        if isinstance(value, UploadedFile):
            return photo_file(value)
        return value


class VideoAdminForm(forms.ModelForm):
    youtube_url = forms.CharField(
        label=_("Alamat video YouTube"),
        max_length=300,
        help_text=_(
            "Salin alamat video dari YouTube, misalnya https://www.youtube.com/watch?v=… , "
            "https://youtu.be/… atau https://www.youtube.com/shorts/…"
        ),
    )

    class Meta:
        model = Video
        fields = ("title", "youtube_url", "description", "is_published", "published_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.youtube_id:
            self.fields["youtube_url"].initial = self.instance.watch_url

    def clean_youtube_url(self):
        video_id = youtube_id(self.cleaned_data.get("youtube_url", ""))
        self.instance.youtube_id = video_id
        return video_id
