"""Form pieces content apps use to choose from the library or add to it."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from library.models import Document, Image
from library.services import add_image

# How many of the latest images a chooser shows (the chosen one is always among them); the
# library's own page searches them all.
CHOOSER_LIMIT = 24
KEEP_FORMER = "lama"


class ImageChooser(forms.Widget):
    """Radio buttons shown as a grid of thumbnails with their alt texts, the latest images
    first, "none" included; a search box (static/js/library.js) filters them by alt text."""

    template_name = "library/widgets/image_chooser.html"
    none_label = _("Tanpa gambar")

    # A content app may offer one more tile: its own former image (a dict from
    # core.images.picture), posted as KEEP_FORMER.
    former = None

    def __init__(self, attrs=None, *, limit: int = CHOOSER_LIMIT, none_label=None):
        super().__init__(attrs)
        self.limit = limit
        if none_label is not None:
            self.none_label = none_label

    def format_value(self, value):
        if isinstance(value, Image):
            return str(value.pk)
        return "" if value in (None, "") else str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = context["widget"]["value"]
        images = list(Image.objects.all()[: self.limit])
        is_number = bool(selected) and selected.isascii() and selected.isdigit()  # not "²"
        if is_number and all(str(i.pk) != selected for i in images):
            images = list(Image.objects.filter(pk=selected)) + images
        context["widget"].update(
            {
                "images": images,
                "selected": selected,
                "none_label": self.none_label,
                "former": self.former,
                "keep_former": KEEP_FORMER,
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def use_required_attribute(self, initial):
        return False


class EditorWithLibrary(CKEditor5Widget):
    """The rich-text editor with a "Sisipkan gambar dari pustaka" button under it: a panel of
    the library's images (library.views.editor_picker), each inserted at the cursor with its
    alt text by static/js/library-editor.js. Without JavaScript the button stays hidden."""

    class Media:
        css = {"all": ("css/library.css",)}
        js = ("js/library-editor.js",)

    def render(self, name, value, attrs=None, renderer=None):
        editor = super().render(name, value, attrs, renderer)
        panel = format_html(
            '<div class="library-editor" data-library-editor="{}" data-picker-url="{}">'
            '<button type="button" class="button" data-library-editor-toggle hidden>{}</button>'
            '<div class="library-editor__panel" data-library-editor-panel hidden></div></div>',
            (attrs or {}).get("id", f"id_{name}"),
            reverse("admin:library_image_picker"),
            _("Sisipkan gambar dari pustaka"),
        )
        # Inside the editor's own container, so that it stays under the editor in the admin's
        # row of label and widget.
        closing = '</div>\n<input type="hidden"'
        if closing in editor:
            return mark_safe(editor.replace(closing, panel + closing, 1))
        return editor + panel


class ImageChoiceField(forms.ModelChoiceField):
    """A library image of the current OPD (another OPD's id is an invalid choice: its schema
    has no such row)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Image.objects.all())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", ImageChooser())
        super().__init__(**kwargs)


class ImageOrFormerChoiceField(ImageChoiceField):
    """An ImageChoiceField whose widget may also offer the former image: KEEP_FORMER cleans
    to None, and the form reads `keeps_former(data)` to tell it from "no image"."""

    def to_python(self, value):
        return None if value == KEEP_FORMER else super().to_python(value)

    def keeps_former(self, value) -> bool:
        return value == KEEP_FORMER


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>, cleaned one by one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def store_images(files, alt_texts, *, default_alt: str = "", by=None, max_bytes=None):
    """Add every file of `files` to the library, the n-th with the n-th of `alt_texts` (or,
    when it is empty, `default_alt` numbered). Returns (images, errors): one file's fault does
    not stop the others, and each error names its file."""
    images, errors = [], []
    alt_texts = list(alt_texts)
    numbered = len(files) > 1
    for index, upload in enumerate(files):
        alt = alt_texts[index].strip() if index < len(alt_texts) else ""
        if not alt and default_alt.strip():
            alt = f"{default_alt.strip()} ({index + 1})" if numbered else default_alt.strip()
        try:
            images.append(add_image(upload=upload, alt_text=alt, by=by, max_bytes=max_bytes))
        except ValidationError as error:
            errors.append(
                _("%(name)s: %(message)s")
                % {"name": upload.name[-80:], "message": " ".join(error.messages)}
            )
    return images, errors


class ImageUploadForm(forms.Form):
    """The library's own upload page: several images at once, an alt text for each."""

    files = MultipleFileField(
        label=_("Gambar"),
        widget=MultipleFileInput(
            attrs={
                "accept": "image/*",
                "data-alt-per-file": "file_alt",
                "data-alt-label": _("Teks alternatif gambar"),
            }
        ),
        help_text=_("JPEG, PNG, WebP atau GIF; boleh beberapa sekaligus."),
    )
    alt_text = forms.CharField(
        label=_("Teks alternatif"),
        max_length=200,
        required=False,
        help_text=_(
            "Jelaskan isi gambar untuk pembaca tunanetra. Untuk beberapa gambar sekaligus, "
            "teks ini dipakai untuk semuanya (dengan nomor) bila tidak diisi satu per satu."
        ),
    )


class DocumentUploadForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ("title", "file")
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})}
