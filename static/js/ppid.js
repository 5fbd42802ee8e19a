// PPID pages: reveal the print buttons (they need JavaScript) and wire them up.
document.querySelectorAll("[data-ppid-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
