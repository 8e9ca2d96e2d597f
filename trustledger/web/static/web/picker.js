// Pickers: a select marked data-picker="/pick/people/…" (or "/pick/units/…") holds only the
// chosen records and a few suggestions; the server knows the rest. This script hides the
// select and puts a search field (an ARIA combobox) in its place that asks the server as
// you type and lists what it answers. Arrow keys move in the list, Enter picks, Escape
// closes it; the chosen show as chips with a remove button (several in a multi-select).
// Whatever is picked becomes a selected option of the select, so the form posts ids as
// before and the server validates them. Without JavaScript the select stays, with a text
// field for a name or an id under it (see web/entry/picker.py).
(function () {
  "use strict";

  var counter = 0;

  function relationshipOf(select) {
    var field = select.form && select.form.elements.namedItem("relationship");
    return field && field.value ? field.value : "";
  }

  function enhance(select) {
    counter += 1;
    var base = select.id || "picker-" + counter;
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    var name = label ? label.textContent.replace(/[:*]\s*$/, "").trim() : select.name;

    var search = document.createElement("input");
    search.type = "text";
    search.className = "picker-search";
    search.id = base + "-search";
    search.setAttribute("role", "combobox");
    search.setAttribute("aria-autocomplete", "list");
    search.setAttribute("aria-expanded", "false");
    search.setAttribute("aria-controls", base + "-list");
    search.setAttribute("autocomplete", "off");
    search.placeholder = select.multiple ? "Type a name to add…" : "Type a name to search…";
    if (label) { label.htmlFor = search.id; } else { search.setAttribute("aria-label", name); }

    var list = document.createElement("ul");
    list.className = "picker-list";
    list.id = base + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", name);
    list.hidden = true;

    var chosen = document.createElement("ul");
    chosen.className = "picker-chosen";
    chosen.setAttribute("aria-label", "Chosen: " + name);

    var status = document.createElement("span");
    status.className = "picker-status";
    status.id = base + "-status";
    status.setAttribute("aria-live", "polite");
    search.setAttribute("aria-describedby", status.id);

    var parent = select.parentNode;
    parent.insertBefore(chosen, select);
    parent.insertBefore(search, select);
    parent.insertBefore(list, select);
    parent.insertBefore(status, select);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    var items = [];
    var active = -1;
    var asked = 0;
    var timer = null;

    function drawChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        if (!option.value) { return; }
        var item = document.createElement("li");
        item.appendChild(document.createTextNode(option.textContent));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Remove " + option.textContent);
        remove.addEventListener("click", function () {
          option.selected = false;
          if (!select.multiple) { select.value = ""; }
          select.dispatchEvent(new Event("change", { bubbles: true }));
          drawChosen();
          status.textContent = option.textContent + " removed";
          search.focus();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
      chosen.hidden = !chosen.children.length;
    }

    function close() {
      list.hidden = true;
      search.setAttribute("aria-expanded", "false");
      search.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var nodes = list.querySelectorAll("[role=option]");
      if (!nodes.length) { return; }
      active = (index + nodes.length) % nodes.length;
      Array.prototype.forEach.call(nodes, function (node, i) {
        node.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      search.setAttribute("aria-activedescendant", nodes[active].id);
      nodes[active].scrollIntoView({ block: "nearest" });
    }

    function pick(record) {
      var value = String(record.id);
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
      if (!option) {
        option = new Option(record.label, value);
        select.appendChild(option);
      }
      if (select.multiple) { option.selected = true; } else { select.value = value; }
      select.dispatchEvent(new Event("change", { bubbles: true }));
      drawChosen();
      search.value = "";
      close();
      status.textContent = record.label + (select.multiple ? " added" : " chosen");
    }

    function show(answer) {
      // A late answer keeps the keyboard's place on the same record.
      var kept = active >= 0 && items[active] ? items[active].id : null;
      var taken = {};
      Array.prototype.forEach.call(select.selectedOptions, function (o) { taken[o.value] = true; });
      items = (answer.people || answer.units || []).filter(function (r) { return !taken[String(r.id)]; });
      list.textContent = "";
      items.forEach(function (record, i) {
        var item = document.createElement("li");
        item.id = base + "-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.appendChild(document.createTextNode(record.label));
        if (record.where) {
          var where = document.createElement("span");
          where.className = "picker-where";
          where.textContent = record.where;
          item.appendChild(where);
        }
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the search field
          pick(record);
        });
        list.appendChild(item);
      });
      list.hidden = !items.length;
      search.setAttribute("aria-expanded", items.length ? "true" : "false");
      active = -1;
      var again = items.findIndex(function (r) { return r.id === kept; });
      if (again >= 0) { highlight(again); }
      var more = answer.more ? " (more: type more of the name)" : "";
      status.textContent = items.length
        ? items.length + (items.length === 1 ? " match" : " matches") + more
        : search.value.trim() ? "No match you may choose" : "";
    }

    function ask() {
      var url = new URL(select.getAttribute("data-picker"), window.location.href);
      url.searchParams.set("q", search.value);
      var rel = relationshipOf(select);
      if (rel) { url.searchParams.set("relationship", rel); }
      var mine = ++asked;
      status.textContent = "Searching…";
      fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (answer) { if (mine === asked) { show(answer); } })
        .catch(function () { if (mine === asked) { status.textContent = "Search failed; try again"; } });
    }

    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
    search.addEventListener("focus", ask);
    search.addEventListener("blur", function () { window.setTimeout(close, 100); });
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { ask(); return; }
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        if (list.hidden || !items.length) { return; }  // nothing listed: Enter submits
        event.preventDefault();
        pick(items[active >= 0 ? active : 0]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    drawChosen();
  }

  document.querySelectorAll("select[data-picker]").forEach(enhance);
})();
