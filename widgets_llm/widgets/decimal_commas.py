"""Decimal commas on the charts' axes for a Spanish reader, wherever the page is shown.

bqplot formats its axis ticks in the browser with the d3 it bundles, which has no way to choose
the locale: a Spanish page showed ``0.5`` beside ``1,2 GB``. This invisible widget, placed in
every component that draws a chart, watches its page and rewrites the tick labels inside a
Spanish component (class ``wllm-lang-es``, which every component carries) after each redraw.

It is an anywidget: its few lines of JavaScript travel with the widget and run the same way in
Voilà, JupyterLab, Jupyter Notebook, VS Code and Colab (each output of Colab is its own page,
so each installs its own watcher). Nothing is fetched from another host.
"""

from __future__ import annotations

import anywidget

#: The browser side. One watcher per page, whatever the number of charts; a redraw burst is
#: handled once, at the next frame (``requestAnimationFrame`` also pauses it in a hidden tab).
#: A tick is rewritten only when it is a plain decimal number (``-0.25``, ``1.5e-4``).
_ESM = r"""
const DECIMAL = /^[-\u2212]?\d+\.\d+(e[-\u2212+]?\d+)?$/;

function useCommas(doc) {
  doc.querySelectorAll(".wllm-lang-es .bqplot .tick text").forEach((node) => {
    if (DECIMAL.test(node.textContent)) {
      node.textContent = node.textContent.replace(".", ",");
    }
  });
}

function render({ el }) {
  const doc = el.ownerDocument;
  const page = doc.defaultView;
  if (page.__wllmDecimalCommas) return;
  page.__wllmDecimalCommas = true;
  let pending = false;
  new page.MutationObserver(() => {
    if (pending) return;
    pending = true;
    page.requestAnimationFrame(() => {
      pending = false;
      useCommas(doc);
    });
  }).observe(doc.documentElement, { subtree: true, childList: true, characterData: true });
  useCommas(doc);
}

export default { render };
"""


class DecimalCommas(anywidget.AnyWidget):
    """Rewrites the decimal points of chart ticks in Spanish components as commas (invisible).

    Each chart component holds one; the first view shown on a page installs its watcher."""

    _esm = _ESM

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"


__all__ = ["DecimalCommas"]
