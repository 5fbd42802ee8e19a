/* The media library's form helpers (no inline script: CSP).
   - [data-image-chooser]: a search box that filters the thumbnails by alt text.
   - input[type=file][data-alt-per-file]: for every chosen file, a preview and its own alt-text
     field (named after the attribute), filled with a default the operator can change; the
     default follows the field named by data-alt-default-from (e.g. the title) until edited. */
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

  document.querySelectorAll("[data-image-chooser]").forEach(function (chooser) {
    var box = chooser.querySelector("[data-image-chooser-search]");
    if (!box) return;
    var input = box.querySelector("input");
    box.hidden = false;
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    input.addEventListener("input", function () {
      var text = input.value.trim().toLowerCase();
      chooser.querySelectorAll("[data-alt]").forEach(function (tile) {
        tile.parentElement.hidden = text !== "" && tile.dataset.alt.indexOf(text) === -1;
      });
    });
  });

  document.querySelectorAll("input[type=file][data-alt-per-file]").forEach(function (input) {
    var list = document.querySelector('[data-photo-list-for="' + input.id + '"]');
    var fallback = document.querySelector('[data-alt-fallback-for="' + input.id + '"]');
    var source = input.dataset.altDefaultFrom
      ? document.getElementById(input.dataset.altDefaultFrom)
      : null;
    var label = input.dataset.altLabel || "";
    if (!list) return;

    function defaultAlt(index, count) {
      var base = source && source.value.trim() ? source.value.trim() : input.dataset.altDefault || "";
      if (!base) return "";
      return count > 1 ? base + " (" + (index + 1) + ")" : base;
    }

    function render() {
      var files = Array.prototype.slice.call(input.files || []);
      list.textContent = "";
      if (fallback) {
        fallback.hidden = files.length > 0;
        fallback.querySelectorAll("input").forEach(function (field) {
          field.disabled = files.length > 0;
        });
      }
      files.forEach(function (file, index) {
        var item = document.createElement("li");
        item.className = "photo-list__item";
        var preview = document.createElement("img");
        preview.alt = "";
        preview.className = "photo-list__preview";
        if (file.type.indexOf("image/") === 0 && window.FileReader) {
          var reader = new FileReader();
          reader.addEventListener("load", function () { preview.src = reader.result; });
          reader.readAsDataURL(file);
        }
        var field = document.createElement("input");
        field.type = "text";
        field.name = input.dataset.altPerFile;
        field.id = input.id + "_alt_" + index;
        field.maxLength = 200;
        field.value = defaultAlt(index, files.length);
        field.addEventListener("input", function () { field.dataset.edited = "1"; });
        var caption = document.createElement("label");
        caption.htmlFor = field.id;
        caption.textContent = label + " " + (index + 1) + " (" + file.name + ")";
        var text = document.createElement("div");
        text.className = "photo-list__text";
        text.appendChild(caption);
        text.appendChild(field);
        item.appendChild(preview);
        item.appendChild(text);
        list.appendChild(item);
      });
    }

    input.addEventListener("change", render);
    if (source) {
      source.addEventListener("input", function () {
        var fields = list.querySelectorAll("input[type=text]");
        fields.forEach(function (field, index) {
          if (!field.dataset.edited) field.value = defaultAlt(index, fields.length);
        });
      });
    }
  });
  });
})();
