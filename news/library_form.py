"""The article form's media-library part: the cover chosen from the library or uploaded into it,
its alt text, and PDF attachments.

A valid upload is stored in the library at once, even when another field has an error, and the
re-rendered form shows it chosen (a thumbnail in the chooser): the operator never picks the
file again. The alt text belongs to the library image and is reused wherever it is chosen."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from library.forms import KEEP_FORMER, ImageChooser, ImageOrFormerChoiceField
from library.services import add_document, add_image, library_max_bytes, update_alt_text

COVER_ALT_REQUIRED = _("Isi teks alternatif untuk gambar sampul.")


class ArticleLibraryFieldsMixin(forms.Form):
    cover_photo = ImageOrFormerChoiceField(
        label=_("Gambar sampul"),
        widget=ImageChooser(none_label=_("Tanpa gambar sampul")),
        help_text=_("Pilih dari pustaka media, atau unggah gambar baru di bawah."),
    )
    cover_upload = forms.FileField(
        label=_("Unggah gambar sampul baru"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_(
            "JPEG, PNG, WebP atau GIF. Gambar tersimpan di pustaka media dan langsung terpilih."
        ),
    )
    cover_alt_text = forms.CharField(
        label=_("Teks alternatif sampul"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text=_(
            "Jelaskan isi gambar untuk pembaca yang tidak dapat melihatnya. Kosongkan untuk "
            "memakai teks yang sudah tersimpan di pustaka."
        ),
    )
    attachment_upload = forms.FileField(
        label=_("Unggah PDF baru"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Tersimpan di pustaka media dan dilampirkan pada berita ini."),
    )
    attachment_title = forms.CharField(label=_("Judul PDF baru"), max_length=200, required=False)

    library_user = None  # set by the admin (ArticleLibraryAdminMixin): who uploads

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        if article.pk and article.cover and not article.cover_photo_id:
            former = article.cover_image()
            if former:
                self.fields["cover_photo"].widget.former = former
                self.initial["cover_photo"] = KEEP_FORMER

    def _choose(self, name, value):
        """Show `value` chosen when the form comes back with errors."""
        self.data = self.data.copy()
        if isinstance(value, list) and hasattr(self.data, "setlist"):
            self.data.setlist(name, value)
        else:
            self.data[name] = value

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("cover_upload")
        alt_text = (cleaned.get("cover_alt_text") or "").strip()
        if upload:
            try:
                image = add_image(
                    upload=upload,
                    alt_text=alt_text,
                    by=self.library_user,
                    require_alt_text=False,
                    max_bytes=library_max_bytes(),
                )
            except ValidationError as error:
                self.add_error("cover_upload", error)
            else:
                cleaned["cover_photo"] = image
                self._choose("cover_photo", str(image.pk))
                self.errors.pop("cover_photo", None)
        chosen = cleaned.get("cover_photo")
        if chosen is not None and not (alt_text or chosen.alt_text):
            self.add_error("cover_alt_text", ValidationError(COVER_ALT_REQUIRED))
        self._keep_former = self.fields["cover_photo"].keeps_former(self.data.get("cover_photo"))

        document_upload = cleaned.get("attachment_upload")
        if document_upload:
            try:
                document = add_document(
                    upload=document_upload,
                    title=cleaned.get("attachment_title") or "",
                    by=self.library_user,
                )
            except ValidationError as error:
                field = "attachment_title" if error.code == "title" else "attachment_upload"
                self.add_error(field, error)
            else:
                attached = list(cleaned.get("attachments") or [])
                cleaned["attachments"] = [*attached, document]
                self._choose("attachments", [str(d.pk) for d in cleaned["attachments"]])
                self._choose("attachment_title", "")
        return cleaned

    def save(self, commit=True):
        article = super().save(commit=False)
        chosen = self.cleaned_data.get("cover_photo")
        alt_text = (self.cleaned_data.get("cover_alt_text") or "").strip()
        if chosen is not None and alt_text:
            update_alt_text(image=chosen, alt_text=alt_text)
        if article.cover and not self._keep_former:
            # A library cover (or none) replaces the one uploaded before the library.
            article.cover, article.cover_alt, article.cover_meta = "", "", {}
        if commit:
            article.save()
            self._save_m2m()
        return article


class ArticleLibraryAdminMixin:
    """For the article admin: the form knows who uploads, and PDFs are found by title."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"library_user": request.user})

    def get_autocomplete_fields(self, request):
        return (*super().get_autocomplete_fields(request), "attachments")
