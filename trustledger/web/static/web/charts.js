/* Draw Plotly charts from JSON embedded with Django's json_script.
 *
 * Markup: <div class="chart" data-chart="ID" data-kind="gap|series|bars"></div> next to
 * {{ data|json_script:"ID" }}. The data stays readable from the page:
 * window.trustledgerCharts[ID] holds the parsed JSON (browser tests read it, not pixels).
 */
(function () {
  "use strict";
  window.trustledgerCharts = window.trustledgerCharts || {};
  var CONFIG = { displayModeBar: false, responsive: true };
  var COLORS, SERIES, LAYOUT;

  // Colours come from devices.css's custom properties, so charts follow the light or dark scheme.
  function palette() {
    var css = window.getComputedStyle(document.documentElement);
    function v(name, fallback) { return css.getPropertyValue(name).trim() || fallback; }
    var ink = v("--ink", "#1d2433");
    var grid = v("--chart-grid", "#d9dfe8");
    COLORS = { self: v("--chart-self", "#c05f0c"), others: v("--chart-others", "#1d3557") };
    SERIES = [COLORS.others, COLORS.self, v("--chart-3", "#1f7a6f"), v("--chart-4", "#a4262c")];
    var axis = { gridcolor: grid, zerolinecolor: grid, linecolor: grid, color: ink, automargin: true };
    // The legend sits above the plot: below it, a phone's slanted labels ran into it.
    LAYOUT = { margin: { t: 40, r: 10, b: 40, l: 50 },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      font: { family: "system-ui, sans-serif", size: 13, color: ink },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      xaxis: axis, yaxis: axis };
  }

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
    layout.xaxis = Object.assign({}, LAYOUT.xaxis, spec.layout.xaxis);
    layout.yaxis = Object.assign({}, LAYOUT.yaxis, spec.layout.yaxis);
    if (data.title) {
      layout.title = { text: data.title, font: { size: 14 }, y: 0.98, yanchor: "top" };
      layout.margin = Object.assign({}, layout.margin, { t: 70 });
    }
    window.Plotly.newPlot(el, spec.traces, layout, CONFIG);
    el.setAttribute("data-drawn", "true");
  }

  function drawAll() {
    palette();
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }
  // Switching the system between light and dark redraws the charts in the new colours.
  if (window.matchMedia) {
    var scheme = window.matchMedia("(prefers-color-scheme: dark)");
    if (scheme.addEventListener) { scheme.addEventListener("change", drawAll); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
