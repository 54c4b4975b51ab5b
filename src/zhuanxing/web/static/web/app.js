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
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
