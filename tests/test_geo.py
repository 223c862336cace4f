"""Great-circle distances and nearest-centre look-ups (coursekit.geo)."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.geo import EARTH_RADIUS_KM, KM_PER_MILE, haversine_km, nearest_distance_km

BENTONVILLE = (36.372854, -94.208817)   # Walmart's home office, Arkansas
LITTLE_ROCK = (34.746481, -92.289595)   # Arkansas state capitol

lats = st.floats(-90, 90, allow_nan=False)
lons = st.floats(-180, 180, allow_nan=False)


# ---------------------------------------------------------------- haversine_km

def test_one_degree_of_latitude_is_about_111_km():
    assert haversine_km(36.0, -94.0, 37.0, -94.0) == pytest.approx(111.195, abs=0.001)
    assert haversine_km(36.0, -94.0, 37.0, -94.0) == pytest.approx(2 * math.pi * EARTH_RADIUS_KM / 360)


def test_one_degree_of_longitude_shrinks_with_cos_latitude():
    at_equator = haversine_km(0.0, 0.0, 0.0, 1.0)
    at_60 = haversine_km(60.0, 0.0, 60.0, 1.0)
    assert at_equator == pytest.approx(111.195, abs=0.001)
    assert at_60 == pytest.approx(at_equator * 0.5, rel=0.001)


def test_bentonville_to_little_rock_by_hand():
    # worked by the spherical law of cosines, an independent formula
    p1, l1, p2, l2 = map(math.radians, (*BENTONVILLE, *LITTLE_ROCK))
    central = math.acos(math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(l2 - l1))
    by_hand = EARTH_RADIUS_KM * central
    assert haversine_km(*BENTONVILLE, *LITTLE_ROCK) == pytest.approx(by_hand, abs=1e-6)
    assert by_hand == pytest.approx(250.7, abs=0.1)
    assert by_hand / KM_PER_MILE == pytest.approx(155.8, abs=0.1)


def test_half_way_round_the_world():
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert haversine_km(90.0, 0.0, -90.0, 0.0) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_scalars_give_a_float_and_columns_broadcast():
    assert isinstance(haversine_km(*BENTONVILLE, *LITTLE_ROCK), float)
    many = haversine_km(np.array([36.0, 37.0]), np.array([-94.0, -94.0]), 36.0, -94.0)
    assert isinstance(many, np.ndarray)
    assert many.round(1).tolist() == [0.0, 111.2]


def test_series_in_series_out_with_the_same_index():
    frame = pd.DataFrame({"latitude": [36.0, 37.0], "longitude": [-94.0, -94.0]}, index=["a", "b"])
    result = haversine_km(frame["latitude"], frame["longitude"], 36.0, -94.0)
    assert isinstance(result, pd.Series) and list(result.index) == ["a", "b"]
    assert result.name == "distance_km"


@settings(max_examples=200, deadline=None)
@given(lats, lons, lats, lons)
def test_symmetric_non_negative_and_bounded(lat1, lon1, lat2, lon2):
    there = haversine_km(lat1, lon1, lat2, lon2)
    back = haversine_km(lat2, lon2, lat1, lon1)
    assert there == pytest.approx(back, abs=1e-6)
    assert 0.0 <= there <= math.pi * EARTH_RADIUS_KM + 1e-6


@settings(max_examples=100, deadline=None)
@given(lats, lons, lats, lons, lats, lons)
def test_triangle_inequality(a1, b1, a2, b2, a3, b3):
    # Near antipodal points the haversine term rounds to 1 and loses ~1e-5 km,
    # so allow one metre; no two places in the course data are antipodal.
    assert haversine_km(a1, b1, a3, b3) <= (haversine_km(a1, b1, a2, b2)
                                            + haversine_km(a2, b2, a3, b3) + 1e-3)


@pytest.mark.parametrize("args, word", [
    ((91.0, 0.0, 0.0, 0.0), "lat1"),
    ((0.0, 0.0, -94.2, 36.4), "lat2"),          # longitude and latitude swapped
    ((0.0, 181.0, 0.0, 0.0), "lon1"),
    ((float("nan"), 0.0, 0.0, 0.0), "NaN"),
])
def test_out_of_range_or_missing_degrees_are_rejected(args, word):
    with pytest.raises(ValueError, match=word) as error:
        haversine_km(*args)
    zh, en = str(error.value).split("\n")
    assert "度" in zh or "空值" in zh
    assert en.isascii()


def test_swapped_coordinates_get_a_hint():
    with pytest.raises(ValueError, match="写反"):
        haversine_km(-94.2, 36.4, 36.0, -94.0)


@pytest.mark.parametrize("bad", ["36.4", True, ["a", "b"], None])
def test_text_or_bool_degrees_are_type_errors(bad):
    with pytest.raises(TypeError, match="lat1"):
        haversine_km(bad, 0.0, 0.0, 0.0)


def test_columns_of_different_length_are_rejected():
    with pytest.raises(ValueError, match="长度"):
        haversine_km([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])


# ---------------------------------------------------------------- nearest_distance_km

@pytest.fixture
def stores():
    return pd.DataFrame({
        "latitude": [37.0, 36.0, 40.0, 36.5],
        "longitude": [-94.0, -94.0, -94.0, -94.0],
        "open_date": pd.to_datetime(["1975-01-01", "1985-01-01", "1985-01-01", "1965-06-01"]),
    }, index=[10, 11, 12, 13])


@pytest.fixture
def dcs():
    return pd.DataFrame({
        "latitude": [36.0, 40.0],
        "longitude": [-94.0, -94.0],
        "open_date": pd.to_datetime(["1980-01-01", "1970-01-01"]),
    })


def test_nearest_centre_by_hand(stores, dcs):
    result = nearest_distance_km(stores, dcs)
    one_degree = 2 * math.pi * EARTH_RADIUS_KM / 360
    assert result.tolist() == pytest.approx([one_degree, 0.0, 0.0, 0.5 * one_degree])
    assert list(result.index) == [10, 11, 12, 13] and result.name == "distance_km"


def test_only_centres_open_on_the_point_date_count(stores, dcs):
    result = nearest_distance_km(stores, dcs, open_col="open_date")
    one_degree = 2 * math.pi * EARTH_RADIUS_KM / 360
    # 1975: only the 1970 centre at 40°N is open -> 3 degrees away
    assert result.iloc[0] == pytest.approx(3 * one_degree)
    assert result.iloc[1] == pytest.approx(0.0)
    # 1965: no centre yet -> NaN, on purpose
    assert np.isnan(result.iloc[3])
    assert int(result.isna().sum()) == 1


def test_a_centre_opening_on_the_same_day_counts(dcs):
    store = pd.DataFrame({"latitude": [36.0], "longitude": [-94.0],
                          "open_date": pd.to_datetime(["1980-01-01"])})
    assert nearest_distance_km(store, dcs, open_col="open_date").iloc[0] == pytest.approx(0.0)


def test_separate_date_column_for_centres(stores, dcs):
    renamed = dcs.rename(columns={"open_date": "since"})
    same = nearest_distance_km(stores, dcs, open_col="open_date")
    other = nearest_distance_km(stores, renamed, open_col="open_date", centre_open_col="since")
    pd.testing.assert_series_equal(same, other)


def test_matches_a_plain_loop(stores, dcs):
    expected = [min(haversine_km(s.latitude, s.longitude, d.latitude, d.longitude)
                    for d in dcs.itertuples()) for s in stores.itertuples()]
    assert nearest_distance_km(stores, dcs).tolist() == pytest.approx(expected)


def test_inputs_are_not_mutated(stores, dcs):
    before_s, before_d = stores.copy(), dcs.copy()
    nearest_distance_km(stores, dcs, open_col="open_date")
    pd.testing.assert_frame_equal(stores, before_s)
    pd.testing.assert_frame_equal(dcs, before_d)


def test_custom_column_names(stores, dcs):
    renamed = stores.rename(columns={"latitude": "lat", "longitude": "lng"})
    centres = dcs.rename(columns={"latitude": "lat", "longitude": "lng"})
    result = nearest_distance_km(renamed, centres, lat="lat", lon="lng")
    assert result.tolist() == pytest.approx(nearest_distance_km(stores, dcs).tolist())


def test_empty_frames_are_rejected(stores, dcs):
    with pytest.raises(ValueError, match="centres"):
        nearest_distance_km(stores, dcs.iloc[0:0])
    with pytest.raises(ValueError, match="points"):
        nearest_distance_km(stores.iloc[0:0], dcs)


def test_not_a_frame_is_a_type_error(dcs):
    with pytest.raises(TypeError, match="DataFrame"):
        nearest_distance_km([(36.0, -94.0)], dcs)


def test_missing_column_suggests_the_nearest_name(stores, dcs):
    with pytest.raises(ValueError, match="latitude") as error:
        nearest_distance_km(stores.rename(columns={"latitude": "latitud"}), dcs)
    assert "latitud" in str(error.value) and "你是不是想写" in str(error.value)
    with pytest.raises(ValueError, match="opening"):
        nearest_distance_km(stores, dcs, open_col="opening")


def test_latitude_out_of_range_in_a_frame(stores, dcs):
    swapped = stores.rename(columns={"latitude": "longitude", "longitude": "latitude"})
    with pytest.raises(ValueError, match="写反"):
        nearest_distance_km(swapped, dcs)


def test_text_coordinates_and_missing_values(stores, dcs):
    with pytest.raises(TypeError, match="latitude"):
        nearest_distance_km(stores.assign(latitude=stores["latitude"].astype(str)), dcs)
    with pytest.raises(ValueError, match="NaN"):
        nearest_distance_km(stores.assign(latitude=[36.0, np.nan, 40.0, 36.5]), dcs)


def test_bad_dates_and_lonely_centre_date(stores, dcs):
    with pytest.raises(TypeError, match="日期"):
        nearest_distance_km(stores.assign(open_date=["x", "y", "z", "w"]), dcs, open_col="open_date")
    with pytest.raises(TypeError, match="open_col"):
        nearest_distance_km(stores, dcs, centre_open_col="open_date")
