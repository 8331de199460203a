"""The page at ``/``: a form to paste text or a URL, or upload a file.

A plain form posted to ``/report``, so it works without script; the answer
is the same self-contained HTML report the CLI writes with ``--format html``,
with the links a served report adds (:func:`served_links`): check another,
download the JSON, open each stored source.

The one script, :data:`PAGE_SCRIPT`, is served from ``/page.js`` (same
origin, so a ``script-src 'self'`` policy allows it) and only shows progress
while the browser waits: the first request loads the models and takes
seconds. The page's policy (:data:`FORM_POLICY`, sent as a header and
repeated in a meta tag) forbids every other script.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from unspin.report.escaping import escape_untrusted as escape
from unspin.report.html_report import ReportLinks

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:1.5rem;color:#1d1d1f}
h1{font-size:1.5rem;margin-bottom:.2rem}p.lead{color:#555;margin-top:0}
form{display:grid;grid-template-columns:1fr 1fr;gap:1.2rem}
fieldset{border:1px solid #ddd;border-radius:6px;padding:.8rem}legend{font-weight:600}
label{display:block;font-size:.85rem;color:#555;margin-top:.5rem}
textarea{width:100%;min-height:16rem;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
input[type=url]{width:100%;box-sizing:border-box}
.actions{grid-column:1/-1;display:flex;gap:1rem;align-items:center}button{font-size:1rem;padding:.5rem 1.4rem}
.error{grid-column:1/-1;background:#fdecea;border:1px solid #c62828;padding:.6rem;border-radius:4px}
#progress{display:flex;gap:.7rem;align-items:center;color:#444}#progress[hidden]{display:none}
#progress .track{width:12rem;height:.5rem;border-radius:.25rem;background:#e6e6e6;overflow:hidden;position:relative}
#progress .track span{position:absolute;left:-40%;width:40%;height:100%;background:#00838f;border-radius:.25rem;
animation:slide 1.2s ease-in-out infinite}
@keyframes slide{to{left:100%}}
@media (prefers-reduced-motion:reduce){#progress .track span{animation:none;left:0;width:100%;opacity:.4}}
@media (max-width:760px){form{grid-template-columns:1fr}}
"""

FORM_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
"""The form page's Content-Security-Policy: its inline style, and script from its own origin only."""

PAGE_SCRIPT = """\
// unspin: show progress while the report is computed; the form posts as usual.
"use strict";
(function () {
  var form = document.getElementById("check");
  var progress = document.getElementById("progress");
  var elapsed = document.getElementById("elapsed");
  var button = document.getElementById("submit");
  if (!form || !progress) { return; }
  form.addEventListener("submit", function () {
    var started = Date.now();
    progress.hidden = false;
    button.disabled = true;
    setInterval(function () {
      elapsed.textContent = Math.round((Date.now() - started) / 1000) + " s";
    }, 500);
  });
  // Back from a report (bfcache): the form is usable again.
  window.addEventListener("pageshow", function () { progress.hidden = true; button.disabled = false; });
})();
"""


def _side(name: str, legend: str, hint: str) -> str:
    return (
        f"<fieldset><legend>{legend}</legend><p>{hint}</p>"
        f'<label for="text_{name}">Paste text or HTML</label><textarea id="text_{name}" name="text_{name}"></textarea>'
        f'<label for="url_{name}">or a URL</label><input type="url" id="url_{name}" name="url_{name}" placeholder="https://">'
        f'<label for="file_{name}">or a file (.txt, .html)</label>'
        f'<input type="file" id="file_{name}" name="file_{name}" accept=".txt,.html,.htm,text/plain,text/html">'
        "</fieldset>"
    )


def alerts_section(alerts: Sequence[dict[str, Any]]) -> str:
    """Recent watch alerts (``GET /api/alerts``), each page with the stored sources it reuses; escaped."""
    if not alerts:
        return ""
    items = []
    for alert in alerts:
        sources = ", ".join(
            f"{escape(str(s.get('title') or s.get('url') or s.get('id')))} ({float(s.get('coverage') or 0):.0%})"
            for s in alert.get("sources", [])
        )
        title = escape(str(alert.get("title") or alert.get("url") or ""))
        url = str(alert.get("url") or "")
        link = f'<a href="{escape(url)}" rel="noopener noreferrer">{title}</a>' if url.startswith(("http://", "https://")) else title
        items.append(f"<li>{link} reuses {sources}</li>")
    return f'<section id="alerts"><h2>Recent alerts</h2><ul>{"".join(items)}</ul></section>'


def form_page(articles: int, error: str | None = None, alerts: Sequence[dict[str, Any]] = ()) -> str:
    """The form; ``error`` (escaped) is shown above it after a failed submit."""
    notice = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f'<meta http-equiv="Content-Security-Policy" content="{FORM_POLICY.split("; frame-ancestors")[0]}">'
        f"<title>unspin</title><style>{_STYLE}</style><script src=\"/page.js\" defer></script></head><body>"
        "<h1>unspin</h1>"
        "<p class=\"lead\">Where did this article come from, and what was changed on the way? "
        f"Give one article to trace it against the {articles:,} stored articles, or two to compare them.</p>"
        '<form id="check" method="post" action="/report" enctype="multipart/form-data">'
        + notice
        + _side("a", "Article", "The article to check.")
        + _side("b", "Compare with (optional)", "Leave empty to trace the article to its sources in the store.")
        + '<div class="actions"><button type="submit" id="submit">Show report</button>'
        '<div id="progress" role="status" aria-live="polite" hidden><span class="track"><span></span></span>'
        "<span>Checking… the first check loads the models and can take several seconds.</span>"
        '<span id="elapsed"></span></div></div>'
        "</form>" + alerts_section(alerts) + "</body></html>"
    )


def served_links(payload: dict[str, Any], name: str) -> ReportLinks:
    """The links of a served report: back to the form, the JSON as a ``data:`` download, stored articles."""
    data = base64.b64encode(json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")).decode("ascii")
    return ReportLinks(back="/", json=f"data:application/json;base64,{data}", json_name=name, article="/articles/{id}")
