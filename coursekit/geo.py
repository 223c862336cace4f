"""Distances on the Earth's surface: how far is each store from its warehouse?

The Walmart case asks whether every store lies "within a day's drive" of a
distribution centre. That needs the great-circle (haversine) distance between
two points given by latitude and longitude, and, for many stores and many
centres at once, the distance from each store to the nearest centre. Both are
plain numpy, so 3,000 stores x 80 centres take a few milliseconds.

Latitude and longitude are in decimal degrees (west and south negative), as in
``walmart_stores``. Distances are in kilometres; divide by :data:`KM_PER_MILE`
for miles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import fail, require_columns, require_dates, require_frame, require_numeric

__all__ = ["EARTH_RADIUS_KM", "KM_PER_MILE", "haversine_km", "nearest_distance_km"]

EARTH_RADIUS_KM = 6371.0
"""Mean radius of the Earth in km; one degree of latitude is then about 111.2 km."""

KM_PER_MILE = 1.609344
"""One international mile in km (exact by definition)."""

_LIMITS = {"latitude": ("纬度", 90.0), "longitude": ("经度", 180.0)}


def _check_range(values: np.ndarray, kind: str, zh: str, en: str) -> None:
    """Latitudes must lie in [-90, 90] and longitudes in [-180, 180]; no NaN.

    ``zh`` and ``en`` name what is checked, e.g. "参数 lat1" and "Argument lat1".
    """
    name_zh, limit = _LIMITS[kind]
    if np.isnan(values).any():
        fail(f"{zh} 里有空值（NaN），{name_zh}必须是实际的数字。",
             f"{en} contains missing values (NaN); every {kind} must be a number.")
    bad = np.abs(values) > limit
    if bad.any():
        example = values[bad].flat[0]
        swap_zh = "是不是把经度和纬度写反了？" if kind == "latitude" else ""
        swap_en = " Are latitude and longitude swapped?" if kind == "latitude" else ""
        fail(f"{zh} 有 {int(bad.sum())} 个值不在 -{limit:g} 到 {limit:g} 度之间，例如 {example:g}。"
             f"{name_zh}必须在这个范围内。{swap_zh}",
             f"{en} has {int(bad.sum())} values outside -{limit:g}..{limit:g} degrees, "
             f"e.g. {example:g}; a {kind} must lie in that range.{swap_en}")


def _as_degrees(value, kind: str, arg: str) -> np.ndarray:
    """Turn a number, list, array or Series into a float array of checked degrees."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        fail(f"参数 {arg} 应该是数字（度），现在是 {type(value).__name__}：{value!r}。",
             f"Argument {arg} must be a number of degrees, got {type(value).__name__}: {value!r}.",
             TypeError)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):  # text, or an integer too big for a float
        fail(f"参数 {arg} 应该是数字（度）或一列数字，里面混入了无法转换成数字的值。",
             f"Argument {arg} must be a number of degrees or a column of numbers; "
             "some values are not numbers.", TypeError)
    _check_range(array, kind, f"参数 {arg}", f"Argument {arg}")
    return array


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two points given in degrees.

    Formula (haversine, Earth radius R = 6371 km, φ latitude, λ longitude, in radians):

        a = sin²(Δφ/2) + cos φ₁ · cos φ₂ · sin²(Δλ/2)
        d = 2R · arcsin(√a)

    The arguments broadcast like numpy arrays: one point against one point,
    a column of points against one point, or two columns of equal length.

    Parameters
    ----------
    lat1, lon1 : float, array-like or Series
        Latitude (-90..90) and longitude (-180..180) of the first point(s), in degrees.
    lat2, lon2 : float, array-like or Series
        The same for the second point(s).

    Returns
    -------
    float, numpy array or Series
        Distance in km: a float when every argument is a single number, a
        Series (with the index of the first Series argument) when a Series was
        given, otherwise a numpy array.

    Examples
    --------
    One degree of latitude along a meridian:

    >>> from coursekit.geo import haversine_km
    >>> round(haversine_km(36.0, -94.0, 37.0, -94.0), 1)
    111.2

    Bentonville, Arkansas to Tulsa, Oklahoma:

    >>> round(haversine_km(36.37, -94.21, 36.15, -95.99))
    161
    """
    arrays = [_as_degrees(v, kind, name) for v, kind, name in (
        (lat1, "latitude", "lat1"), (lon1, "longitude", "lon1"),
        (lat2, "latitude", "lat2"), (lon2, "longitude", "lon2"))]
    try:
        phi1, lam1, phi2, lam2 = np.broadcast_arrays(*(np.radians(a) for a in arrays))
    except ValueError:
        fail("几个参数的长度对不上：要么是单个数字，要么是长度相同的一列数字。",
             "The arguments do not line up: give single numbers or columns of equal length.")
    a = (np.sin((phi2 - phi1) / 2) ** 2
         + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2) ** 2)
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    if distance.ndim == 0:
        return float(distance)
    series = next((v for v in (lat1, lon1, lat2, lon2) if isinstance(v, pd.Series)), None)
    if series is not None and len(series) == distance.size and distance.ndim == 1:
        return pd.Series(distance, index=series.index, name="distance_km")
    return distance


def _coordinates(data: pd.DataFrame, lat: str, lon: str, arg: str) -> tuple[np.ndarray, np.ndarray]:
    require_columns(data, [lat, lon], arg)
    lats = require_numeric(data, lat, arg, allow_negative=True).to_numpy(dtype=float)
    lons = require_numeric(data, lon, arg, allow_negative=True).to_numpy(dtype=float)
    _check_range(lats, "latitude", f"{arg} 的列 '{lat}'", f"Column '{lat}' of {arg}")
    _check_range(lons, "longitude", f"{arg} 的列 '{lon}'", f"Column '{lon}' of {arg}")
    return lats, lons


def _opening_dates(data: pd.DataFrame, column: str, arg: str) -> np.ndarray:
    require_columns(data, [column], arg)
    return require_dates(data, column, arg).to_numpy(dtype="datetime64[ns]")


def nearest_distance_km(points: pd.DataFrame, centres: pd.DataFrame, lat: str = "latitude",
                        lon: str = "longitude", open_col: str | None = None,
                        centre_open_col: str | None = None) -> pd.Series:
    """Distance in km from each point (store) to its nearest centre (warehouse).

    Formula: d(i) = min over centres j of haversine(point i, centre j); with
    ``open_col`` only centres whose opening date is on or before point i's
    date count: d(i) = min over {j : open_j ≤ open_i}.

    Parameters
    ----------
    points : DataFrame
        One row per point, e.g. the stores.
    centres : DataFrame
        One row per centre, e.g. the distribution centres.
    lat, lon : str
        Names of the latitude and longitude columns (same names in both frames).
    open_col : str, optional
        Date column of ``points``. When given, a centre counts for a point only
        if it had opened by the point's date ("which centre could serve this
        store on the day it opened?").
    centre_open_col : str, optional
        Date column of ``centres``; defaults to ``open_col``.

    Returns
    -------
    Series
        Named ``distance_km``, same index as ``points``. A point for which no
        centre had opened yet gets NaN (not a number): count those with
        ``.isna().sum()`` and leave them out on purpose.

    Examples
    --------
    >>> import pandas as pd
    >>> from coursekit.geo import nearest_distance_km
    >>> stores = pd.DataFrame({"latitude": [37.0, 36.0, 40.0], "longitude": [-94.0, -94.0, -94.0],
    ...                        "open_date": pd.to_datetime(["1975-01-01", "1985-01-01", "1985-01-01"])})
    >>> dcs = pd.DataFrame({"latitude": [36.0, 40.0], "longitude": [-94.0, -94.0],
    ...                     "open_date": pd.to_datetime(["1980-01-01", "1970-01-01"])})
    >>> nearest_distance_km(stores, dcs).round(1).tolist()
    [111.2, 0.0, 0.0]
    >>> nearest_distance_km(stores, dcs, open_col="open_date").round(1).tolist()
    [333.6, 0.0, 0.0]
    """
    require_frame(points, "points")
    require_frame(centres, "centres")
    point_lat, point_lon = _coordinates(points, lat, lon, "points")
    centre_lat, centre_lon = _coordinates(centres, lat, lon, "centres")
    # one row per point, one column per centre: 3,000 x 80 floats are about 2 MB
    matrix = haversine_km(point_lat[:, None], point_lon[:, None],
                          centre_lat[None, :], centre_lon[None, :])
    if open_col is None and centre_open_col is not None:
        fail("只给了 centre_open_col，还要用 open_col 指明 points 里的日期列。",
             "centre_open_col was given without open_col; name the date column of points too.",
             TypeError)
    if open_col is not None:
        point_dates = _opening_dates(points, open_col, "points")
        centre_dates = _opening_dates(centres, centre_open_col or open_col, "centres")
        matrix = np.where(centre_dates[None, :] <= point_dates[:, None], matrix, np.inf)
    nearest = matrix.min(axis=1)
    nearest[np.isinf(nearest)] = np.nan  # no centre had opened yet
    return pd.Series(nearest, index=points.index, name="distance_km")
