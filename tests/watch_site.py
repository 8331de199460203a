"""A small news site on 127.0.0.1 for the watch tests and benchmark: feeds, sitemaps, pages.

Threaded, so a slow page does not hold the others up. Every resource has an
ETag and answers If-None-Match with 304; every request is logged as
``(path, status)`` so a test can count what a pass fetched. The articles
are our own writing.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html import escape

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Site:
    """What the server serves; tests change ``pages`` between passes."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    special: dict[str, Handler] = field(default_factory=dict)
    log: list[tuple[str, int]] = field(default_factory=list)
    agents: list[tuple[str, str, float]] = field(default_factory=list)
    """``(path, User-Agent, time.monotonic())`` of each request, in arrival order."""
    base: str = ""

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.pages[path] = (content_type, body.encode("utf-8") if isinstance(body, str) else body)

    def requests(self, prefix: str = "/") -> list[tuple[str, int]]:
        return [(path, status) for path, status in self.log if path.startswith(prefix)]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            path = self.path.split("?", 1)[0]
            site.agents.append((path, self.headers.get("User-Agent", ""), time.monotonic()))
            if path in site.special:
                site.log.append((path, 200))
                site.special[path](self)
                return
            if path not in site.pages:
                self._answer(404, b"not found", "text/plain")
                return
            content_type, body = site.pages[path]
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._answer(304, b"", content_type, etag)
                return
            self._answer(200, body, content_type, etag)

        def _answer(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
            site.log.append((self.path.split("?", 1)[0], status))
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            if status != 304:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve ``site`` on a free port of 127.0.0.1 until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def article_html(title: str, paragraphs: list[str], site_name: str = "Harbour Gazette", date: str = "2026-11-02") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta property="og:site_name" content="{escape(site_name)}">'
        f'<meta property="article:published_time" content="{date}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Harbour Gazette, all rights reserved.</footer></body></html>"
    )


def rss(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in paths)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{base}/</link><description>News</description>{items}</channel></rss>"
    )


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(
        f'<entry><title>{p}</title><id>{base}{p}</id><link rel="alternate" href="{base}{p}"/></entry>' for p in paths
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        f'<link rel="self" href="{base}/atom.xml"/>{entries}</feed>'
    )


def sitemap(base: str, paths: list[str], news: bool = False) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    extra = "<news:news><news:title>t</news:title></news:news>" if news else ""
    urls = "".join(f"<url><loc>{base}{p}</loc>{extra}</url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{urls}</urlset>'


def sitemap_index(base: str, paths: list[str]) -> str:
    maps = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'


def slow(seconds: float, then: bytes = b"<html><body><p>late</p></body></html>") -> Handler:
    """A page that waits ``seconds`` before answering."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", str(len(then)))
            request.end_headers()
            request.wfile.write(then)
        except OSError:  # the client gave up waiting, as it should
            pass

    return handle


def trickle(total_s: float) -> Handler:
    """A page whose bytes come one at a time over ``total_s`` seconds (alive, but too slow)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        body = b"<html><body>" + b"x" * 40 + b"</body></html>"
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        try:
            for byte in body:
                request.wfile.write(bytes([byte]))
                request.wfile.flush()
                time.sleep(total_s / len(body))
        except OSError:
            pass

    return handle


def cut_off(data: bytes, keep: int) -> Handler:
    """Announce all of ``data`` but send only ``keep`` bytes, then drop the connection."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/warc")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data[:keep])
        request.wfile.flush()
        request.close_connection = True

    return handle


ARTICLES: dict[str, tuple[str, list[str]]] = {
    "/news/ferry.html": ("Night ferry returns to the northern route", [
        "The night ferry between Calder Bay and the northern islands will sail again from March, the operator said on Monday.",
        "The service was suspended two winters ago after a dispute over crew rosters and the cost of fuel.",
        "Islanders had campaigned for its return, saying the morning boat left them stranded for hospital appointments.",
        "The operator expects to carry about forty thousand passengers in the first year.",
        "Tickets will cost the same as on the day sailings, and cabins can be booked from next week.",
    ]),
    "/news/library.html": ("Old customs house to become a public library", [
        "The old customs house on Quay Street will reopen as a public library in the autumn of next year.",
        "Builders found the original timber roof in good condition, which kept the cost of the work down.",
        "The reading room will keep its tall windows and the brass weighing scales that once stood by the door.",
        "Librarians plan a local history collection built from donated letters, ledgers and photographs.",
        "The council said opening hours would run late on Thursdays to suit people who work shifts at the port.",
    ]),
    "/news/orchard.html": ("Apple growers count the cost of a wet summer", [
        "Apple growers in the Vell valley say a wet summer has cut this year's harvest by nearly a third.",
        "Rain during flowering kept bees in their hives, and fewer blossoms were pollinated as a result.",
        "Several orchards have turned to cider makers, who will take fruit that supermarkets refuse.",
        "The growers' association has asked for a delay on loan repayments until next season.",
        "Older growers recall a similar year in the nineteen eighties, when many small farms closed.",
    ]),
    "/news/choir.html": ("Dockworkers' choir wins national prize", [
        "A choir of retired dockworkers has won the national amateur singing prize at its first attempt.",
        "The forty singers performed three sea shanties and a hymn written by their conductor's grandfather.",
        "The judges praised the choir's timing and the warmth of its lower voices.",
        "The prize money will pay for a new piano in the community hall where the choir rehearses.",
        "Members say they will now record an album and sing at the maritime festival in June.",
    ]),
    "/news/bridge.html": ("Footbridge over the Tarn reopens after repairs", [
        "The iron footbridge over the river Tarn reopened on Saturday after eight months of repairs.",
        "Engineers replaced rusted bolts and laid a new deck made from recycled plastic boards.",
        "Cyclists must now dismount, a rule that some riders have already said they will ignore.",
        "The bridge links the old town with the railway station and carries about six thousand people a day.",
        "A plaque marking its opening in eighteen ninety has been cleaned and put back at the eastern end.",
    ]),
    "/news/tram.html": ("City orders twelve new trams", [
        "The city has ordered twelve new low-floor trams to replace its oldest cars on the harbour line.",
        "The trams will be built in a factory two hundred kilometres to the south and delivered over three years.",
        "Wheelchair users have long complained that the old cars have steep steps and narrow doors.",
        "The transport office said timetables would not change while the new trams are tested at night.",
        "The order is the largest the city has placed since the line was electrified.",
    ]),
    "/news/dredging.html": ("Port authority delays dredging of the main channel", [
        "The port authority has delayed the dredging of the main shipping channel until at least next spring.",
        "Officials said the survey of the seabed had found more contaminated silt than expected.",
        "The work was expected to cost about 14 million euros and to take around nine months.",
        "Environmental groups had warned that disturbing the silt could harm the mussel beds near Garn Point.",
        "The authority said it may ask the regional government for help with the extra cost.",
        "Shipping companies fear that larger container vessels could be forced to call at rival ports.",
    ]),
    "/news/water.html": ("Council approves rise in water charges", [
        "The city council has approved a rise of 6 percent in household water charges from April.",
        "The council said the money would pay for replacing cast iron mains laid more than a century ago.",
        "Leaks from the old pipes waste roughly a fifth of the water the city treats each day.",
        "Opposition councillors voted against the rise and said families were already struggling with energy bills.",
        "Households on low incomes will be able to apply for a reduced tariff under a scheme starting in June.",
        "The water company expects the replacement work to take about fifteen years.",
    ]),
}

FARM_PAGE = ("Shock as port and council hit residents again", [
    "The port authority has cancelled the dredging of the main shipping channel indefinitely.",
    "Officials admitted the survey of the seabed had found far more contaminated silt than expected.",
    "The work was expected to cost about 40 million euros and to take around nine months.",
    "Environmental groups had warned that disturbing the silt would destroy the mussel beds near Garn Point.",
    "Meanwhile the city council has approved a rise of 16 percent in household water charges from April.",
    "The council said the money would pay for replacing cast iron mains laid more than a century ago.",
    "Leaks from the old pipes waste roughly a fifth of the water the city treats each day.",
    "Opposition councillors voted against the rise and said families were already struggling with energy bills.",
])
