// Behaviour the templates used to carry inline, moved here so the Content-Security-Policy can
// forbid inline scripts and style attributes.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");

  // The header's menu button (shown below 768 px) opens and closes the menu.
  function menu() {
    var button = document.querySelector(".menu-toggle");
    if (!button) { return; }
    var bar = button.closest(".topbar");
    button.addEventListener("click", function () {
      var open = bar.classList.toggle("menu-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && bar.classList.contains("menu-open")) {
        bar.classList.remove("menu-open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

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
    menu();
    scrollBoxes();
    stickySecond();
    columnToggles();
    window.addEventListener("resize", stickySecond);
    document.addEventListener("htmx:afterSettle", function () { scrollBoxes(); stickySecond(); });
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
