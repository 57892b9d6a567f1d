"""The pages load nothing from another site: no CDN, no external font, no tracker."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

PAGES = ["/", "/solutions/transport-test-lodeve", "/a-propos", "/accessibilite", "/nulle-part"]


class AssetCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"}:
            self.assets += [v for k, v in attrs if k in {"src", "srcset"} and v]
        if tag == "link" and values.get("rel") not in {"alternate", "canonical"}:
            self.assets += [values["href"]] if values.get("href") else []
        if tag == "form" and values.get("action"):
            self.assets.append(values["action"])


@pytest.mark.parametrize("path", PAGES)
def test_page_assets_are_all_served_by_the_app(client: TestClient, path: str) -> None:
    collector = AssetCollector()
    collector.feed(client.get(path).text)
    assert collector.assets, "the page links at least its stylesheet"
    external = [a for a in collector.assets if a.startswith(("http:", "https:", "//"))]
    assert external == []
