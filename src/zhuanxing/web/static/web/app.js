// Behaviour the templates used to carry inline, moved here so the Content-Security-Policy can
// forbid inline scripts and style attributes.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");

  // The header's menu button (shown below 768 px) opens and closes the menu. Delegated from the
  // document, like the autosubmit below, so both work before the page has finished loading
  // (this script runs in the head, before a page's own blocking scripts such as ECharts).
  function toggleMenu(button, open) {
    var bar = button.closest(".topbar");
    open = bar.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-toggle");
    if (button) { toggleMenu(button); }
  });
  document.addEventListener("keydown", function (event) {
    var open = document.querySelector(".topbar.menu-open .menu-toggle");
    if (event.key === "Escape" && open) { toggleMenu(open, false); open.focus(); }
  });
  // <select data-autosubmit>: choosing an option submits its form (language, batch menus).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) {
      select.form.submit();
    }
  });

  // Every data table scrolls inside its own box, so a wide one never widens the page; the CSS
  // keeps its first column in place. Tables already inside a .scroll box are left as they are.
  function scrollBoxes() {
    document.querySelectorAll("table.data").forEach(function (table) {
      if (table.parentElement.classList.contains("scroll")) { return; }
      var box = document.createElement("div");
      box.className = "scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  // table.sticky-2: the second column sticks too, just right of the first.
  function stickySecond() {
    document.querySelectorAll("table.data.sticky-2").forEach(function (table) {
      var first = table.querySelector("tr > :first-child");
      if (!first) { return; }
      var left = first.getBoundingClientRect().width + "px";
      table.querySelectorAll("tr > :nth-child(2)").forEach(function (cell) { cell.style.left = left; });
    });
  }

  // <button data-columns-toggle="table-id">: show the columns a phone hides (td.extra) and back.
  function columnToggles() {
    document.querySelectorAll("[data-columns-toggle]").forEach(function (button) {
      var table = document.getElementById(button.getAttribute("data-columns-toggle"));
      if (!table) { return; }
      var more = button.textContent, less = button.getAttribute("data-less") || more;
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () {
        var all = table.classList.toggle("all-columns");
        button.textContent = all ? less : more;
        button.setAttribute("aria-expanded", all ? "true" : "false");
        stickySecond();
      });
    });
  }

  function init() {
    scrollBoxes();
    stickySecond();
    columnToggles();
    window.addEventListener("resize", stickySecond);
    document.addEventListener("htmx:afterSettle", function () { scrollBoxes(); stickySecond(); });
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
