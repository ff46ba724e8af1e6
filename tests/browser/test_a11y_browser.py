"""axe-core on every lesson and exercise after Run All: nothing the kit renders has a violation.

axe-core (the npm package pinned in `package.json`, installed on first use into `node_modules/`)
is injected into JupyterLab by Playwright and run on the whole page. A violation counts as the
kit's when its element lies inside a cell's output (`.jp-OutputArea-output`: everything there is
drawn by a kit call; the widgets' controls are ipywidgets' elements the kit chose) or inside a
rendered markdown cell (the lesson's own text, headings and links), except the buttons and anchor
links JupyterLab adds to every markdown heading; everything else is JupyterLab's own page,
reported and never failed on. The widget notebook is checked a
second time after each widget's buttons were pressed, so feedback boxes, lists and charts are
checked too.

The counts per notebook go to `artifacts/a11y.md` and are printed at the end of the run;
`benchmarks/bench_a11y.py` runs this module alone and prints the whole table.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from collections import Counter

import nbformat
import pytest
from conftest import ARTIFACTS, HERE, IN_CI, ROOT, notebook_paths, open_notebook, run_all

pytestmark = pytest.mark.browser

AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
NOTEBOOKS = [
    p.relative_to(ROOT).as_posix()
    for folder in ("notebooks", "exercises")
    for p in notebook_paths(ROOT / folder)
]
ALL_WIDGETS = "tests/notebooks/all_widgets.ipynb"

# Every rule, every impact (minor to critical); only "violations" (not "needs review").
AXE_RUN = """async () => {
    // what JupyterLab adds to a rendered markdown heading (collapse button, "¶" anchor link)
    const JUPYTERLAB_OWN = '.jp-collapseHeadingButton, .jp-InternalAnchorLink';
    const result = await axe.run(document, {elementRef: true, resultTypes: ['violations']});
    const found = [];
    for (const rule of result.violations) {
        for (const node of rule.nodes) {
            const el = node.element;
            found.push({
                rule: rule.id,
                impact: rule.impact,
                kit: Boolean(el && el.closest && (el.closest('.jp-OutputArea-output') || (
                    el.closest('.jp-RenderedMarkdown') && !el.closest(JUPYTERLAB_OWN)))),
                html: (node.html || '').slice(0, 300),
                why: (node.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300),
            });
        }
    }
    return {version: axe.version, found};
}"""

RESULTS: dict[str, dict] = {}


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe.min.js, installed with npm (pinned by package-lock.json) on first use.

    Every pytest-xdist worker may ask at once: ``npm ci`` empties ``node_modules`` first, so one
    worker installs under a lock while the others wait, then find the file there."""
    with open(HERE / ".axe-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _install_axe()
    return AXE.read_text(encoding="utf-8")


def _install_axe() -> None:
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            message = "npm is needed to install axe-core for the accessibility tests"
            if IN_CI:
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "npm_config_update_notifier": "false"},
        )
        if done.returncode != 0 or not AXE.exists():
            message = f"`npm ci` in tests/browser failed:\n{done.stderr[-2000:]}"
            if IN_CI:
                pytest.fail(message, pytrace=False)
            pytest.skip(message)


@pytest.fixture(scope="module", autouse=True)
def summary(pytestconfig):
    """Write and print the table of counts once the module has run."""
    yield
    if not RESULTS:
        return
    version = next(iter(RESULTS.values()))["version"]
    lines = [
        f"# axe-core {version} after Run All: violations (elements) in what the kit renders / in JupyterLab",
        "",
        "| notebook | kit | kit's rules | JupyterLab | JupyterLab's rules (elements) |",
        "|---|---:|---|---:|---|",
    ]

    def rules(found: list[dict]) -> tuple[int, str]:
        counts = Counter(f"{f['rule']} ({f['impact']})" for f in found)
        return len(found), ", ".join(f"{rule} ×{n}" for rule, n in sorted(counts.items()))

    for name, res in RESULTS.items():
        kit, kit_rules = rules([f for f in res["found"] if f["kit"]])
        lab, lab_rules = rules([f for f in res["found"] if not f["kit"]])
        lines.append(f"| {name} | {kit} | {kit_rules} | {lab} | {lab_rules} |")
    examples: dict[str, str] = {}
    for res in RESULTS.values():
        for f in res["found"]:
            examples.setdefault(f"{f['rule']} ({'kit' if f['kit'] else 'JupyterLab'})", f["html"][:160])
    lines += ["", "One element per rule:", ""]
    lines += [f"- {rule}: `{html}`" for rule, html in sorted(examples.items())]
    text = "\n".join(lines) + "\n"
    ARTIFACTS.mkdir(exist_ok=True)
    # one file per process: under xdist the notebooks may be shared out between workers (with
    # pytest 9.2, `--dist loadgroup` no longer keeps the browser tests together: pytest-xdist #1386)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    (ARTIFACTS / (f"a11y-{worker}.md" if worker else "a11y.md")).write_text(text, encoding="utf-8")
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        for line in lines:
            reporter.write_line(line)


def check_page(page, axe_script: str, name: str) -> None:
    page.add_script_tag(content=axe_script)
    result = page.evaluate(AXE_RUN)
    RESULTS[name] = result
    kit = [f for f in result["found"] if f["kit"]]
    assert kit == [], f"{name}: axe finds {len(kit)} problem(s) in what the kit renders:\n" + "\n".join(
        f"  {f['rule']} ({f['impact']}): {f['html']}\n    {f['why']}" for f in kit
    )


def has_code(path: str) -> bool:
    nb = nbformat.read(ROOT / path, as_version=4)
    return any(cell.cell_type == "code" and cell.source.strip() for cell in nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_axe_finds_nothing_in_what_the_kit_renders(page, jupyter_server, axe_script, path):
    open_notebook(page, jupyter_server, path)
    if has_code(path):  # the glossary is prose only
        run_all(page)
    check_page(page, axe_script, path)


def test_axe_finds_nothing_in_the_widgets_feedback_and_charts(page, jupyter_server, axe_script):
    """Every widget's buttons pressed once (feedback, record lists, answers, charts on show)."""
    open_notebook(page, jupyter_server, ALL_WIDGETS)
    run_all(page)
    # before anything is pressed: the feedback areas are already live regions (a region added
    # together with its text is not reliably announced), and the widget headings follow the outline
    feedback = page.evaluate(
        "() => [...document.querySelectorAll('.medialit-feedback')]"
        ".map(el => [el.getAttribute('aria-live'), el.innerText.trim()])"
    )
    assert len(feedback) == 7 and all(f == ["polite", ""] for f in feedback), feedback
    levels = page.evaluate(
        "() => [...document.querySelectorAll('.medialit-frame-check .medialit-heading')]"
        ".map(el => el.getAttribute('aria-level'))"
    )
    assert levels == ["3"] * 5  # under the notebook's "## 4. Frame check …"
    page.locator(".medialit-highlighter .medialit-words button").nth(2).click()
    for kind, names in {
        "highlighter": ["Add selection", "Check"],
        "quote-tracker": ["Check", "Who gets to speak"],
        "frame-check": ["Compare"],
        "label-lens": ["Check"],
        "timeline": ["Check", "Draw timeline"],
    }.items():
        widget = page.locator(f".medialit-{kind}").first
        for name in names:
            widget.get_by_role("button", name=name).click()
    swap = page.locator(".medialit-verb-swap").first
    swap.get_by_role("combobox", name="Sentence").select_option(index=1)
    swap.get_by_role("combobox", name="New verb").select_option(label="claim")
    swap.get_by_role("radio").first.click()
    swap.get_by_role("button", name="Record judgement").click()
    page.locator(".medialit-label-lens select").first.select_option(label="misleading")
    # the last charts are drawn when every figure has arrived
    page.locator(".medialit-timeline figure img").first.wait_for()
    page.locator(".medialit-quote-tracker table").first.wait_for()
    page.locator(".medialit-verb-swap .medialit-feedback .medialit-box").wait_for()
    check_page(page, axe_script, f"{ALL_WIDGETS} (buttons pressed)")
