"""The overview's timeline as an SVG bar chart, drawn on the server.

No JavaScript: the page's Content-Security-Policy allows no script at all, and a chart that
is plain SVG prints, works without a network, and needs no front-end toolchain. Each month is
a stack of bars, one per category, with a tooltip (``<title>``); the same counts are in a
table beside it for screen readers and copying.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.overview import MonthCount
from web.labels import category_label, french_month

WIDTH, HEIGHT = 880, 260
LEFT, BOTTOM, TOP = 40, 30, 10
MAX_MONTHS = 180  # fifteen years; older months are left out (the table has them all)


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    category: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[Tick]  # one per year
    y_ticks: list[Tick]
    baseline: float
    categories: list[str]  # the legend


def timeline_chart(counts: list[MonthCount]) -> Chart | None:
    if not counts:
        return None
    months = _months(min(c.month for c in counts), max(c.month for c in counts))[-MAX_MONTHS:]
    by_month: dict[str, dict[str, int]] = {}
    for count in counts:
        by_month.setdefault(count.month, {})[count.category] = count.documents
    highest = max(sum(by_month.get(m, {}).values()) for m in months) or 1
    plot_width, plot_height = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    step = plot_width / len(months)
    bar_width = max(step * 0.8, 1.0)
    scale = plot_height / highest
    bars: list[Bar] = []
    x_ticks: list[Tick] = []
    for index, month in enumerate(months):
        x = LEFT + index * step
        if month.endswith("-01") or index == 0:
            x_ticks.append(Tick(x, month[:4]))
        stacked = 0
        for category, documents in sorted(by_month.get(month, {}).items()):
            height = documents * scale
            y = TOP + plot_height - stacked - height
            stacked += height
            plural = "s" if documents > 1 else ""
            title = f"{french_month(month)} — {category_label(category)} : {documents} document{plural}"
            bars.append(Bar(round(x, 1), round(y, 1), round(bar_width, 1), round(height, 1), category, title))
    y_ticks = [Tick(round(TOP + plot_height - value * scale, 1), str(value)) for value in _y_values(highest)]
    categories = sorted({c.category for c in counts})
    return Chart(WIDTH, HEIGHT, bars, _spaced(x_ticks, step), y_ticks, TOP + plot_height, categories)


def _months(first: str, last: str) -> list[str]:
    year, month = (int(p) for p in first.split("-"))
    months = []
    while f"{year}-{month:02d}" <= last:
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _y_values(highest: int) -> list[int]:
    step = max(1, -(-highest // 4))
    return list(range(0, highest + 1, step))


def _spaced(ticks: list[Tick], step: float) -> list[Tick]:
    """Year labels at least 32 pixels apart, so that they never overlap."""
    kept: list[Tick] = []
    for tick in ticks:
        if not kept or tick.position - kept[-1].position >= 32:
            kept.append(tick)
    return kept
