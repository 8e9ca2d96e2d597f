/* Draw Plotly charts from JSON embedded with Django's json_script.
 *
 * Markup: <div class="chart" data-chart="ID" data-kind="gap|series|bars"></div> next to
 * {{ data|json_script:"ID" }}. The data stays readable from the page:
 * window.trustledgerCharts[ID] holds the parsed JSON (browser tests read it, not pixels).
 */
(function () {
  "use strict";
  window.trustledgerCharts = window.trustledgerCharts || {};
  var COLORS = { self: "#e07a1f", others: "#1d3557" };
  var SERIES = ["#1d3557", "#e07a1f", "#2a9d8f", "#a4262c"];
  var LAYOUT = { margin: { t: 30, r: 10, b: 60, l: 50 }, legend: { orientation: "h", y: -0.2 },
    font: { family: "system-ui, sans-serif", size: 13 }, paper_bgcolor: "rgba(0,0,0,0)" };
  var CONFIG = { displayModeBar: false, responsive: true };

  function label(name) { return String(name).replace(/_/g, " "); }

  // Every component is drawn in one direction, higher is better: self-orientation (lower is
  // better) comes as 11 − rating in plotted_self/plotted_others, so a self bar above the
  // others' bar always means "sees itself better than others do".
  function plotted(r, key) {
    var value = r["plotted_" + key];
    return value === undefined ? r[key] : value;
  }

  function gap(data) {
    var rows = data.components || [];
    var x = rows.map(function (r) { return r.plotted_label || label(r.component); });
    return {
      traces: [
        { type: "bar", name: "Self view (own members)", x: x, marker: { color: COLORS.self },
          y: rows.map(function (r) { return plotted(r, "self"); }) },
        { type: "bar", name: "Others' view", x: x, marker: { color: COLORS.others },
          y: rows.map(function (r) { return plotted(r, "others"); }) }
      ],
      layout: { barmode: "group", yaxis: { range: [0, 10], title: "1–10, higher is better" } }
    };
  }

  function series(data) {
    return {
      traces: (data.series || []).map(function (s, i) {
        return { type: "scatter", mode: "lines+markers", name: s.name, x: s.x, y: s.y,
          line: { color: SERIES[i % SERIES.length], shape: s.shape || "linear" } };
      }),
      layout: { yaxis: { title: data.y_title || "" }, xaxis: { type: "date" } }
    };
  }

  function draw(el) {
    var id = el.getAttribute("data-chart");
    var source = document.getElementById(id);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    window.trustledgerCharts[id] = data;
    if (typeof window.Plotly === "undefined") { return; }
    var kind = el.getAttribute("data-kind") || "series";
    var spec = kind === "gap" ? gap(data) : series(data);
    var layout = Object.assign({}, LAYOUT, spec.layout);
    if (data.title) { layout.title = { text: data.title, font: { size: 14 } }; }
    window.Plotly.newPlot(el, spec.traces, layout, CONFIG);
    el.setAttribute("data-drawn", "true");
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
