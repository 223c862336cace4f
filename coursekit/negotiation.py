"""Unit 5: the pricing tools of negotiation (洽谈): chargeable weight, quotes
and the break-even volume of a discount.

Rate cards and discount tiers are illustrative teaching values, not a real
carrier's prices; each is a module constant and a parameter.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._tables import step_table, step_value
from ._validate import fail, require_flag, require_number, require_number_inputs

__all__ = ["chargeable_weight", "quote", "breakeven_volume"]

# ---------------------------------------------------------------------------
# chargeable_weight, quote, breakeven_volume
# ---------------------------------------------------------------------------

MAX_WAYBILL_M3 = 200.0
"""Largest volume (m3) one waybill can plausibly have: more than a 17.5 m semi-trailer
holds (about 100-150 m3). A bigger ``volume_m3`` is almost always cm3 passed as m3."""

def chargeable_weight(weight_kg, length_cm=None, width_cm=None, height_cm=None, divisor=6000,
                      *, volume_m3=None, detail=False):
    """Chargeable weight (计费重量): the larger of actual and volumetric weight.

    volumetric weight (体积重, kg) = length_cm x width_cm x height_cm / divisor,
    or volume_m3 x 1,000,000 / divisor when the volume is given directly.
    chargeable = max(actual weight, volumetric weight). A parcel whose
    volumetric weight exceeds its actual weight is light-bulky cargo (轻泡货):
    it is charged for the space it takes. The common express divisor is 6000
    (some carriers use 5000, which makes volumetric weight larger).

    Parameters
    ----------
    weight_kg : number or array-like
        Actual weight in kg, > 0.
    length_cm, width_cm, height_cm : number or array-like
        Dimensions in cm, > 0. Give all three, or ``volume_m3`` instead.
    divisor : number
        Volumetric divisor (cm3 per kg), > 0.
    volume_m3 : number or array-like, optional
        Volume in m3 (the ``shipments`` dataset has ``volume_m3``). More than
        ``MAX_WAYBILL_M3`` (200 m3) for one waybill is an error: it is almost
        always a volume in cm3 passed as m3.
    detail : bool
        ``True`` returns a table with ``weight_kg``, ``volumetric_kg``,
        ``chargeable_kg`` and ``cargo`` (轻泡货 or 重货).

    Returns
    -------
    float, pandas.Series or pandas.DataFrame
        A float when every input is a number, else a Series named
        ``chargeable_kg`` (positions follow the inputs; the index is that of
        the first Series given); a DataFrame with ``detail=True``.

    Examples
    --------
    >>> chargeable_weight(10, 60, 50, 40)          # 60*50*40/6000 = 20 kg > 10 kg
    20.0
    >>> chargeable_weight(25, 60, 50, 40)          # heavy cargo: the actual weight counts
    25.0
    >>> chargeable_weight([10, 25], 60, 50, 40).tolist()
    [20.0, 25.0]
    >>> chargeable_weight(10, volume_m3=0.12, detail=True)["cargo"].tolist()
    ['轻泡货']
    """
    require_number(divisor, "divisor", low=0, low_open=True)
    require_flag(detail, "detail")
    dims = (length_cm, width_cm, height_cm)
    if volume_m3 is not None and any(d is not None for d in dims):
        fail("请只给出 length_cm/width_cm/height_cm 或 volume_m3 中的一种。",
             "Give either length_cm/width_cm/height_cm or volume_m3, not both.", TypeError)
    if volume_m3 is None and any(d is None for d in dims):
        missing = [n for n, d in zip(("length_cm", "width_cm", "height_cm"), dims) if d is None]
        fail(f"缺少参数 {', '.join(missing)}：请给出长、宽、高（厘米），或者给出 volume_m3。",
             f"Missing argument {', '.join(missing)}: give length, width and height in cm, "
             "or volume_m3.", TypeError)
    if volume_m3 is None:
        inputs = {"weight_kg": weight_kg, "length_cm": length_cm, "width_cm": width_cm,
                  "height_cm": height_cm}
    else:
        inputs = {"weight_kg": weight_kg, "volume_m3": volume_m3}
    arrays, index = require_number_inputs(inputs, positive=True)
    if volume_m3 is None:
        volumetric = arrays["length_cm"] * arrays["width_cm"] * arrays["height_cm"] / divisor
    else:
        _require_plausible_volume(arrays["volume_m3"])
        volumetric = arrays["volume_m3"] * 1_000_000 / divisor
    actual = arrays["weight_kg"]
    chargeable = np.maximum(actual, volumetric)
    if index is None and not detail:
        return float(chargeable)
    if detail:
        shape = (1 if index is None else len(index),)
        table = pd.DataFrame({"weight_kg": np.broadcast_to(actual, shape),
                              "volumetric_kg": np.broadcast_to(volumetric, shape),
                              "chargeable_kg": np.broadcast_to(chargeable, shape)},
                             index=index if index is not None else [0])
        table["cargo"] = np.where(table["volumetric_kg"] > table["weight_kg"], "轻泡货", "重货")
        return table
    return pd.Series(np.broadcast_to(chargeable, len(index)).astype(float), index=index,
                     name="chargeable_kg")


def _require_plausible_volume(volume_m3) -> None:
    """A volume above MAX_WAYBILL_M3 is an error that names the likely cm3 mix-up."""
    largest = float(np.max(volume_m3))
    if largest > MAX_WAYBILL_M3:
        fail(f"参数 volume_m3 的单位是立方米，{largest:,.0f} 立方米比一整辆半挂车还大，"
             "像是把立方厘米当成了立方米。知道长、宽、高（厘米）时，请写成 "
             "chargeable_weight(重量, 长, 宽, 高)；或者先除以 1,000,000，换算成立方米。",
             f"Argument volume_m3 is in cubic metres; {largest:,.0f} m3 is more than a whole "
             "semi-trailer holds, so it looks like cm3 passed as m3. Give the dimensions in cm "
             "as chargeable_weight(weight, length, width, height), or divide by 1,000,000.")


EXPRESS_RATES = {"kind": "first_additional", "first_kg": 1.0, "first_price": 12.0,
                 "extra_per_kg": 3.0, "step_kg": 1.0, "min_charge": 0.0}
"""Illustrative express (快递) table: 首重 1 kg 12 元, 续重 3 元/kg, extra weight rounded up to 1 kg."""

LTL_RATES = {"kind": "bands", "bands": ((0, 1.6), (100, 1.2), (500, 1.0), (1000, 0.8)),
             "step_kg": 1.0, "min_charge": 60.0}
"""Illustrative LTL (零担) table: 元/kg falls as the shipment gets heavier; at least 60 元."""

RATE_TABLES = {"快递": EXPRESS_RATES, "零担": LTL_RATES}

DISCOUNT_TIERS = ((0, 0.0), (500, 0.05), (2000, 0.10), (5000, 0.15))
"""(monthly waybills from, discount). 500 票/月 is about the big-customer floor of 5,000 a year."""

_RATE_KEYS = {"first_additional": {"first_kg", "first_price", "extra_per_kg"},
              "bands": {"bands"}}
_RATE_OPTIONAL = {"kind", "step_kg", "min_charge"}


def quote(weight_kg, rate_table=None, monthly_volume=None, *, discount_tiers=None):
    """Price shipments from a rate table, with a discount for monthly volume.

    Two kinds of rate table:

    * ``"first_additional"`` (首重续重, express style): billed weight =
      first_kg + extra weight rounded up to ``step_kg``;
      list price = first_price + (billed - first_kg) x extra_per_kg.
    * ``"bands"`` (重量段, LTL style): billed weight = weight rounded up to
      ``step_kg``; list price = billed x rate of the band the billed weight falls in.

    Either kind can have ``min_charge`` (最低收费): list price = max(price, min_charge).
    price = list price x (1 - discount), where the discount comes from the
    customer's monthly volume: from 500 票/月 5%, from 2000 10%, from 5000 15%
    (:data:`DISCOUNT_TIERS`). Prices are rounded to 0.01 元. Pass the
    chargeable weight (:func:`chargeable_weight`) for light-bulky cargo. All
    rates are illustrative, not a real carrier's tariff.

    Parameters
    ----------
    weight_kg : number or array-like
        Chargeable weight in kg, > 0.
    rate_table : None, "快递", "零担" or dict
        ``None`` or ``"快递"`` uses :data:`EXPRESS_RATES`, ``"零担"`` uses
        :data:`LTL_RATES`; a dict with ``kind`` and the keys above defines your own.
    monthly_volume : number or array-like, optional
        The customer's waybills per month; ``None`` means no discount.
    discount_tiers : sequence of (monthly waybills from, discount), optional
        Replaces :data:`DISCOUNT_TIERS`; starts at 0, discounts in [0, 1).

    Returns
    -------
    pandas.DataFrame
        One row per weight: ``weight_kg``, ``billed_kg``, ``list_price``,
        ``discount_rate``, ``price`` (元).

    Examples
    --------
    >>> quote(2.3)[["billed_kg", "list_price", "price"]].values.tolist()   # 12 + 2*3
    [[3.0, 18.0, 18.0]]
    >>> quote(2.3, monthly_volume=800)["price"].tolist()                  # 18 * 0.95
    [17.1]
    >>> quote([50, 300], rate_table="零担")["list_price"].tolist()         # max(50*1.6, 60); 300*1.2
    [80.0, 360.0]
    """
    table = _rate_table(rate_table)
    tiers = step_table(DISCOUNT_TIERS if discount_tiers is None else discount_tiers,
                   "discount_tiers", value_name="discount", high=1, high_open=True,
                   example=DISCOUNT_TIERS[:2])
    inputs = {"weight_kg": weight_kg}
    arrays, index = require_number_inputs(inputs, positive=True)
    weights = np.atleast_1d(arrays["weight_kg"]).astype(float)
    if index is None:
        index = pd.RangeIndex(1)
    if monthly_volume is None:
        discount = np.zeros(len(weights))
    else:
        discount = _volume_discount(monthly_volume, tiers, len(weights))

    step = table["step_kg"]
    if table["kind"] == "first_additional":
        extra = np.maximum(weights - table["first_kg"], 0.0)
        extra_billed = np.ceil(extra / step - 1e-9) * step
        billed = table["first_kg"] + extra_billed
        price = table["first_price"] + extra_billed * table["extra_per_kg"]
    else:
        billed = np.ceil(weights / step - 1e-9) * step
        rate = step_value(pd.Series(billed), list(table["bands"])).to_numpy()
        price = billed * rate
    list_price = np.maximum(price, table["min_charge"]).round(2)
    return pd.DataFrame({"weight_kg": weights, "billed_kg": billed, "list_price": list_price,
                         "discount_rate": discount,
                         "price": (list_price * (1 - discount)).round(2)}, index=index)


def _rate_table(rate_table) -> dict:
    """Resolve a preset name or check a user rate table."""
    if rate_table is None:
        return dict(EXPRESS_RATES)
    if isinstance(rate_table, str):
        if rate_table not in RATE_TABLES:
            fail(f"参数 rate_table 只能是 {list(RATE_TABLES)} 之一或自定义字典，现在是 {rate_table!r}。",
                 f"Argument rate_table must be one of {list(RATE_TABLES)} or a dict, "
                 f"got {rate_table!r}.")
        return dict(RATE_TABLES[rate_table])
    if not isinstance(rate_table, dict):
        fail(f"参数 rate_table 应该是 '快递'、'零担' 或字典，现在是 {type(rate_table).__name__}。",
             f"Argument rate_table must be '快递', '零担' or a dict, got "
             f"{type(rate_table).__name__}.", TypeError)
    kind = rate_table.get("kind")
    if kind not in _RATE_KEYS:
        fail(f"参数 rate_table['kind'] 只能是 {list(_RATE_KEYS)} 之一，现在是 {kind!r}。",
             f"Argument rate_table['kind'] must be one of {list(_RATE_KEYS)}, got {kind!r}.")
    needed, allowed = _RATE_KEYS[kind], _RATE_KEYS[kind] | _RATE_OPTIONAL
    missing = sorted(needed - set(rate_table))
    unknown = sorted(set(rate_table) - allowed)
    if missing:
        fail(f"参数 rate_table 缺少 {missing}；'{kind}' 类的运价表需要 {sorted(needed)}。",
             f"Argument rate_table is missing {missing}; a '{kind}' table needs "
             f"{sorted(needed)}.")
    if unknown:
        fail(f"参数 rate_table 里有不认识的键 {unknown}；可以用的键是 {sorted(allowed)}。",
             f"Argument rate_table has unknown keys {unknown}; allowed keys are "
             f"{sorted(allowed)}.")
    table = {"step_kg": 1.0, "min_charge": 0.0, **rate_table}
    require_number(table["step_kg"], "rate_table['step_kg']", low=0, low_open=True)
    require_number(table["min_charge"], "rate_table['min_charge']", low=0)
    if kind == "first_additional":
        require_number(table["first_kg"], "rate_table['first_kg']", low=0)
        require_number(table["first_price"], "rate_table['first_price']", low=0)
        require_number(table["extra_per_kg"], "rate_table['extra_per_kg']", low=0)
    else:
        table["bands"] = step_table(table["bands"], "rate_table['bands']", value_name="元/kg",
                                example=LTL_RATES["bands"][:2])
    return table


def _volume_discount(monthly_volume, tiers, n: int) -> np.ndarray:
    """Discount for each monthly volume (票/月) from the tier table."""
    if isinstance(monthly_volume, (pd.Series, np.ndarray, list, tuple)):
        series = pd.Series(require_number_inputs({"monthly_volume": monthly_volume})[0]
                           ["monthly_volume"])
        if len(series) != n:
            fail(f"参数 monthly_volume 有 {len(series)} 个值，而 weight_kg 有 {n} 个，长度必须相同。",
                 f"Argument monthly_volume has {len(series)} values but weight_kg has {n}; "
                 "lengths must match.")
    else:
        require_number(monthly_volume, "monthly_volume", low=0)
        series = pd.Series(np.full(n, float(monthly_volume)))
    return step_value(series.astype(float), tiers).to_numpy()


def breakeven_volume(current_volume, price, unit_cost, discount):
    """Volume at which a discounted price earns the same profit as today.

    profit now = V0 x (p - c); with discount d: V1 x (p x (1 - d) - c).
    Setting them equal gives the break-even volume (保本业务量)

        V1 = V0 x (p - c) / (p x (1 - d) - c)

    so the customer must ship V1 - V0 more waybills for the discount to pay.
    When p x (1 - d) <= c the discount wipes out the margin and no volume can
    make up for it: that is an error.

    Parameters
    ----------
    current_volume : number
        Current waybills per month V0, > 0.
    price : number
        Current price per waybill p (元), > 0.
    unit_cost : number
        Cost per waybill c (元), >= 0 and below ``price``.
    discount : number
        Discount offered d, in [0, 1).

    Returns
    -------
    float
        Break-even volume V1 (waybills per month).

    Examples
    --------
    >>> breakeven_volume(1000, price=20, unit_cost=14, discount=0.1)   # 1000*6/(18-14)
    1500.0
    """
    require_number(current_volume, "current_volume", low=0, low_open=True)
    require_number(price, "price", low=0, low_open=True)
    require_number(unit_cost, "unit_cost", low=0)
    require_number(discount, "discount", low=0, high=1, high_open=True)
    if unit_cost >= price:
        fail(f"参数 unit_cost（{unit_cost}）不低于 price（{price}）：现在就没有毛利，谈不上折扣保本。",
             f"Argument unit_cost ({unit_cost}) is not below price ({price}): there is no "
             "margin to share, so no discount can break even.")
    margin_after = price * (1 - discount) - unit_cost
    if margin_after <= 0:
        fail(f"参数 discount = {discount} 太大：折后单价 {price * (1 - discount):.2f} 元不高于单位成本 "
             f"{unit_cost:.2f} 元，毛利被折扣吃光，再多业务量也无法保本。",
             f"Argument discount = {discount} is too large: the discounted price "
             f"{price * (1 - discount):.2f} does not exceed the unit cost {unit_cost:.2f}, so no "
             "volume can break even.")
    return float(current_volume * (price - unit_cost) / margin_after)
