"""Regenerate data/geo/cog-2026.json.gz from the npm package @etalab/decoupage-administratif.

Usage:
    python scripts/build_geo.py                 # fetches the package with `npm pack`
    python scripts/build_geo.py --package DIR   # uses an already extracted package folder

The output keeps, for every current commune (COG 2026): code, name, département, région,
EPCI (SIREN), postal codes and population; plus the EPCI, départements and régions names.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "cog-2026.json.gz"


def fetch_package(workdir: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    archive = next(workdir.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def build(package_dir: Path) -> dict:
    data = package_dir / "data"

    def read(name: str) -> list[dict]:
        return json.loads((data / name).read_text(encoding="utf-8"))

    epci_of: dict[str, str] = {}
    epcis = []
    for epci in read("epci.json"):
        epcis.append([epci["code"], epci["nom"]])
        for member in epci["membres"]:
            epci_of[member["code"]] = epci["code"]
    communes = [
        [
            c["code"],
            c["nom"],
            c["departement"],
            c["region"],
            epci_of.get(c["code"], ""),
            c.get("codesPostaux", []),
            c.get("population", 0),
        ]
        for c in read("communes.json")
        if c["type"] == "commune-actuelle"
    ]
    return {
        "millesime": "COG 2026",
        "source": f"{PACKAGE} {VERSION}",
        "regions": [[r["code"], r["nom"]] for r in read("regions.json")],
        "departements": [[d["code"], d["nom"], d["region"]] for d in read("departements.json")],
        "epci": sorted(epcis),
        "communes": sorted(communes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="extracted package folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package_dir = args.package or fetch_package(Path(tmp))
        compact = build(package_dir)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(compact, ensure_ascii=False, separators=(",", ":"))
    # mtime=0 keeps the file byte-identical between runs, so git only sees real changes.
    with gzip.GzipFile(args.output, "wb", mtime=0) as stream:
        stream.write(payload.encode("utf-8"))
    print(f"{args.output}: {len(compact['communes'])} communes, {len(compact['epci'])} EPCI")


if __name__ == "__main__":
    main()
