// PPID decision form (admin): show the refusal fields (ground, legal basis and consequence
// test) only while "Ditolak" is chosen. Without JavaScript every field shows and the server
// ignores the refusal fields of any other decision.
(function () {
  var choices = document.querySelectorAll("[data-ppid-decision-choice]");
  var dependent = document.querySelectorAll("[data-ppid-decision]");
  if (!choices.length || !dependent.length) return;

  function chosen() {
    var checked = document.querySelector("[data-ppid-decision-choice]:checked");
    return checked ? checked.value : "";
  }

  function update() {
    var decision = chosen();
    dependent.forEach(function (field) {
      var row = field.closest(".form-row") || field.parentNode;
      var relevant = field.getAttribute("data-ppid-decision") === decision;
      row.hidden = !relevant;
      field.disabled = !relevant;
    });
  }

  choices.forEach(function (choice) { choice.addEventListener("change", update); });
  update();
})();
