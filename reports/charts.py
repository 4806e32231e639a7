"""Trend charts as SVG, drawn on the server: the PDF engine runs no JavaScript."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 320, 140, 40, 28, 12


def line_chart_svg(title: str, labels: list[str], values: list[float | None]) -> SafeString:
    """A small line chart; missing or suppressed values leave a gap. All text is escaped."""
    numbers = [v for v in values if v is not None]
    top = max(numbers) if numbers else 1.0
    top = top * 1.1 if top > 0 else 1.0
    plot_w, plot_h = WIDTH - PAD_LEFT - 10, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return PAD_LEFT + i * step, PAD_TOP + plot_h - (v / top) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - 10}" y2="{PAD_TOP + plot_h}" stroke="#666"/>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{PAD_TOP + plot_h}" stroke="#666"/>',
        f'<text x="{PAD_LEFT - 4}" y="{PAD_TOP + 4}" font-size="9" text-anchor="end">{top:.0f}</text>',
        f'<text x="{PAD_LEFT - 4}" y="{PAD_TOP + plot_h}" font-size="9" text-anchor="end">0</text>',
    ]
    segment: list[str] = []
    for i, value in enumerate(values):
        if value is None:
            if len(segment) > 1:
                parts.append(f'<polyline fill="none" stroke="#0d6efd" stroke-width="2" points="{" ".join(segment)}"/>')
            segment = []
            continue
        x, y = xy(i, value)
        segment.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#0d6efd"/>')
    if len(segment) > 1:
        parts.append(f'<polyline fill="none" stroke="#0d6efd" stroke-width="2" points="{" ".join(segment)}"/>')
    for i, label in enumerate(labels):
        x = PAD_LEFT + i * step
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 10}" font-size="8" text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every interpolated text is escaped above
