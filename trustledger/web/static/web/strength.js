// The commitment form's strength hint: as the person types the sentence the commitment was
// made in (a textarea marked data-strength-check="/language/strength/"), the server reads it
// and this script shows the reading under it ("Reads as a best effort: “try”") with a
// "Use this" button that sets the strength radio to the reading. The choice is the
// person's: nothing is set without the click. Without JavaScript the form works as before.
(function () {
  "use strict";

  function enhance(area) {
    var form = area.form;
    if (!form) { return; }
    var hint = document.createElement("p");
    hint.className = "strength-hint";
    hint.id = area.id + "-strength";
    hint.setAttribute("aria-live", "polite");
    hint.setAttribute("data-testid", "strength-hint");
    hint.hidden = true;
    area.parentNode.insertBefore(hint, area.nextSibling);
    var asked = 0;
    var timer = null;

    function radios() {
      return form.querySelectorAll("input[type='radio'][name='strength']");
    }

    function chosen() {
      var found = form.querySelector("input[type='radio'][name='strength']:checked");
      return found ? found.value : "";
    }

    function choose(value) {
      Array.prototype.forEach.call(radios(), function (radio) {
        if (radio.value === value) {
          radio.checked = true;
          radio.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }

    function draw(reading) {
      hint.textContent = "";
      if (!reading || !area.value.trim()) { hint.hidden = true; return; }
      var words = reading.cues.map(function (c) { return "“" + c.words + "”"; }).join(", ");
      var text = document.createElement("span");
      text.textContent = "Reads as " + reading.strength_label + (words ? ": " + words : "");
      hint.appendChild(text);
      if (reading.choice && reading.choice !== chosen()) {
        var use = document.createElement("button");
        use.type = "button";
        use.textContent = "Use this";
        use.setAttribute("aria-label", "Set the strength to " + reading.strength_label);
        use.addEventListener("click", function () {
          choose(reading.choice);
          draw(reading);
        });
        hint.appendChild(use);
      } else if (reading.choice) {
        var same = document.createElement("span");
        same.className = "meta";
        same.textContent = "The strength chosen matches.";
        hint.appendChild(same);
      }
      hint.hidden = false;
    }

    var last = null;
    function ask() {
      var sentence = area.value;
      if (!sentence.trim()) { draw(null); return; }
      asked += 1;
      var mine = asked;
      var url = area.getAttribute("data-strength-check") + "?sentence=" + encodeURIComponent(sentence);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (reading) {
          if (mine !== asked) { return; } // an older answer arriving late
          last = reading;
          draw(reading);
        })
        .catch(function () { draw(null); });
    }

    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
    Array.prototype.forEach.call(radios(), function (radio) {
      radio.addEventListener("change", function () { if (last) { draw(last); } });
    });
    if (area.value.trim()) { ask(); }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-strength-check]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
