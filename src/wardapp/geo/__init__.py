"""地図レイヤ: town boundaries, flood zones, shelters and facilities; CRS handling.

Official layers are read with pyogrio (GDAL) and stored in JGD2011 longitude/latitude (points
as lat/lon columns, polygons as WKB); distances and areas use the plane-rectangular zone.
"""

from wardapp.geo.boundaries import split_town_name
from wardapp.geo.crs import local_metric_crs, parse_crs, plane_zone_for, to_jgd2011
from wardapp.geo.layers import KINDS, LayerKind, import_layer
from wardapp.geo.mapping import LayerMapping, load_layer_mapping
from wardapp.geo.report import LayerImportReport

__all__ = [
    "KINDS",
    "LayerImportReport",
    "LayerKind",
    "LayerMapping",
    "import_layer",
    "load_layer_mapping",
    "local_metric_crs",
    "parse_crs",
    "plane_zone_for",
    "split_town_name",
    "to_jgd2011",
]
