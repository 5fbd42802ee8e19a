"""What both admin sites need against tampered forms: a selection or an autocomplete value that
is not a key of its model must be a clear message, not a ValueError from the database lookup
(a 500). Django's admin trusts both (it filters `pk__in` with whatever was posted)."""

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import FileField
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core import storage


class ViewOnlyAdminMixin:
    """An admin of records nobody adds, changes or deletes by hand (logs, answers, reports):
    they can only be looked at."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def is_key_of(field, value) -> bool:
    """True when `value` can be looked up in `field` (a primary key or a to_field)."""
    try:
        return field.to_python(value) is not None
    except ValidationError:
        return False


class ValidatedSelectionSiteMixin:
    """For an AdminSite: an action posted with a selection that is not a list of primary keys
    changes nothing and tells the operator so."""

    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, admin.ModelAdmin) and view.__name__ == "changelist_view":
            view = self._checking_selection(view, model_admin.model._meta.pk)
        return super().admin_view(view, cacheable)

    @staticmethod
    def _checking_selection(changelist_view, pk_field):
        @wraps(changelist_view)
        def view(request, *args, **kwargs):
            if request.method == "POST":
                selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
                if not all(is_key_of(pk_field, value) for value in selected):
                    messages.error(
                        request,
                        _("Pilihan tidak dikenali. Muat ulang halaman, lalu pilih lagi."),
                    )
                    return redirect(request.get_full_path())
            return changelist_view(request, *args, **kwargs)

        return view


class _ValidatedAutocompleteMixin:
    """Render only the submitted values that are keys: the form shows its own error for them."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key_field = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        valid = [item for item in value if is_key_of(key_field, item)]
        return super().optgroups(name, valid, attr)


class ValidatedAutocompleteSelect(_ValidatedAutocompleteMixin, AutocompleteSelect):
    pass


class ValidatedAutocompleteSelectMultiple(_ValidatedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class ValidatedAutocompleteAdminMixin:
    """For a ModelAdmin with `autocomplete_fields`: Django's autocomplete widgets, made safe."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidatedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidatedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StoredUploadsFormMixin:
    """For a ModelForm with file fields: the uploads are written to storage once the form is
    otherwise valid, so an unreachable store is a form error and no row is saved. A model may
    define `prepare_files()` for what it derives from them (e.g. renditions)."""

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return
        try:
            with storage.removed_on_error():
                for field in self.instance._meta.concrete_fields:
                    if isinstance(field, FileField):
                        file = getattr(self.instance, field.attname)
                        if file and not file._committed:
                            file.save(file.name, file.file, save=False)
                prepare = getattr(self.instance, "prepare_files", None)
                if prepare is not None:
                    prepare()
        except storage.StorageUnavailable as error:
            self.add_error(None, error)


class StoredUploadsAdminMixin:
    """A ModelAdmin whose form writes its uploads while validating (StoredUploadsFormMixin) and
    removes them again when the save that follows fails."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (StoredUploadsFormMixin, form), {})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with storage.removed_on_error() as saved:
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if request.method == "POST" and response.status_code != 302:
                # The form came back with errors (e.g. an inline's): nothing was saved.
                storage.remove(saved)
            return response
