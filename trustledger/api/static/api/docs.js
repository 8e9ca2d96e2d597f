/* "Try it" forms of the API docs page: send the GET with the session and show the answer. */
(function () {
  "use strict";
  var base = (document.getElementById("api-docs") || { dataset: {} }).dataset.base || "";
  document.querySelectorAll("form.try").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var path = form.dataset.path, query = new URLSearchParams();
      form.querySelectorAll("input").forEach(function (input) {
        if (!input.value) return;
        if (input.dataset.in === "path") path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
        else query.append(input.name, input.value);
      });
      var url = base + path + (query.toString() ? "?" + query : "");
      var out = form.querySelector(".out");
      out.hidden = false; out.textContent = "GET " + url + " …";
      fetch(url, {credentials: "same-origin"}).then(function (response) {
        return response.text().then(function (text) {
          try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}
          out.textContent = "GET " + url + "\n" + response.status + "\n\n" + text;
        });
      });
    });
  });
})();
