"""``medialit links``: one nbgitpuller link per lesson and exercise set, for a class on a JupyterHub.

A student who clicks a link logs in to the hub; nbgitpuller copies the course repository into the
student's home folder (or brings an existing copy up to date without overwriting the student's
changes) and opens that notebook in JupyterLab. The lessons and sets are whatever notebooks the
course folder holds in ``notebooks/`` and ``exercises/``, so the same command serves any copy of
the course.

>>> link = pull_link("https://hub.example.org", "https://github.com/school/course",
...                  "notebooks/00_start_here.ipynb")
>>> print(link.replace("&", "\\n&"))
https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fschool%2Fcourse
&targetpath=course
&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00_start_here.ipynb
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

from ._cli import command
from ._safe_csv import safe_writer
from .errors import MedialitError

__all__ = [
    "FORMATS",
    "CourseLink",
    "course_links",
    "course_notebooks",
    "folder_name",
    "format_links",
    "hub_base",
    "main",
    "pull_link",
    "repo_url",
]

# Which folders of a course hold what students open, and what each kind is called.
KINDS: dict[str, tuple[str, str]] = {
    "lesson": ("notebooks", "Lessons"),
    "exercise": ("exercises", "Exercises"),
}
FORMATS = ("text", "markdown", "csv", "html")

_HUB_EXAMPLE = "https://hub.myschool.org"
_REPO_EXAMPLE = "https://github.com/myschool/medialit-course"
_SCP_LIKE = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$")  # git@github.com:school/course.git
_REPO_SCHEMES = {"https", "http", "ssh", "git", "file"}


@dataclass(frozen=True)
class CourseLink:
    """One notebook of the course and the link that opens it on the hub."""

    kind: str  # "lesson" or "exercise"
    path: str  # inside the course, with forward slashes: "notebooks/00_start_here.ipynb"
    title: str
    url: str


def hub_base(url: str) -> str:
    """The hub's address, checked and ending in ``/``; pages of the hub itself are cut back to it.

    >>> hub_base("https://hub.example.org")
    'https://hub.example.org/'
    >>> hub_base("https://school.example.org/jupyter/hub/login?next=")   # a page copied from the browser
    'https://school.example.org/jupyter/'
    >>> hub_base("hub.example.org")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: The hub address 'hub.example.org' does not start with https:// ...
    """
    text = (url or "").strip()
    if not text:
        raise MedialitError(
            "The hub address is empty.", hint=f"Give the address of your hub, like {_HUB_EXAMPLE}."
        )
    if any(ch.isspace() for ch in text):
        raise MedialitError(
            f"The hub address {text!r} contains a space.",
            hint=f"Copy the address from the browser's address bar, like {_HUB_EXAMPLE}.",
        )
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise MedialitError(
            f"The hub address {text!r} does not start with https:// (or http://).",
            hint=f"Give the full address, like {_HUB_EXAMPLE}.",
        )
    if parts.username or parts.password:
        raise MedialitError(
            f"The hub address {text!r} contains a user name or password.",
            hint="Leave them out: students log in on the hub's own page.",
        )
    try:
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise MedialitError(
            f"The hub address {text!r} has a port that is not a number.",
            hint=f"Check the part after the colon, like {_HUB_EXAMPLE}:8000.",
        ) from None
    path = parts.path
    # A teacher often copies the address of a page of the hub (/hub/login, /user/ana/lab ...):
    # the hub's base is what comes before /hub/ or /user/.
    match = re.search(r"/(hub|user)(/|$)", path)
    if match:
        path = path[: match.start()]
    path = path.rstrip("/") + "/"
    return f"{parts.scheme.lower()}://{parts.netloc}{path}"


def repo_url(url: str) -> str:
    """The course repository's address, checked (https, ssh, git@host:path, file:// or an absolute path).

    >>> repo_url("https://github.com/school/course.git")
    'https://github.com/school/course.git'
    >>> repo_url("https://github.com/school/course/tree/main/notebooks")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: 'https://github.com/school/course/tree/main/notebooks' is the address ...
    """
    text = (url or "").strip()
    example = f"like {_REPO_EXAMPLE}"
    if not text:
        raise MedialitError("The course repository's address is empty.", hint=f"Give it {example}.")
    if any(ch.isspace() for ch in text):
        raise MedialitError(
            f"The repository address {text!r} contains a space.", hint=f"Give the address {example}."
        )
    if _SCP_LIKE.match(text) or text.startswith("/"):
        return text
    parts = urlsplit(text)
    if parts.scheme.lower() not in _REPO_SCHEMES or not (parts.netloc or parts.scheme.lower() == "file"):
        raise MedialitError(
            f"{text!r} is not the address of a git repository.",
            hint=f"Give the address students' servers can clone, {example}.",
        )
    if re.search(r"/(tree|blob|-/tree|-/blob|src)/", parts.path):
        raise MedialitError(
            f"{text!r} is the address of a folder or file inside a repository, not of the repository.",
            hint=f"Give the repository itself, {example}; the links choose each notebook.",
        )
    if parts.query or parts.fragment:
        raise MedialitError(
            f"The repository address {text!r} has a '?' or '#' part.", hint=f"Leave it out: {example}."
        )
    return text


def folder_name(repo: str) -> str:
    """The folder students get the course in: the repository's name without ``.git``.

    >>> folder_name("https://github.com/school/medialit-course.git")
    'medialit-course'
    >>> folder_name("git@github.com:school/medialit-course")
    'medialit-course'
    """
    name = re.split(r"[/:]", repo.rstrip("/"))[-1]
    name = name.removesuffix(".git")
    return _check_folder(name or "course")


def _check_folder(name: str) -> str:
    if not name or name in (".", "..") or "/" in name or "\\" in name or name.startswith("."):
        raise MedialitError(
            f"{name!r} cannot be the course's folder name.",
            hint="Choose one plain folder name, like medialit-course.",
        )
    return name


def pull_link(hub: str, repo: str, path: str, *, branch: str | None = None, folder: str | None = None) -> str:
    """The nbgitpuller link that pulls ``repo`` into ``folder`` and opens the course's ``path`` in JupyterLab.

    Each value is percent-encoded as a query value; the notebook's path is encoded as a URL path
    first, because nbgitpuller sends the student's browser to it as it stands.

    >>> pull_link("https://hub.example.org/", "/srv/course", "notebooks/my lesson.ipynb", branch="main")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=%2Fsrv%2Fcourse&branch=main&targetpath=course&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2Fmy%2520lesson.ipynb'
    """
    base, repo = hub_base(hub), repo_url(repo)
    folder = _check_folder(folder) if folder is not None else folder_name(repo)
    params = {"repo": repo}
    if branch:
        if any(ch.isspace() for ch in branch) or branch.startswith("-"):
            raise MedialitError(f"{branch!r} is not a branch name.", hint="Give a branch like main.")
        params["branch"] = branch
    params["targetpath"] = folder
    params["urlpath"] = "lab/tree/" + quote(f"{folder}/{PurePosixPath(path).as_posix()}", safe="/")
    return f"{base}hub/user-redirect/git-pull?{urlencode(params, quote_via=quote, safe='')}"


def _title(path: Path) -> str:
    """The notebook's first markdown heading, or its file name."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            for line in text.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        pass
    return path.stem.replace("_", " ")


def course_notebooks(course: str | Path = ".") -> list[tuple[str, str, str]]:
    """(kind, path inside the course, title) for every lesson and exercise set of a course folder.

    >>> from medialit._paths import data_dir
    >>> rows = course_notebooks(data_dir().parent)   # the repository, in a source checkout
    >>> rows[0]
    ('lesson', 'notebooks/00_start_here.ipynb', 'Lesson 0 · Start here')
    >>> sorted({kind for kind, _, _ in rows})
    ['exercise', 'lesson']
    """
    course = Path(course)
    if not course.is_dir():
        raise MedialitError(
            f"The course folder {course} does not exist.",
            hint="Give the folder that holds notebooks/ and exercises/ with --course.",
        )
    rows = []
    for kind, (folder, _) in KINDS.items():
        for path in sorted((course / folder).glob("*.ipynb")):
            if path.is_file() and not path.name.startswith("."):
                rows.append((kind, f"{folder}/{path.name}", _title(path)))
    if not rows:
        raise MedialitError(
            f"No lessons or exercise sets in {course} (looked for notebooks in notebooks/ and exercises/).",
            hint="Run the command in the course folder, or give it with --course.",
        )
    return rows


def course_links(
    hub: str,
    repo: str,
    *,
    course: str | Path = ".",
    branch: str | None = None,
    folder: str | None = None,
) -> list[CourseLink]:
    """One :class:`CourseLink` per lesson and exercise set of the course folder, in course order.

    >>> from medialit._paths import data_dir
    >>> links = course_links("https://hub.example.org", "https://github.com/school/course",
    ...                      course=data_dir().parent)
    >>> links[0].title, links[0].url.endswith("urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00_start_here.ipynb")
    ('Lesson 0 · Start here', True)
    """
    hub_base(hub)  # check both addresses before reading the course
    repo_url(repo)
    return [
        CourseLink(kind, path, title, pull_link(hub, repo, path, branch=branch, folder=folder))
        for kind, path, title in course_notebooks(course)
    ]


def _groups(links: list[CourseLink]) -> list[tuple[str, list[CourseLink]]]:
    return [(heading, [x for x in links if x.kind == kind]) for kind, (_, heading) in KINDS.items()]


def _md_escape(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def format_links(links: list[CourseLink], fmt: str = "text") -> str:
    """The links as plain text, Markdown, CSV or an HTML fragment (to paste into a course page).

    >>> links = [CourseLink("lesson", "notebooks/a.ipynb", "Lesson <A> & [B]", "https://h/x?a=1&b=2")]
    >>> print(format_links(links, "markdown"))
    ## Lessons
    <BLANKLINE>
    - [Lesson <A> & \\[B\\]](https://h/x?a=1&b=2)
    >>> print(format_links(links, "html"))
    <h2>Lessons</h2>
    <ul>
      <li><a href="https://h/x?a=1&amp;b=2">Lesson &lt;A&gt; &amp; [B]</a></li>
    </ul>
    """
    if fmt not in FORMATS:
        raise MedialitError(f"Unknown format {fmt!r}.", hint="Choose one of: " + ", ".join(FORMATS) + ".")
    if fmt == "csv":
        out = io.StringIO()
        writer = safe_writer(out, lineterminator="\n")  # titles come from notebooks: no formulas
        writer.writerow(["kind", "notebook", "title", "link"])
        writer.writerows([x.kind, x.path, x.title, x.url] for x in links)
        return out.getvalue().rstrip("\n")
    blocks = []
    for heading, group in _groups(links):
        if not group:
            continue
        if fmt == "markdown":
            items = "\n".join(f"- [{_md_escape(x.title)}]({x.url})" for x in group)
            blocks.append(f"## {heading}\n\n{items}")
        elif fmt == "html":
            items = "\n".join(
                f'  <li><a href="{html.escape(x.url)}">{html.escape(x.title)}</a></li>' for x in group
            )
            blocks.append(f"<h2>{html.escape(heading)}</h2>\n<ul>\n{items}\n</ul>")
        else:
            blocks.append(f"{heading}\n\n" + "\n\n".join(f"{x.title}\n{x.url}" for x in group))
    return "\n\n".join(blocks)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit links",
        description="Print an nbgitpuller link for each lesson and exercise set: a student who clicks "
        "one logs in to the hub, gets the course (or its updates) and lands on that notebook.",
        epilog=f"Example: medialit links --hub {_HUB_EXAMPLE} --repo {_REPO_EXAMPLE} --format html "
        "--out links.html",
    )
    parser.add_argument("--hub", required=True, help=f"the hub's address, like {_HUB_EXAMPLE}")
    parser.add_argument(
        "--repo", required=True, help=f"the course repository students' servers clone, like {_REPO_EXAMPLE}"
    )
    parser.add_argument("--branch", help="the branch to pull (default: the repository's default branch)")
    parser.add_argument(
        "--course",
        default=".",
        type=Path,
        help="the course folder whose notebooks/ and exercises/ are listed (default: this folder)",
    )
    parser.add_argument(
        "--folder", help="the folder name students get the course in (default: the repository's name)"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--out", type=Path, help="write to this file instead of the screen")
    return parser


@command("links")
def main(argv: list[str]) -> int:
    """``medialit links``: print (or write) the links; 0 when done, 2 for bad input.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     main(["--hub", "hub.example.org", "--repo", "https://github.com/school/course"])
    2
    >>> err.getvalue()[:69]
    "medialit links: The hub address 'hub.example.org' does not start with"
    """
    args = _parser().parse_args(argv)
    links = course_links(args.hub, args.repo, course=args.course, branch=args.branch, folder=args.folder)
    text = format_links(links, args.format) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise MedialitError(
            f"Cannot write {args.out}: {exc.strerror}.", hint="Choose a file in a folder you can write to."
        ) from None
    print(f"{len(links)} links written to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
