// Skip logic on the public answering page: show a question only when the earlier question it
// depends on has one of the listed answers (as guides/scoring.py's is_shown). No dependencies.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-show-if-key]").forEach(function (box) {
      var name = box.getAttribute("data-show-if-key");
      var wanted = box.getAttribute("data-show-if-values").split(" ");
      var shown = Array.prototype.some.call(form.elements, function (el) {
        return el.name === name && el.checked && wanted.indexOf(el.value) !== -1;
      });
      box.hidden = !shown;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".survey-main form");
    if (!form) return;
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
