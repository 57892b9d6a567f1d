"""The Hérault's communes as SVG paths, projected once from data/geo/ (2018 outlines)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OUTLINES_FILE = "geo/communes-34-herault.geojson"
ATTRIBUTION = "IGN – Admin Express COG 2018, via france-geojson"
WIDTH = 800.0

Ring = list[list[float]]


@dataclass(frozen=True)
class Outline:
    code: str
    nom: str
    path: str  # SVG path data


@dataclass(frozen=True)
class BaseMap:
    outlines: tuple[Outline, ...]
    width: float
    height: float


def _rings(geometry: dict[str, object]) -> list[Ring]:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return list(coordinates)  # type: ignore[call-overload]
    return [ring for polygon in coordinates for ring in polygon]  # type: ignore[attr-defined]


@lru_cache(maxsize=2)
def base_map(data_dir: Path) -> BaseMap:
    features = json.loads((data_dir / OUTLINES_FILE).read_text(encoding="utf-8"))["features"]
    points = [p for f in features for ring in _rings(f["geometry"]) for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((north + south) / 2))  # equirectangular, true at mid-latitude
    scale = WIDTH / ((east - west) * shrink)
    height = (north - south) * scale

    def point(lon: float, lat: float) -> str:
        return f"{(lon - west) * shrink * scale:.1f},{(north - lat) * scale:.1f}"

    outlines = []
    for feature in features:
        path = " ".join(
            "M" + " L".join(point(lon, lat) for lon, lat in ring) + " Z"
            for ring in _rings(feature["geometry"])
        )
        props = feature["properties"]
        outlines.append(Outline(props["code"], props["nom"], path))
    outlines.sort(key=lambda o: o.code)
    return BaseMap(tuple(outlines), WIDTH, round(height, 1))
