// Not served: it lists the admin's JavaScript strings we word differently, so that
// `manage.py makemessages -d djangojs` keeps them in locale/id/LC_MESSAGES/djangojs.po, whose
// translations the admin's jsi18n catalogue prefers to Django's own (see core/wording.py).
gettext("Filter");
gettext('Choose %s by selecting them and then select the "Choose" arrow button.');
gettext('Remove %s by selecting them and then select the "Remove" arrow button.');
gettext("Choose selected %s");
gettext("Remove selected %s");
gettext("Remove all %s");
gettext("Type into this box to filter down the list of available %s.");
gettext("Type into this box to filter down the list of selected %s.");
