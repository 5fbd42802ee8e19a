// The article and page forms (news/admin.py, pages/admin.py): on a new item, start in the title.
// Django's change_form.js focuses the first control of the form, which is now the "Simpan"
// button at the top (save_on_top). That script is loaded async; "load" comes after it.
"use strict";
window.addEventListener("load", () => {
  const constants = document.getElementById("django-admin-form-add-constants");
  const title = document.getElementById("id_title");
  if (constants && constants.dataset.modelName && title) {
    title.focus();
  }
});
