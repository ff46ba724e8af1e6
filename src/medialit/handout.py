"""``medialit handout NOTEBOOK [--out DIR]``: a lesson as a clean, printable HTML page.

The lesson is run first (so its tables and charts appear), then written without code cells,
without prompts, without widget placeholders and without warnings, to ``handouts/<name>.html``.
A cell tagged ``no-handout`` is left out entirely.

>>> main(["--help"])  # doctest: +ELLIPSIS
usage: medialit handout ...
0
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._cli import command
from .answers import ANSWER_MIME
from .errors import MedialitError
from .widgets._common import NOTE_MIME

if TYPE_CHECKING:
    import nbformat

__all__ = ["SKIP_TAG", "clean_outputs", "main", "make_handout", "read_lesson"]

SKIP_TAG = "no-handout"
_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_DROP_MIMES = {_WIDGET_MIME, ANSWER_MIME, NOTE_MIME}


def read_lesson(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook file, with errors a teacher can act on.

    >>> read_lesson("no/such/lesson.ipynb")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: Notebook not found: no/such/lesson.ipynb. ...
    """
    import nbformat

    path = Path(path)
    if not path.exists():
        raise MedialitError(
            f"Notebook not found: {path}.",
            hint="Give the path of a lesson, for example notebooks/04_framing.ipynb.",
        )
    if path.is_dir():
        raise MedialitError(f"{path} is a folder, not a notebook.", hint="Give the path of one .ipynb file.")
    if path.suffix.lower() != ".ipynb":
        raise MedialitError(
            f"{path} is not a Jupyter notebook (its name does not end in .ipynb).",
            hint="Give the path of a lesson, for example notebooks/04_framing.ipynb.",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise MedialitError(
            f"{path} is not a text file, so it cannot be a notebook.",
            hint="Check that you chose the right file.",
        ) from None
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several types for broken files
        raise MedialitError(
            f"{path} is not a valid notebook ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}).",
            hint="Open it in JupyterLab to check it, or take a fresh copy of the lesson.",
        ) from None
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        raise MedialitError(
            f"{path} is not a valid notebook: {exc.message}.",
            hint="Open it in JupyterLab and save it again, or take a fresh copy of the lesson.",
        ) from None
    return nb


def _is_widget_only(output: dict[str, Any]) -> bool:
    data = output.get("data", {})
    return bool(set(data) & _DROP_MIMES)


def clean_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what a printed page cannot show: widgets, saved-answer records, warnings, skipped cells.

    Returns the same notebook, changed (it is a private copy made by ``make_handout``).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w", outputs=[
    ...     nbformat.v4.new_output("display_data", data={
    ...         "text/plain": "HBox()", "application/vnd.jupyter.widget-view+json": {"model_id": "1"}}),
    ...     nbformat.v4.new_output("stream", name="stderr", text="UserWarning"),
    ...     nbformat.v4.new_output("stream", name="stdout", text="kept")])])
    >>> [o.get("text") for o in clean_outputs(nb).cells[0].outputs]
    ['kept']
    """
    cells = []
    for cell in nb.cells:
        if SKIP_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.outputs
                if not (o.output_type == "stream" and o.get("name") == "stderr")
                and not (o.output_type in ("display_data", "execute_result") and _is_widget_only(o))
            ]
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def _execute(nb: nbformat.NotebookNode, *, name: str, timeout: int) -> None:
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    # Run in an empty folder, so that widgets saving answers do not write beside the lesson.
    with tempfile.TemporaryDirectory(prefix="medialit-handout-") as cwd:
        client = NotebookClient(
            nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": cwd}}
        )
        try:
            client.execute(stderr=subprocess.DEVNULL)  # hide the kernel's start-up warnings
        except CellExecutionError as exc:
            failed = next(
                (
                    i
                    for i, c in enumerate(nb.cells, start=1)
                    if c.cell_type == "code" and any(o.output_type == "error" for o in c.get("outputs", []))
                ),
                None,
            )
            where = f"cell {failed}" if failed else "a cell"
            raise MedialitError(
                f"{name}: {where} failed while the lesson was run ({exc.ename}: {exc.evalue}).",
                hint="Run the lesson in JupyterLab to see the problem, or use --no-execute "
                "to make the handout from the outputs saved in the file.",
            ) from None
        except CellTimeoutError:
            raise MedialitError(
                f"{name}: a cell took longer than {timeout} seconds.",
                hint="Use a larger --timeout, or --no-execute.",
            ) from None
        except DeadKernelError:
            raise MedialitError(
                f"{name}: the Python kernel stopped while the lesson was run.",
                hint="Close other programs to free memory and try again.",
            ) from None
        except NoSuchKernel:
            raise MedialitError(
                "No Python kernel is installed for Jupyter.",
                hint="Run 'make install' (or: python -m ipykernel install --user).",
            ) from None


def make_handout(
    notebook: str | Path, *, out: str | Path = "handouts", execute: bool = True, timeout: int = 300
) -> Path:
    """Write ``<out>/<lesson name>.html`` for a lesson notebook and return its path.

    With ``execute=False`` the outputs already saved in the notebook are used (our lessons are
    committed without outputs, so their handouts then have no charts).
    """
    from nbconvert import HTMLExporter

    path = Path(notebook)
    nb = read_lesson(path)
    if execute:
        _execute(nb, name=str(path), timeout=timeout)
    nb = clean_outputs(nb)
    title = next(
        (
            line.lstrip("#").strip()
            for cell in nb.cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("# ")
        ),
        path.stem.replace("_", " "),
    )
    nb.metadata["title"] = title
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise MedialitError(
            f"Could not write the handout into {out_dir}: {exc.strerror or exc}.",
            hint="Choose another folder with --out.",
        ) from None
    return target


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit handout",
        description="Turn a lesson notebook into a printable HTML page, without code cells.",
    )
    parser.add_argument("notebook", metavar="NOTEBOOK", help="the lesson, e.g. notebooks/04_framing.ipynb")
    parser.add_argument(
        "--out", metavar="DIR", default="handouts", help="folder for the page (default: handouts)"
    )
    parser.add_argument(
        "--no-execute",
        action="store_true",
        help="use the outputs saved in the notebook instead of running it",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=int,
        default=300,
        help="longest time one cell may run (default: 300)",
    )
    return parser


@command("handout")
def main(argv: list[str]) -> int:
    """``medialit handout``: returns 0 when the handout was written, 2 for bad input."""
    args = _parser().parse_args(argv)
    target = make_handout(args.notebook, out=args.out, execute=not args.no_execute, timeout=args.timeout)
    print(f"Handout written: {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
