/* "Sisipkan gambar dari pustaka" under a rich-text editor (library.forms.EditorWithLibrary):
   opens a panel with the library's images (fetched from data-picker-url, searchable) and
   inserts the chosen one at the cursor of the CKEditor 5 instance with its alt text.
   django-ckeditor-5 keeps its editors in window.editors, keyed by the textarea's id. */
(function () {
  "use strict";

  // Loaded in the admin's <head> (form media), before the page's elements exist.
  function ready(start) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  ready(function () {

  function load(panel, url) {
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        panel.innerHTML = html;
        var search = panel.querySelector("[data-library-picker-search]");
        if (search) {
          search.addEventListener("submit", function (event) {
            event.preventDefault();
            var base = url.split("?")[0];
            load(panel, base + "?q=" + encodeURIComponent(search.elements.q.value));
          });
        }
      });
  }

  document.querySelectorAll("[data-library-editor]").forEach(function (box) {
    var toggle = box.querySelector("[data-library-editor-toggle]");
    var panel = box.querySelector("[data-library-editor-panel]");
    var editorId = box.dataset.libraryEditor;
    toggle.hidden = false;
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      var open = panel.hidden;
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && !panel.dataset.loaded) {
        panel.dataset.loaded = "1";
        load(panel, box.dataset.pickerUrl);
      }
    });
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("[data-library-insert]");
      if (!button) return;
      var editor = (window.editors || {})[editorId];
      if (!editor) return;
      editor.execute("insertImage", {
        source: [{ src: button.dataset.src, alt: button.dataset.alt }],
      });
      editor.editing.view.focus();
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
    });
  });
  });
})();
