"""The demo site, built for real with `mkdocs build --strict`, read as a person reads it."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from commonplan.cli.app import main
from commonplan.history.git import read_history
from commonplan.intake.mail_message import read_message
from commonplan.repository import check_repository, refresh_generated
from commonplan.site.render import render_site

from .conftest import ROOT, WriteFile
from .site_fixtures import Built, build, copy_site_folders, under_heading, words

TODAY = date(2026, 11, 26)
corpus = check_repository(ROOT, today=TODAY).corpus


def test_strict_build_has_no_warnings(demo_site: Built) -> None:
    assert "WARNING" not in demo_site.log
    assert "ERROR" not in demo_site.log


def test_every_page_family_is_built(demo_site: Built) -> None:
    pages = ["", "proposals/", "teams/", "answers/", "actions/", "data/"]
    pages += [f"proposals/{p}/" for p in corpus.proposals]
    pages += [f"teams/{t}/" for t in corpus.teams]
    for page in pages:
        assert demo_site.html(page).find("h1") is not None, page


# --- home ----------------------------------------------------------------------------------


def test_home_lists_open_consultations_closing_soonest_first(demo_site: Built) -> None:
    cards = under_heading(demo_site.html(""), "Open for comment now")
    items = [li for block in cards for li in block.select(".grid.cards li")]
    open_now = sorted(
        (p for p in corpus.proposals.values() if p.is_open(TODAY)),
        key=lambda p: p.consultation.closes if p.consultation else TODAY,
    )
    assert len(open_now) >= 2
    assert [words(li.find("strong")) for li in items] == [p.title for p in open_now]
    for li, proposal in zip(items, open_now, strict=True):
        assert proposal.consultation is not None
        left = (proposal.consultation.closes - TODAY).days
        assert f"{left} days left" in words(li)
        button = next(a for a in li.find_all("a") if words(a) == "Have your say")
        query = parse_qs(urlsplit(button["href"]).query)
        assert query == {"template": ["feedback.yml"], "proposal": [proposal.id]}


def test_home_headline_figures_match_the_data(demo_site: Built) -> None:
    text = " ".join(words(t) for t in under_heading(demo_site.html(""), "At a glance"))
    answered = sum(1 for f in corpus.feedback.values() if f.response and f.response.final)
    actions = [a for p in corpus.proposals.values() for a in p.actions]
    done = sum(1 for a in actions if a.status == "done")
    assert f"{len(corpus.proposals)} proposals" in text
    assert f"{len(corpus.feedback)} pieces of feedback" in text
    assert f"{round(100 * answered / len(corpus.feedback))}% answered" in text
    assert f"{done} of {len(actions)} actions done" in text
    heard = {f.from_ for f in corpus.feedback.values() if f.from_}
    assert f"from {len(heard)} teams and the public" in text


def test_home_counts_the_teams_heard_not_every_team_listed(demo_copy: Path) -> None:
    (demo_copy / "teams" / "quiet-allotments.yml").write_text(
        "name: Quiet Allotments\nkind: community-group\ngroups: [citizen]\n", encoding="utf-8"
    )
    quiet = check_repository(demo_copy, today=TODAY).corpus
    heard = {f.from_ for f in quiet.feedback.values() if f.from_}
    assert len(heard) == len(quiet.teams) - 1
    assert f"from {len(heard)} teams and the public" in render_site(quiet)["index.md"]


def test_home_shows_voices_per_group_and_calls_out_missing_ones(
    write: WriteFile, demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Invite a group that nobody from has spoken for yet.
    path = demo_copy / "proposals" / "warm-spaces.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("invite: [", "invite: [young-people, ", 1), encoding="utf-8")
    config = demo_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "        family: Families and neighbours",
            "        family: Families and neighbours\n        young-people: Young people",
        ),
        encoding="utf-8",
    )
    copy_site_folders(demo_copy)
    built = build(demo_copy, tmp_path_factory.mktemp("voices"))
    assert built.returncode == 0, built.log
    home = built.html("")
    rows = {
        words(tr.find_all("td")[0]): words(tr.find_all("td")[1])
        for block in under_heading(home, "Voices heard")
        for tr in block.select("tbody tr")
    }
    heard: Counter[str] = Counter()
    for item in corpus.feedback.values():
        heard.update(corpus.groups_of(item))
    for group, label in corpus.settings.groups.items():
        assert rows[label] == str(heard[group])
    assert rows["Young people"] == "0"
    warning = home.select_one(".admonition.warning")
    assert warning is not None and "Young people" in words(warning)


def test_home_keeps_the_hand_written_introduction(demo_site: Built) -> None:
    intro = (ROOT / "site" / "index.md").read_text(encoding="utf-8").splitlines()[0]
    assert words(demo_site.html("").find("h1")) == intro.removeprefix("# ")


# --- a proposal ----------------------------------------------------------------------------


def test_proposal_page_shows_each_section_with_its_feedback_count(demo_site: Built) -> None:
    proposal = corpus.proposals["carers-breaks"]
    page = demo_site.html("proposals/carers-breaks/")
    counts = Counter(f.section for f in corpus.feedback_on("carers-breaks"))
    assert proposal.sections
    for section in proposal.sections:
        heading = page.find(id=section.anchor)
        assert heading is not None and words(heading) == section.title
        tools = heading.find_next_sibling("p")
        assert tools is not None and "cp-section-tools" in tools["class"]
        expected = f"{counts[section.anchor]} comment" if counts[section.anchor] else "No comments"
        assert expected in words(tools)


def test_open_proposal_links_each_section_to_the_feedback_form(demo_site: Built) -> None:
    proposal = corpus.proposals["warm-spaces"]
    assert proposal.is_open(TODAY)
    page = demo_site.html("proposals/warm-spaces/")
    for section in proposal.sections:
        tools = page.find(id=section.anchor).find_next_sibling("p")
        link = next(a for a in tools.find_all("a") if "Comment on this section" in words(a))
        url = urlsplit(link["href"])
        assert (url.scheme, url.netloc, url.path) == (
            "https",
            "github.com",
            "/hollowmere-together/strategy/issues/new",
        )
        assert parse_qs(url.query) == {
            "template": ["feedback.yml"],
            "proposal": ["warm-spaces"],
            "section": [section.anchor],
        }
        mail = next(a for a in tools.find_all("a") if "by e-mail" in words(a))
        mail_url = urlsplit(mail["href"])
        assert mail_url.scheme == "mailto"
        assert mail_url.path == corpus.settings.email
        fields = parse_qs(mail_url.query)
        # The message the link starts, once filled in, is one `ingest-mail` understands.
        sent = EmailMessage()
        sent["Subject"] = fields["subject"][0]
        sent.set_content(
            fields["body"][0].replace("…", "Carers", 1).replace("…", "I have an idea", 1)
            + "Could the library open on Sunday afternoons?"
        )
        reading = read_message(sent.as_bytes(), corpus)
        assert not reading.problem
        assert (reading.data["proposal"], reading.data["section"]) == (proposal.id, section.anchor)
        assert (reading.data["group"], reading.data["stance"]) == ("carer", "idea")


def test_proposal_page_has_feedback_with_its_response_beside_it(demo_site: Built) -> None:
    page = demo_site.html("proposals/carers-breaks/")
    for item in corpus.feedback_on("carers-breaks"):
        block = page.find(id=item.id)
        assert block is not None, item.id
        said, did = block.select(".cp-said"), block.select(".cp-did")
        assert len(said) == 1 and len(did) == 1
        assert " ".join(item.body.split())[:60] in words(said[0])
        if item.source.offline:
            assert "Said " in words(said[0]) and "recorded by" in words(said[0])
        if item.response is None:
            assert "Not answered yet" in words(did[0])
        else:
            assert " ".join(item.response.text.split())[:60] in words(did[0])


def test_revisions_link_to_the_feedback_they_answer(demo_site: Built) -> None:
    proposal = corpus.proposals["carers-breaks"]
    page = demo_site.html("proposals/carers-breaks/")
    for revision in proposal.revisions:
        block = under_heading(
            page, f"Version {revision.version}, {revision.date.day} {revision.date:%B %Y}"
        )
        links = {words(a): a["href"] for b in block for a in b.find_all("a")}
        changes = links.pop(f"See what changed in version {revision.version}")
        assert changes == f"history/#version-{revision.version}"
        targets = list(links.values())
        assert targets == [f"#{fid}" for fid in revision.responds_to]
        for target in targets:
            assert page.find(id=target[1:]) is not None


def test_actions_measures_and_voices_on_a_proposal(demo_site: Built) -> None:
    proposal = corpus.proposals["carers-breaks"]
    page = demo_site.html("proposals/carers-breaks/")
    rows = [tr for b in under_heading(page, "Actions") for tr in b.select("tbody tr")]
    assert [words(tr.find("td")) for tr in rows] == [a.title for a in proposal.actions]
    measure = proposal.measures[0]
    block = under_heading(page, measure.name)
    text = " ".join(words(b) for b in block)
    assert measure.latest is not None and measure.progress is not None
    assert f"latest {measure.latest.value:g}" in text
    assert f"{round(100 * measure.progress)}% of the way" in text
    chart = next(b for b in block if b.name == "figure").find("svg")
    assert chart["role"] == "img" and measure.name in chart["aria-label"]
    assert len(chart.find_all("circle")) == len(measure.history)
    voices = {
        words(tr.find_all("td")[0]): words(tr.find_all("td")[2])
        for b in under_heading(page, "Who was heard")
        for tr in b.select("tbody tr")
    }
    for group in proposal.invite:
        assert corpus.group_label(group) in voices


def test_closed_proposal_has_no_comment_buttons_but_an_edit_link(demo_site: Built) -> None:
    page = demo_site.html("proposals/home-from-hospital/")
    links = {words(a): a["href"] for a in page.select("article a.md-button")}
    assert "Have your say" not in links
    assert links["Suggest a change to the text"] == (
        "https://github.com/hollowmere-together/strategy/edit/main/proposals/home-from-hospital.md"
    )


# --- indexes -------------------------------------------------------------------------------


def test_proposals_index_groups_by_status(demo_site: Built) -> None:
    page = demo_site.html("proposals/")
    listed = {}
    for h2 in page.select("article h2"):
        for tr in (b for b in under_heading(page, words(h2)) for b in b.select("tbody tr")):
            listed[words(tr.find("td"))] = words(h2)
    assert set(listed) == {p.title for p in corpus.proposals.values()}
    titles = {
        "Open for comment": "open",
        "Drafts": "draft",
        "Consultation": "consultation",
        "Revised after listening": "revised",
        "Adopted": "adopted",
        "Withdrawn": "withdrawn",
    }
    for proposal in corpus.proposals.values():
        expected = "open" if proposal.is_open(TODAY) else proposal.status
        assert titles[listed[proposal.title]] == expected, proposal.id


def test_team_page_shows_consenting_members_and_what_they_own(demo_site: Built) -> None:
    team = corpus.teams["hollowmere-carers-network"]
    page = demo_site.html("teams/hollowmere-carers-network/")
    members = [words(li) for b in under_heading(page, "Members") for li in b.find_all("li")]
    people = [m.name for m in team.members if getattr(m, "consent", False)]
    assert people and all(name in members for name in people)
    owned = [a.title for p in corpus.proposals.values() for a in p.actions if a.owner == team.id]
    rows = [
        words(tr.find("td"))
        for b in under_heading(page, "Actions owned")
        for tr in b.select("tbody tr")
    ]
    assert rows == owned
    given = [f for f in corpus.feedback.values() if f.from_ == team.id]
    assert f"{len(given)} piece" in " ".join(
        words(b) for b in under_heading(page, "Feedback given")
    )


def test_you_said_we_did_has_every_response(demo_site: Built) -> None:
    page = demo_site.html("answers/")
    shown = {block["id"] for block in page.select(".cp-exchange")}
    assert shown == {f.id for f in corpus.feedback.values() if f.response is not None}


def test_actions_page_puts_recently_done_first(demo_site: Built) -> None:
    page = demo_site.html("actions/")
    headings = [words(h) for h in page.select("article h2")]
    assert headings[0] == "Done"
    done_rows = [
        words(tr.find("td")) for b in under_heading(page, "Done") for tr in b.select("tbody tr")
    ]
    done = [a for p in corpus.proposals.values() for a in p.actions if a.status == "done"]
    assert sorted(done_rows) == sorted(a.title for a in done)


# --- open data -----------------------------------------------------------------------------


def test_open_data_files(demo_site: Built) -> None:
    data = demo_site.out / "data"
    strategy = json.loads((data / "strategy.json").read_text(encoding="utf-8"))
    assert {f["id"] for f in strategy["feedback"]} == set(corpus.feedback)
    assert {p["id"] for p in strategy["proposals"]} == set(corpus.proposals)
    rows = list(csv.DictReader(io.StringIO((data / "feedback.csv").read_text(encoding="utf-8"))))
    assert {r["id"] for r in rows} == set(corpus.feedback)
    actions = list(csv.DictReader(io.StringIO((data / "actions.csv").read_text(encoding="utf-8"))))
    assert len(actions) == sum(len(p.actions) for p in corpus.proposals.values())
    readings = list(
        csv.DictReader(io.StringIO((data / "measures.csv").read_text(encoding="utf-8")))
    )
    assert len(readings) == sum(
        len(m.history) for p in corpus.proposals.values() for m in p.measures
    )
    feed = ET.fromstring((data / "feed.xml").read_text(encoding="utf-8"))
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") for e in feed.findall(f"{atom}entry")]
    assert any(t and t.startswith("New proposal: ") for t in titles)
    assert any(t and ": version " in t for t in titles)
    for kind in ("team", "proposal", "proposal-translation", "feedback"):
        assert json.loads((data / "schemas" / f"{kind}.schema.json").read_text())["$id"]
        assert f"schemas/{kind}.schema.json" in (data / "index.html").read_text()


def test_every_page_points_feed_readers_at_the_feed(demo_site: Built) -> None:
    site = "https://hollowmere-together.github.io/strategy/"
    for page in ("", "proposals/warm-spaces/", "teams/hollowmere-cvs/", "cy/voices/"):
        link = demo_site.html(page).find("link", type="application/atom+xml")
        assert link is not None and link["rel"] == ["alternate"], page
        feed = (demo_site.out / page / link["href"]).resolve()
        assert feed == (demo_site.out / ("cy" if page.startswith("cy/") else "") / "feed.xml")
    # Beside the site's sitemap, which the themes read for each alternate link, and the same
    # feed as the open data's, at its own address.
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring((demo_site.out / "feed.xml").read_text(encoding="utf-8"))
    data = ET.fromstring((demo_site.out / "data" / "feed.xml").read_text(encoding="utf-8"))
    self_link = root.find(f"{atom}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == site + "feed.xml"
    assert len(root.findall(f"{atom}entry")) == len(data.findall(f"{atom}entry")) > 0
    assert (demo_site.out / "sitemap.xml").is_file()


def test_data_page_describes_every_column(demo_site: Built) -> None:
    page = demo_site.html("data/")
    described = {words(code) for code in page.select("article td code")}
    for name in ("feedback.csv", "actions.csv", "measures.csv"):
        header = (demo_site.out / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert set(header.split(",")) <= described, name


def test_no_page_is_heavier_than_500_kb(demo_site: Built) -> None:
    sizes = {p: p.stat().st_size for p in demo_site.out.rglob("*.html")}
    assert max(sizes.values()) < 500_000


def test_search_index_holds_proposal_bodies_and_feedback(demo_site: Built) -> None:
    index = json.loads((demo_site.out / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "eleven weeks" in text  # from the carers-breaks body
    assert "brother's funeral" in text  # from a piece of feedback


# --- bad data, and the render command --------------------------------------------------------


def test_build_stops_with_the_same_located_errors_as_validate(
    write: WriteFile, demo_copy: Path, tmp_path: Path
) -> None:
    write("feedback/warm-spaces/warm-spaces-0099.yml", "proposal: warm-spaces\nstance: maybe\n")
    copy_site_folders(demo_copy)
    built = build(demo_copy, tmp_path / "out")
    assert built.returncode != 0
    checked = CliRunner().invoke(main, ["validate", str(demo_copy)])
    errors = [line for line in checked.output.splitlines() if ": error [" in line]
    assert errors
    for line in errors:
        assert line in built.log
    assert "Traceback" not in built.log
    assert not (tmp_path / "out" / "index.html").exists()


def test_render_command_writes_the_pages_the_plugin_builds(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["render", "--root", str(ROOT), "--out", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    intro = (ROOT / "site" / "index.md").read_text(encoding="utf-8")
    expected = render_site(corpus, intro, read_history(ROOT))
    written = {
        p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8")
        for p in tmp_path.rglob("*")
        if p.is_file() and p.name != ".commonplan-rendered"
    }
    assert {rel: text for rel, text in written.items() if rel in expected} == expected
    # With the hand-written files of docs_dir, as the English build shows them (no Welsh
    # page, the home page's text in the generated one): a complete docs folder.
    site = ROOT / "site"
    copies = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.name.endswith(".cy.md")
    } - {"index.md"}
    assert "take-part/feedback-template.cy.csv" in copies
    assert written.keys() - expected.keys() == copies
    for rel in copies:
        assert (tmp_path / rel).read_bytes() == (site / rel).read_bytes(), rel


def test_render_again_removes_pages_of_what_is_gone_and_nothing_else(
    demo_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    render = ["render", "--root", str(demo_copy), "--out", str(out)]
    assert CliRunner().invoke(main, render).exit_code == 0
    (out / "extra.css").write_text("/* someone else's file */\n", encoding="utf-8")
    assert (out / "proposals" / "young-carers-school.md").is_file()

    (demo_copy / "proposals" / "young-carers-school.md").unlink()
    (demo_copy / "proposals" / "young-carers-school.cy.md").unlink()  # and all that is on it
    shutil.rmtree(demo_copy / "feedback" / "young-carers-school")
    refresh_generated(demo_copy)  # the form and CODEOWNERS no longer name it
    assert CliRunner().invoke(main, render).exit_code == 0
    assert not (out / "proposals" / "young-carers-school.md").exists()
    assert (out / "extra.css").is_file()
    assert (out / "proposals" / "warm-spaces.md").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging left


def test_render_command_writes_nothing_when_data_is_bad(
    write: WriteFile, demo_copy: Path, tmp_path: Path
) -> None:
    write("teams/broken.yml", "name: [unclosed\n")
    outcome = CliRunner().invoke(
        main, ["render", "--root", str(demo_copy), "--out", str(tmp_path / "out")]
    )
    assert outcome.exit_code == 1
    assert "teams/broken.yml:1:7: error [yaml-syntax]" in outcome.output
    assert "Traceback" not in outcome.output
    assert not (tmp_path / "out").exists()


def test_personal_data_stops_the_build_before_anything_is_written(
    write: WriteFile, demo_copy: Path, tmp_path: Path
) -> None:
    write(
        "feedback/warm-spaces/warm-spaces-0098.yml",
        "proposal: warm-spaces\ngroup: citizen\nstance: idea\nsubmitted: 2026-11-20\n"
        "source:\n  kind: phone\n  recorded_by: warm-spaces-team\n"
        "body: Ring me on 07700 900123 or write to jo.bloggs@example.org about it.\n",
    )
    copy_site_folders(demo_copy)
    built = build(demo_copy, tmp_path / "out")
    assert built.returncode != 0
    assert "feedback/warm-spaces/warm-spaces-0098.yml:" in built.log
    assert "personal-data" in built.log
    assert not list((tmp_path / "out").rglob("*.html"))
    rendered = CliRunner().invoke(
        main, ["render", "--root", str(demo_copy), "--out", str(tmp_path / "pages")]
    )
    assert rendered.exit_code == 1
    assert not (tmp_path / "pages").exists()


def test_a_missing_markdown_extension_is_named_not_shown_as_raw_markup(
    demo_copy: Path, tmp_path: Path
) -> None:
    copy_site_folders(demo_copy)
    config = demo_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    emoji = text.index("  - pymdownx.emoji:")
    end = text.index("\n\n", emoji)
    config.write_text(text[:emoji] + text[end + 1 :], encoding="utf-8")
    built = build(demo_copy, tmp_path / "out")
    assert built.returncode != 0
    assert "the pages need these markdown_extensions in mkdocs.yml" in built.log
    assert "pymdownx.emoji" in built.log
    assert "Traceback" not in built.log
