"""medialit links: nbgitpuller links a teacher can paste into a course page, and their errors."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from medialit.cli import main as cli_main
from medialit.errors import MedialitError
from medialit.links import (
    CourseLink,
    course_links,
    course_notebooks,
    folder_name,
    format_links,
    hub_base,
    main,
    pull_link,
    repo_url,
)

HUB = "https://hub.example.org"
REPO = "https://github.com/school/medialit-course.git"


def _query(link: str) -> dict[str, str]:
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in query.values()), query
    return {k: v[0] for k, v in query.items()}


def _where_the_browser_lands(link: str, user: str = "ana") -> str:
    """What nbgitpuller does with a link: user-redirect, then the server's base URL + urlpath, decoded."""
    parts = urlsplit(link)
    assert parts.path.endswith("/hub/user-redirect/git-pull")
    base = parts.path.removesuffix("hub/user-redirect/git-pull") + f"user/{user}/"
    return unquote(base + _query(link)["urlpath"])


def _notebook(path: Path, heading: str | None) -> None:
    cells = (
        [{"cell_type": "markdown", "metadata": {}, "source": [f"# {heading}\n", "text"]}] if heading else []
    )
    cells.append(
        {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": None}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    _notebook(root / "notebooks" / "01_second.ipynb", "Lesson 1 · Second")
    _notebook(root / "notebooks" / "00_first.ipynb", "Lesson 0 · First & <best>")
    _notebook(root / "exercises" / "ex01_set.ipynb", "Exercise 1 · A set")
    _notebook(root / "solutions" / "ex01_set.ipynb", "Exercise 1 · ANSWERS")
    _notebook(root / "notebooks" / ".hidden.ipynb", "Hidden")
    (root / "notebooks" / "notes.txt").write_text("not a notebook")
    return root


def test_a_link_carries_repo_branch_folder_and_the_notebook_to_open():
    link = pull_link(HUB, REPO, "notebooks/02_who_is_speaking.ipynb", branch="main")
    assert link.startswith("https://hub.example.org/hub/user-redirect/git-pull?")
    assert _query(link) == {
        "repo": REPO,
        "branch": "main",
        "targetpath": "medialit-course",
        "urlpath": "lab/tree/medialit-course/notebooks/02_who_is_speaking.ipynb",
    }
    assert (
        _where_the_browser_lands(link)
        == "/user/ana/lab/tree/medialit-course/notebooks/02_who_is_speaking.ipynb"
    )


def test_without_a_branch_the_link_leaves_the_choice_to_the_repository():
    assert "branch" not in _query(pull_link(HUB, REPO, "notebooks/a.ipynb"))


def test_awkward_characters_survive_the_trip_to_the_browser():
    """Spaces, #, ?, & and accents in a file name must neither break the query nor the final URL."""
    path = "notebooks/Leçon 1 # what? & why.ipynb"
    link = pull_link(HUB, "https://example.org/a b".replace(" ", "%20"), path, folder="my course")
    assert " " not in link and "#" not in link
    query = _query(link)
    assert query["targetpath"] == "my course"
    landed = _where_the_browser_lands(link)
    assert landed == f"/user/ana/lab/tree/my course/{path}"
    # Before decoding, '#' and '?' are still escaped in the path the browser is sent to.
    assert "%23" in query["urlpath"] and "%3F" in query["urlpath"]


def test_the_hub_address_is_cut_back_to_its_base_when_a_page_of_it_is_given():
    assert hub_base("https://hub.example.org/") == "https://hub.example.org/"
    assert hub_base(" HTTPS://hub.example.org/hub/login?next=%2F ") == "https://hub.example.org/"
    assert hub_base("https://school.example/jupyter/user/ana/lab/tree/x") == "https://school.example/jupyter/"
    assert hub_base("http://127.0.0.1:8000") == "http://127.0.0.1:8000/"
    assert hub_base("https://school.example/hubs/") == "https://school.example/hubs/"
    link = pull_link("https://school.example/jupyter", REPO, "notebooks/a.ipynb")
    assert link.startswith("https://school.example/jupyter/hub/user-redirect/git-pull?")


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("", "empty"),
        ("hub.example.org", "does not start with https://"),
        ("ftp://hub.example.org", "does not start with https://"),
        ("https://hub example.org", "contains a space"),
        ("https://ana:secret@hub.example.org", "user name or password"),
        ("https://hub.example.org:80a/", "port that is not a number"),
    ],
)
def test_bad_hub_addresses_get_a_clear_error(address, words):
    with pytest.raises(MedialitError, match=words) as err:
        hub_base(address)
    assert err.value.hint  # and a suggestion


@pytest.mark.parametrize(
    "repo",
    [
        "https://github.com/school/course",
        "https://gitlab.example.org/group/sub/course.git",
        "git@github.com:school/course.git",
        "ssh://git@example.org/course.git",
        "file:///srv/course",
        "/srv/course.git",
    ],
)
def test_repository_addresses_students_servers_can_clone_are_accepted(repo):
    assert repo_url(repo) == repo


@pytest.mark.parametrize(
    ("repo", "words"),
    [
        ("", "empty"),
        ("course", "not the address of a git repository"),
        ("github.com/school/course", "not the address of a git repository"),
        ("https://github.com/school/course/tree/main/notebooks", "folder or file inside a repository"),
        ("https://github.com/school/course/blob/main/README.md", "folder or file inside a repository"),
        ("https://github.com/school/my course", "contains a space"),
        ("https://github.com/school/course?tab=readme", "'?' or '#'"),
    ],
)
def test_bad_repository_addresses_get_a_clear_error(repo, words):
    with pytest.raises(MedialitError, match=words):
        repo_url(repo)


def test_the_folder_is_the_repository_name_without_git_unless_chosen():
    assert folder_name("https://github.com/school/medialit-course.git/") == "medialit-course"
    assert folder_name("git@github.com:school/course") == "course"
    assert _query(pull_link(HUB, REPO, "notebooks/a.ipynb", folder="media"))["targetpath"] == "media"
    for bad in ("..", "a/b", ".hidden", ""):
        with pytest.raises(MedialitError, match="cannot be the course's folder name"):
            pull_link(HUB, REPO, "notebooks/a.ipynb", folder=bad)


def test_branch_names_that_are_not_branches_are_refused():
    for bad in ("my branch", "--upload-pack=x"):
        with pytest.raises(MedialitError, match="not a branch name"):
            pull_link(HUB, REPO, "notebooks/a.ipynb", branch=bad)


def test_lessons_and_sets_come_from_the_course_folder_and_never_from_solutions(course):
    rows = course_notebooks(course)
    assert rows == [
        ("lesson", "notebooks/00_first.ipynb", "Lesson 0 · First & <best>"),
        ("lesson", "notebooks/01_second.ipynb", "Lesson 1 · Second"),
        ("exercise", "exercises/ex01_set.ipynb", "Exercise 1 · A set"),
    ]


def test_a_notebook_without_a_heading_or_unreadable_is_named_by_its_file(course):
    _notebook(course / "notebooks" / "02_no_heading.ipynb", None)
    (course / "notebooks" / "03_broken.ipynb").write_text("{not json")
    titles = {path: title for _, path, title in course_notebooks(course)}
    assert titles["notebooks/02_no_heading.ipynb"] == "02 no heading"
    assert titles["notebooks/03_broken.ipynb"] == "03 broken"


def test_a_folder_without_lessons_is_an_error_that_says_where_it_looked(tmp_path):
    with pytest.raises(MedialitError, match="No lessons or exercise sets") as err:
        course_notebooks(tmp_path)
    assert "--course" in err.value.hint
    with pytest.raises(MedialitError, match="does not exist"):
        course_notebooks(tmp_path / "missing")


def test_the_repository_course_gives_one_link_per_lesson_and_set(root):
    links = course_links(HUB, REPO, course=root)
    on_disk = sorted((root / "notebooks").glob("*.ipynb")) + sorted((root / "exercises").glob("*.ipynb"))
    assert [x.path for x in links] == [p.relative_to(root).as_posix() for p in on_disk]
    assert not any("solutions" in x.url or "solutions" in x.path for x in links)
    assert links[0].path == "notebooks/00_start_here.ipynb"  # where the README tells students to start


def _links(course) -> list[CourseLink]:
    return course_links(HUB, REPO, course=course, branch="main")


def test_csv_reads_back_to_the_same_links(course):
    links = _links(course)
    rows = list(csv.DictReader(io.StringIO(format_links(links, "csv"))))
    assert [(r["kind"], r["notebook"], r["title"], r["link"]) for r in rows] == [
        (x.kind, x.path, x.title, x.url) for x in links
    ]


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[tuple[str, str]] = []
        self._href: str | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self._href = dict(attrs)["href"]

    def handle_data(self, data):
        if self._href is not None:
            self.anchors.append((self._href, data))
            self._href = None


def test_html_is_escaped_and_its_links_are_the_real_links(course):
    links = _links(course)
    fragment = format_links(links, "html")
    assert "<best>" not in fragment and "&lt;best&gt;" in fragment
    parser = _Anchors()
    parser.feed(fragment)
    assert parser.anchors == [(x.url, x.title) for x in links]  # & in hrefs unescaped by the parser
    assert "best" not in parser.tags and "script" not in parser.tags


def test_markdown_and_text_list_every_link_under_its_heading(course):
    links = _links(course)
    markdown = format_links(links, "markdown")
    assert markdown.index("## Lessons") < markdown.index(links[0].url) < markdown.index("## Exercises")
    assert all(f"]({x.url})" in markdown for x in links)
    text = format_links(links, "text").splitlines()
    assert all(x.url in text and x.title in text for x in links)
    with pytest.raises(MedialitError, match="Unknown format"):
        format_links(links, "pdf")


def test_markdown_escapes_brackets_in_titles():
    link = CourseLink("lesson", "notebooks/a.ipynb", "Lesson [draft]", "https://h/x")
    assert "- [Lesson \\[draft\\]](https://h/x)" in format_links([link], "markdown")


def test_the_command_writes_a_file_and_reports_how_many(course, tmp_path, capsys):
    out = tmp_path / "links.html"
    args = ["--hub", HUB, "--repo", REPO, "--course", str(course), "--format", "html", "--out", str(out)]
    assert main(args) == 0
    assert "3 links written" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count("<a href=") == 3


def test_the_command_prints_to_the_screen_by_default(course, capsys):
    assert cli_main(["links", "--hub", HUB, "--repo", REPO, "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert out.count("https://hub.example.org/hub/user-redirect/git-pull?") == 3


def test_mistakes_give_one_line_and_exit_2(course, tmp_path, capsys):
    assert cli_main(["links", "--hub", "hub.example.org", "--repo", REPO, "--course", str(course)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("medialit links: The hub address") and "\n" not in err
    assert cli_main(["links", "--hub", HUB, "--repo", REPO, "--course", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err
    out = tmp_path / "no" / "such" / "dir" / "links.txt"
    assert cli_main(["links", "--hub", HUB, "--repo", REPO, "--course", str(course), "--out", str(out)]) == 2
    assert "Cannot write" in capsys.readouterr().err
    assert cli_main(["links", "--hub", HUB]) == 2  # --repo missing: argparse says so


def test_the_command_is_listed_in_medialit_help(capsys):
    assert cli_main(["--help"]) == 0
    assert "links" in capsys.readouterr().out
