"""Links back to a piece of feedback (in notices on GitHub) reach the page that shows it,
also when a long list of feedback is split over several pages."""

from __future__ import annotations

from pathlib import Path

from commonplan.github.notices import answered
from commonplan.repository import check_repository
from commonplan.site.render import render_site
from commonplan.urls import FEEDBACK_PER_PAGE, feedback_url

from .conftest import WriteFile

ITEM = """\
proposal: warm-spaces
group: citizen
stance: idea
submitted: 2026-11-{day:02d}
source: {{kind: meeting, recorded_by: hollowmere-cvs}}
body: Idea number {n} from the Canal Side meeting.
response: {{status: under-review, by: warm-spaces-team, date: 2026-11-25, text: Thank you.}}
"""


def test_feedback_beyond_the_first_page_links_to_its_own_page(
    demo_copy: Path, write: WriteFile
) -> None:
    for n in range(FEEDBACK_PER_PAGE + 10):
        write(f"feedback/warm-spaces/warm-spaces-9{n:03d}.yml", ITEM.format(day=3 + n % 20, n=n))
    corpus = check_repository(demo_copy).corpus
    assert corpus.settings.site_url is not None
    pages = render_site(corpus, "")
    site = corpus.settings.site_url.rstrip("/")

    links = {item.id: feedback_url(corpus, item) for item in corpus.feedback_on("warm-spaces")}
    on_later_pages = {i: url for i, url in links.items() if "/feedback-" in (url or "")}
    assert on_later_pages, "the list should have spilled onto a second page"
    for feedback_id, url in links.items():
        assert url is not None
        page, _, anchor = url.removeprefix(site + "/").partition("#")
        assert anchor == feedback_id
        source = pages[page.rstrip("/") + ".md"]
        assert f'id="{feedback_id}"' in source

    item = corpus.feedback[next(iter(on_later_pages))]
    assert on_later_pages[item.id] in answered(item, corpus.teams["warm-spaces-team"], corpus)
