// People pickers: a select (or multi-select) of people marked data-picker="/pick/people/"
// gets a search field above it that filters as you type (accents and case ignored) and asks
// the server (/pick/people/?q=…) for people the list does not hold yet. A multi-select
// toggles a person per click and lists the people chosen, each with a remove button.
// Without JavaScript the plain select stays, and works.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matches(words, text) {
    var parts = fold(text).replace(/[-()]/g, " ").split(/\s+/);
    return words.every(function (word) {
      return parts.some(function (part) { return part.indexOf(word) === 0; });
    });
  }

  function relationshipOf(select) {
    var form = select.form;
    var field = form && form.elements.namedItem("relationship");
    return field && field.value ? field.value : "";
  }

  function enhance(select) {
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    var name = label ? label.textContent.replace(/[:*]\s*$/, "").trim() : select.name;
    var search = document.createElement("input");
    search.type = "search";
    search.className = "picker-search";
    search.id = select.id + "-search";
    search.setAttribute("aria-label", "Search: " + name);
    search.setAttribute("autocomplete", "off");
    search.placeholder = "Type to search…";
    var status = document.createElement("span");
    status.className = "picker-status";
    status.id = select.id + "-status";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(search, select);
    select.parentNode.insertBefore(status, select.nextSibling);
    search.setAttribute("aria-describedby", status.id);

    var chosen = null;
    if (select.multiple) {
      chosen = document.createElement("ul");
      chosen.className = "picker-chosen";
      chosen.setAttribute("aria-label", "Chosen: " + name);
      select.parentNode.insertBefore(chosen, status);
      select.addEventListener("mousedown", function (event) {
        var option = event.target;
        if (option.tagName !== "OPTION") { return; }
        event.preventDefault();
        option.selected = !option.selected;
        select.focus();
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      select.addEventListener("change", drawChosen);
      drawChosen();
    }

    function drawChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        var item = document.createElement("li");
        item.appendChild(document.createTextNode(option.textContent));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Remove " + option.textContent);
        remove.addEventListener("click", function () {
          option.selected = false;
          drawChosen();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function filter() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var keep = !option.value || !words.length || matches(words, option.textContent);
        keep = keep || option.selected;
        option.hidden = !keep;
        if (keep && option.value) { shown += 1; }
      });
      if (!select.multiple) { select.size = words.length ? Math.max(2, Math.min(shown + 1, 7)) : 0; }
      status.textContent = words.length ? shown + (shown === 1 ? " person matches" : " people match") : "";
      return words;
    }

    var timer = null;
    function ask() {
      var words = filter();
      if (!words.length) { return; }
      var url = select.getAttribute("data-picker") + "?q=" + encodeURIComponent(search.value);
      var rel = relationshipOf(select);
      if (rel) { url += "&relationship=" + encodeURIComponent(rel); }
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (answer) {
          var known = {};
          Array.prototype.forEach.call(select.options, function (o) { known[o.value] = true; });
          answer.people.forEach(function (person) {
            if (!known[String(person.id)]) {
              select.appendChild(new Option(person.label, String(person.id)));
            }
          });
          filter();
        })
        .catch(function () { /* the local list still filters */ });
    }

    search.addEventListener("input", function () {
      filter();
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 250);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); select.focus(); }
      if (event.key === "Enter") {
        event.preventDefault();
        var words = fold(search.value).split(/\s+/).filter(Boolean);
        var first = Array.prototype.find.call(select.options, function (o) {
          return o.value && !o.selected && (!words.length || matches(words, o.textContent));
        });
        if (!first) { return; }
        first.selected = true;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        if (select.multiple) {
          search.value = "";  // ready for the next person
          filter();
        }
      }
    });
  }

  document.querySelectorAll("select[data-picker]").forEach(enhance);
})();
