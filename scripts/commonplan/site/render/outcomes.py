"""What a proposal will do and how its success is measured: its actions table and its
measures, each with its figures and a chart, on the proposal's page."""

from __future__ import annotations

from commonplan.insight import is_stale
from commonplan.model import Proposal
from commonplan.site.render import safe
from commonplan.site.render.charts import measure_chart
from commonplan.site.render.common import Site, badge, number, team_link
from commonplan.site.render.heard import stale_note
from commonplan.urls import proposal_page
from commonplan.vocabulary import ACTION_STATUS


def actions_table(site: Site, proposal: Proposal) -> str:
    if not proposal.actions:
        return ""
    t = site.t
    page = proposal_page(proposal.id)
    rows = [
        f"| {safe.text(a.title)} | {team_link(site, page, a.owner)} "
        f"| {site.t.day(a.due) if a.due else '—'}"
        f" | {badge(site, 'action', a.status, ACTION_STATUS)} |"
        for a in proposal.actions
    ]
    columns = [
        t.p("column", "Action"),
        t.p("column", "Owner"),
        t.p("column", "Due"),
        t.p("column", "Status"),
    ]
    return (
        "## "
        + t("Actions")
        + f"\n\n| {' | '.join(columns)} |\n| --- | --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n"
    )


def measures_section(site: Site, proposal: Proposal) -> str:
    if not proposal.measures:
        return ""
    t = site.t
    stale_after = site.corpus.settings.stale_after_days
    out = ["## " + t("Measures") + "\n"]
    for measure in proposal.measures:
        latest = measure.latest
        unit = f" {safe.text(measure.unit)}" if measure.unit else ""
        out.append(f"### {safe.text(measure.name)} {{ #measure-{measure.id} }}\n")
        if is_stale(measure, site.today, stale_after):
            out.append(stale_note(stale_after, t))
        shown = number(latest.value) if latest else t("no reading yet")
        # Translators: a measure's figures, each with its unit ("12 homes"); latest is in bold.
        figures = t("Baseline {baseline} → latest {latest} → target {target}").format(
            baseline=f"{number(measure.baseline)}{unit}",
            latest=f"**{shown}**{unit if latest else ''}",
            target=f"{number(measure.target)}{unit}",
        )
        out.append(f"{figures}\n")
        if measure.progress is not None and latest is not None:
            # Translators: {percent} is in bold, "40%".
            progress = t("{percent} of the way from baseline to target (latest reading {day}).")
            shown_progress = f"**{round(100 * measure.progress)}%**"
            out.append(progress.format(percent=shown_progress, day=t.day(latest.date)) + "\n")
        chart = measure_chart(site, measure)
        if chart:
            caption = t("Readings over time; dashed line: baseline, dotted line: target.")
            out.append(
                f'<figure class="cp-figure">\n{chart}\n<figcaption>{caption}</figcaption>\n'
                "</figure>\n"
            )
    return "\n".join(out)
