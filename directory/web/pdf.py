"""Pages printed to PDF with WeasyPrint: tagged PDF/UA, French, nothing fetched from outside.

Only the site's own static files are read (from disk); any other resource is refused, so a
sheet never calls out to the network and renders the same everywhere.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from directory.web.templating import STATIC_DIR

BASE_URL = "https://annuaire.invalid/"  # never fetched: resolves relative links only


class StaticOnlyFetcher(URLFetcher):
    """Serves /static/… from the package folder; refuses every other URL."""

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols=("https",))
        self.root = root.resolve()

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if not url.startswith(BASE_URL) or not parts.path.startswith("/static/"):
            raise ValueError(f"ressource extérieure refusée : {url}")
        path = (self.root / parts.path.removeprefix("/static/")).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ValueError(f"fichier statique introuvable : {parts.path}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})


def render_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document; its title and language come from the page itself."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
