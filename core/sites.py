"""The Kominfo console's admin site, for apps to register their console models on.

Like Django's own `admin.site`, it is a lazy object built from a dotted path in the settings
(CONSOLE_ADMIN_SITE), so that apps register on it without importing the project package that
wires the site's extra pages.
"""

from django.conf import settings
from django.utils.functional import LazyObject
from django.utils.module_loading import import_string


class _ConsoleSite(LazyObject):
    def _setup(self):
        site_class = import_string(settings.CONSOLE_ADMIN_SITE)
        self._wrapped = site_class(name="console")


console_site = _ConsoleSite()
