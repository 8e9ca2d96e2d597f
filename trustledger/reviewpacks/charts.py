"""Static charts as SVG markup, drawn on the server with no browser: the same markup goes
into the page and the PDF (WeasyPrint draws inline SVG). Presentation attributes only (no
`style=`, which the Content-Security-Policy would refuse); every text escaped; every chart
an image with its words in `aria-label` and a `<title>`."""

from __future__ import annotations

from html import escape
from typing import Any

from trustledger.domain.readings import figure

WIDTH, ROW, PAD = 560, 26, 8
LEFT = 210  # room for the labels
INK, MUTED, GRID = "#1f2933", "#52606d", "#cbd2d9"
SERIES = ("#1d4e89", "#c2410c", "#3f7d20", "#6b21a8")


def _svg(title: str, height: int, body: list[str]) -> str:
    words = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pack-chart" role="img" '
        f'aria-label="{words}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
        f"<title>{words}</title>"
        # A paper-white ground: the chart reads the same in the dark scheme and on paper.
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, words: str, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" font-family="sans-serif" '
        f'text-anchor="{anchor}" fill="{fill}">{escape(words)}</text>'
    )


def bars(title: str, values: list[tuple[str, float | None]], maximum: float) -> str:
    """Horizontal bars, one a row, each with its figure; a missing value says so."""
    body = [_text(PAD, 16, title)]
    span = WIDTH - LEFT - 60
    for i, (label, value) in enumerate(values):
        y = 28 + i * ROW
        body.append(_text(LEFT - PAD, y + 14, label, "end"))
        if value is None:
            body.append(_text(LEFT, y + 14, "no figure", fill=MUTED))
            continue
        w = max(1.0, span * min(value, maximum) / maximum)
        body.append(
            f'<rect x="{LEFT}" y="{y + 3}" width="{w:.1f}" height="{ROW - 8}" fill="{SERIES[0]}"/>'
        )
        body.append(_text(LEFT + w + 4, y + 14, figure(value, 0 if maximum >= 100 else 1)))
    return _svg(title, 36 + len(values) * ROW, body)


def gap_bars(chart: dict[str, Any]) -> str:
    """Self view against others' view per component, 1–10; self-orientation plotted as
    11 − rating so that a longer bar is better on every line (docs/numbers.md)."""
    title = f"{chart['unit']}: self view against others' view (of 10; longer is better)"
    body = [_text(PAD, 16, title)]
    span = WIDTH - LEFT - 60
    legend_y = 32
    for j, name in enumerate(("Self view", "Others' view")):
        x = LEFT + j * 120
        body.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{SERIES[j]}"/>')
        body.append(_text(x + 14, legend_y, name))
    for i, row in enumerate(chart["components"]):
        y = 44 + i * (ROW + 12)
        flip = row.get("lower_is_better")
        label = row["label"] + (" (11 − rating)" if flip else "")
        body.append(_text(LEFT - PAD, y + 16, label, "end"))
        for j, key in enumerate(("self", "others")):
            value = row.get(key)
            top = y + j * 15
            if value is None:
                body.append(_text(LEFT, top + 11, "too few raters", fill=MUTED))
                continue
            plotted = 11 - value if flip else value
            w = max(1.0, span * plotted / 10)
            body.append(
                f'<rect x="{LEFT}" y="{top + 1}" width="{w:.1f}" height="12" fill="{SERIES[j]}"/>'
            )
            body.append(_text(LEFT + w + 4, top + 11, figure(value, 1)))
    return _svg(title, 52 + len(chart["components"]) * (ROW + 12), body)


def lines(title: str, series: list[dict[str, Any]]) -> str:
    """Lines over shared x labels; a missing point breaks its line and is not drawn."""
    top, bottom = 30, 40 + 18 * len(series)
    height = 180 + bottom
    xs = series[0]["x"] if series else []
    known = [v for s in series for v in s["y"] if v is not None]
    top_value = max(known + [10.0])
    body = [_text(PAD, 16, title)]
    plot_w = WIDTH - 60 - 50
    plot_h = height - top - bottom

    def at(i: int, v: float) -> tuple[float, float]:
        x = 40 + (plot_w * i / max(1, len(xs) - 1))
        return x, top + plot_h * (1 - v / top_value)

    for tick in (0.0, top_value / 2, top_value):
        _, y = at(0, tick)
        body.append(f'<line x1="40" x2="{40 + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(36, y + 4, figure(tick, 0), "end", MUTED))
    for i, x in enumerate(xs):
        px, _ = at(i, 0)
        body.append(_text(px, top + plot_h + 16, str(x)[:10], "middle", MUTED))
    for k, s in enumerate(series):
        colour = SERIES[k % len(SERIES)]
        points = [at(i, v) for i, v in enumerate(s["y"]) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for x, y in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        ly = height - 18 * (len(series) - k) + 4
        body.append(f'<rect x="40" y="{ly}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(54, ly + 9, s["name"]))
    return _svg(title, height, body)
