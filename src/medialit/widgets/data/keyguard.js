// medialit's key guard: the front-end half of medialit/widgets/_keyguard.py (read its docstring first).
//
// Rendered as an invisible child of a kit widget's outermost box. Once that box is in the page it
//  1. keeps the keys typed in the widget for the widget: every control that takes focus inside the box
//     carries `data-lm-suppress-shortcuts`, which Lumino (JupyterLab, Notebook 7) honours on the event's
//     target itself; Ctrl/⌘ combinations (save, undo, find) still reach JupyterLab; Escape hands the
//     keys back to the notebook by focusing the widget's cell;
//  2. adds the ARIA that ipywidgets cannot set: radio groups and yes/no button groups named by their
//     visible label, toggle buttons saying whether they are pressed, feedback regions (class
//     `medialit-live`) announced when they change, headings (class `medialit-heading`) one level
//     below the notebook heading above the widget.
// It only adds attributes, and removes only `data-lm-suppress-shortcuts` for the Ctrl/⌘ keystroke
// that must reach JupyterLab (it comes back right after).

const SUPPRESS = "data-lm-suppress-shortcuts";
const GUARDED = "data-medialit-keys";
let counter = 0;

function keep(target) {
  if (target instanceof Element) target.setAttribute(SUPPRESS, "true");
}

function onFocusIn(event) {
  keep(event.target);
}

function onKeyDown(event) {
  const target = event.target;
  if (!(target instanceof Element)) return;
  if (event.ctrlKey || event.metaKey) {
    // Ctrl+S, Ctrl+Z, Ctrl+F …: JupyterLab's (listening on the document, it sees the key after us)
    target.removeAttribute(SUPPRESS);
    setTimeout(() => keep(target), 0);
    return;
  }
  keep(target);
  if (event.key === "Escape" && !event.shiftKey && !event.altKey) {
    const cell = event.currentTarget.closest(".jp-Cell");
    if (cell) {
      cell.focus();
      event.preventDefault();
    }
  }
}

function idOf(node) {
  if (!node.id) node.id = `medialit-a11y-${Date.now().toString(36)}-${++counter}`;
  return node.id;
}

function nameGroup(group, role) {
  const label = group.parentElement?.querySelector(":scope > .widget-label");
  if (group.getAttribute("role") !== role) group.setAttribute("role", role);
  if (label && label.style.display !== "none" && label.textContent.trim()) {
    const id = idOf(label);
    if (group.getAttribute("aria-labelledby") !== id) group.setAttribute("aria-labelledby", id);
  }
}

function outlineLevel(node) {
  // the level of the last notebook heading before this widget (JupyterLab keeps every cell in the page
  // unless windowing is "full"; without one found, level 2 is assumed)
  const scope = node.closest(".jp-Notebook") || document;
  const headings = scope.querySelectorAll(
    ".jp-MarkdownOutput h1, .jp-MarkdownOutput h2, .jp-MarkdownOutput h3," +
      " .jp-MarkdownOutput h4, .jp-MarkdownOutput h5, .jp-MarkdownOutput h6",
  );
  let level = 2;
  for (const h of headings) {
    if (h.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) level = Number(h.tagName[1]);
    else break;
  }
  return level;
}

function enhance(root) {
  for (const box of root.querySelectorAll(".widget-radio-box")) nameGroup(box, "radiogroup");
  for (const group of root.querySelectorAll(".widget-toggle-buttons > div")) nameGroup(group, "group");
  for (const button of root.querySelectorAll("button.widget-toggle-button, .widget-toggle-buttons button")) {
    const pressed = String(button.classList.contains("mod-active"));
    if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
  }
  for (const live of root.querySelectorAll(".medialit-live")) {
    if (live.getAttribute("aria-live") !== "polite") live.setAttribute("aria-live", "polite");
  }
  const headings = root.querySelectorAll(".medialit-heading");
  if (headings.length) {
    const level = String(Math.min(outlineLevel(root) + 1, 6));
    for (const h of headings) {
      if (h.getAttribute("role") !== "heading") h.setAttribute("role", "heading");
      if (h.getAttribute("aria-level") !== level) h.setAttribute("aria-level", level);
    }
  }
}

function guard(region) {
  if (region.hasAttribute(GUARDED)) return () => {};
  region.setAttribute(GUARDED, "guarded");
  region.addEventListener("focusin", onFocusIn, true);
  region.addEventListener("keydown", onKeyDown, true);
  enhance(region);
  const observer = new MutationObserver(() => enhance(region));
  observer.observe(region, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  return () => {
    observer.disconnect();
    region.removeEventListener("focusin", onFocusIn, true);
    region.removeEventListener("keydown", onKeyDown, true);
    region.removeAttribute(GUARDED);
  };
}

function render({ el }) {
  // ipywidgets puts this view's element into the box after render(): wait until it is there
  let stop = () => {};
  let frames = 0;
  let handle = 0;
  const look = () => {
    if (el.parentElement) stop = guard(el.parentElement);
    else if (frames++ < 600) handle = requestAnimationFrame(look);
  };
  look();
  return () => {
    cancelAnimationFrame(handle);
    stop();
  };
}

export default { render };
