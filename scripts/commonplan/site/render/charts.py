"""A measure's history as a small inline SVG line chart: no chart library, no script."""

from __future__ import annotations

from commonplan.model import Measure
from commonplan.site.render import safe
from commonplan.site.render.common import Site

WIDTH, HEIGHT, PAD = 240, 64, 6


def measure_chart(site: Site, measure: Measure) -> str:
    """Baseline (dashed), target (dotted) and the readings as a line with dots."""
    if not measure.history:
        return ""
    values = [r.value for r in measure.history]
    low = min([measure.baseline, measure.target, *values])
    high = max([measure.baseline, measure.target, *values])
    span = (high - low) or 1.0
    first = measure.history[0].date.toordinal()
    days = (measure.history[-1].date.toordinal() - first) or 1

    def x(ordinal: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * (ordinal - first) / days

    def y(value: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span

    points = " ".join(f"{x(r.date.toordinal()):.1f},{y(r.value):.1f}" for r in measure.history)
    dots = "".join(
        f'<circle cx="{x(r.date.toordinal()):.1f}" cy="{y(r.value):.1f}" r="3">'
        f"<title>{r.date.isoformat()}: {r.value:g}</title></circle>"
        for r in measure.history
    )
    # Translators: what a screen reader says for a measure's chart; {unit} may be empty.
    said = site.t("{measure}: baseline {baseline}, latest {latest}, target {target} {unit}")
    label = safe.text(
        said.format(
            measure=measure.name,
            baseline=f"{measure.baseline:g}",
            latest=f"{values[-1]:g}",
            target=f"{measure.target:g}",
            unit=measure.unit,
        ).strip()
    )
    return (
        f'<svg class="cp-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-label="{label}">'
        f'<line class="cp-chart-baseline" x1="0" x2="{WIDTH}" y1="{y(measure.baseline):.1f}"'
        f' y2="{y(measure.baseline):.1f}"/>'
        f'<line class="cp-chart-target" x1="0" x2="{WIDTH}" y1="{y(measure.target):.1f}"'
        f' y2="{y(measure.target):.1f}"/>'
        f'<polyline class="cp-chart-line" points="{points}"/>{dots}</svg>'
    )
