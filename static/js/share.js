/* Progressive enhancement for the "copy link" share button (no inline script, CSP-friendly). */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = button.closest(".share").querySelector(".share__status");
      navigator.clipboard.writeText(button.dataset.copyUrl).then(function () {
        if (status) { status.textContent = button.dataset.copiedLabel; }
      });
    });
  });
})();
