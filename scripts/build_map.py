"""Copy the outlines of the Hérault's communes into data/geo/, or check the committed copy.

    python scripts/build_map.py            # copy ../shared/geo/communes-34-herault.geojson
    python scripts/build_map.py --verifier # compare the committed copy with the COG 2026

Source: IGN – Admin Express COG 2018, via france-geojson (gregoiredavid/france-geojson,
commit 5d34ee6), Licence Ouverte (Etalab). The outlines are those of 2018: communes merged or
created since are reported, never silently dropped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.geo import load_geography  # noqa: E402

TARGET = ROOT / "data" / "geo" / "communes-34-herault.geojson"
SOURCE = ROOT.parent / "shared" / "geo" / "communes-34-herault.geojson"


def differences(path: Path) -> tuple[list[str], list[str]]:
    """(codes of the outlines not in the COG 2026, COG 2026 communes without an outline)."""
    outlines = {f["properties"]["code"] for f in json.loads(path.read_text())["features"]}
    geo = load_geography(ROOT / "data")
    current = {c.code for c in geo.communes.values() if c.departement == "34"}
    return sorted(outlines - current), sorted(current - outlines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifier", action="store_true")
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    if not args.verifier:
        shutil.copyfile(args.source, TARGET)
        print(f"Copié : {TARGET.relative_to(ROOT)}")
    gone, missing = differences(TARGET)
    for code in gone:
        print(f"Contour {code} : commune absente du COG 2026 (fusionnée ou renommée)")
    for code in missing:
        print(f"Commune {code} du COG 2026 : pas de contour (créée depuis 2018)")
    print("Contours et COG 2026 concordent." if not (gone or missing) else "Écarts signalés.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
