/* Devices: the phone's collapsing main menu and stacked tables (styles in devices.css).
 *
 * Loaded in <head> so html.js is set before the first paint: without this script the menu
 * stays expanded and tables keep their columns (they scroll inside .table-wrap), so nothing
 * depends on it. No inline script or style: the CSP forbids both.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function menu() {
    var nav = document.querySelector(".site-nav");
    var list = nav && nav.querySelector("ul");
    if (!list || nav.querySelector(".nav-toggle")) { return; }
    list.id = list.id || "site-nav-list";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nav-toggle";
    button.textContent = "Menu";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", list.id);
    function toggle(open) {
      nav.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () { toggle(!nav.classList.contains("open")); });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) { toggle(false); button.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) { toggle(false); }
    });
    nav.insertBefore(button, list);
  }

  // Column headings of a table, one per column (colspans repeated), from its last header row.
  function headings(table) {
    var rows = table.tHead ? table.tHead.rows : [];
    var row = rows.length ? rows[rows.length - 1] : null;
    if (!row && table.rows.length && !table.rows[0].querySelector("td")) { row = table.rows[0]; }
    if (!row) { return null; }
    var names = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) { names.push(cell.textContent.trim()); }
    });
    return { names: names, row: row };
  }

  function stack(table) {
    var found = headings(table);
    if (!found) { return; }
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row === found.row || row.parentNode === table.tHead) { return; }
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        var name = found.names[column];
        if (cell.tagName === "TD" && name && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", name);
        }
        column += cell.colSpan || 1;
      });
    });
    if (!table.tHead && found.row.parentNode) { found.row.classList.add("stack-head"); }
    table.classList.add("stack");
  }

  function ready() {
    menu();
    Array.prototype.forEach.call(document.querySelectorAll("main table"), stack);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
