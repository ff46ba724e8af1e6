"""Names for screen readers: a small front-end piece that puts ARIA attributes on a form's controls.

ipywidgets 8 gives its controls no ARIA attributes (a radio group has no name, a dropdown only its
visible label, an HTML output is not a live region). :class:`Aria` is an invisible anywidget placed
inside a form; in the browser it finds the form's controls by the CSS class each one carries and
sets the attributes listed in :attr:`Aria.rules`, again whenever a control re-renders.

>>> rule("mlf-1", "select", **{"aria-label": "Question 3.1, item 4: option"})
{'cls': 'mlf-1', 'sel': 'select', 'attrs': {'aria-label': 'Question 3.1, item 4: option'}}
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

__all__ = ["Aria", "rule"]

_ESM = """
function apply(root, rules) {
  for (const r of rules) {
    const hosts = [...root.querySelectorAll("." + r.cls)];
    if (root.classList.contains(r.cls)) hosts.unshift(root);
    for (const host of hosts) {
      const targets = r.sel ? host.querySelectorAll(r.sel) : [host];
      for (const node of targets) {
        for (const [name, value] of Object.entries(r.attrs)) {
          if (node.getAttribute(name) !== value) node.setAttribute(name, value);
        }
      }
    }
  }
}

function render({ model, el }) {
  el.style.display = "none";
  let observer = null;
  let tries = 0;
  const run = () => {
    const root = el.closest(".medialit-form") || el.parentElement;
    if (root) apply(root, model.get("rules"));
    return root;
  };
  const start = () => {
    const root = el.isConnected ? run() : null;
    if (!root) {
      if (tries++ < 200) setTimeout(start, 25);
      return;
    }
    observer = new MutationObserver(run);
    observer.observe(root, { childList: true, subtree: true });
  };
  start();
  model.on("change:rules", run);
  return () => observer && observer.disconnect();
}

export default { render };
"""


def rule(cls: str, sel: str = "", **attrs: str) -> dict[str, Any]:
    """One rule: inside each element with class ``cls``, the elements matching ``sel`` (the element
    itself when ``sel`` is empty) get ``attrs``."""
    return {"cls": cls, "sel": sel, "attrs": dict(attrs)}


class Aria(anywidget.AnyWidget):
    """Invisible; sets ARIA attributes on the controls of the form it sits in."""

    _esm = _ESM
    rules = traitlets.List(traitlets.Dict()).tag(sync=True)
