// Behaviour the templates used to carry inline, moved here so the Content-Security-Policy can
// forbid inline scripts and style attributes.
(function () {
  "use strict";
  function init() {
    // <select data-autosubmit>: choosing an option submits its form (language, batch menus).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // <span data-width="42">: a bar drawn to that percentage (setting style from a script is
    // allowed by the policy; a style="" attribute in the markup is not).
    document.querySelectorAll("[data-width]").forEach(function (bar) {
      var pct = parseFloat(bar.getAttribute("data-width"));
      if (!isNaN(pct)) { bar.style.width = Math.max(0, Math.min(100, pct)) + "%"; }
    });
    // <button data-confirm="…">: asks before the form is sent (publishing, locking, approving
    // many at once); "Cancel" sends nothing.
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      var form = button.form || button.closest("form");
      if (!form) { return; }
      form.addEventListener("submit", function (event) {
        if (event.submitter && event.submitter !== button) { return; }
        if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    // <input type="checkbox" data-check-all="form-id">: ticks every box of that form.
    document.querySelectorAll("[data-check-all]").forEach(function (all) {
      all.addEventListener("change", function () {
        var id = all.getAttribute("data-check-all");
        document.querySelectorAll('input[type="checkbox"][form="' + id + '"]').forEach(
          function (box) { box.checked = all.checked; });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
