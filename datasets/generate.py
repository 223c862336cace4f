#!/usr/bin/env python
"""Seeded generator of the fictional company's teaching datasets.

Run ``python datasets/generate.py`` (or ``--out DIR``) to rebuild every
company table byte for byte. Nothing depends on today's date: every random
draw comes from ``numpy.random.default_rng`` seeded with ``SEED`` plus the
table's name, and every date is derived from the fixed calendar below.

The company (an unnamed logistics firm in Nanning), its customers, people and
figures are invented for teaching. The data is shaped so that it carries the stories the course
teaches (see datasets/README.md, which this script writes too).
"""
from __future__ import annotations

import argparse
import gzip
import io
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250618
HERE = Path(__file__).resolve().parent
DICTIONARY = HERE / "dictionary.csv"

START = np.datetime64("2023-01-01")
END = np.datetime64("2025-12-31")
AS_OF = "2025-12-31"
# Waybills ordered in late December 2025 are delivered in early January; the
# export was taken after they closed, so delivered_date may fall in 2026.
EXPORT_DATE = np.datetime64("2026-01-15")
SPRING_FESTIVAL = np.array(["2023-01-22", "2024-02-10", "2025-01-29"], dtype="datetime64[D]")

DAYS = np.arange(START, END + np.timedelta64(1, "D"))
N_DAYS = len(DAYS)
MONTH_OF_DAY = (DAYS.astype("datetime64[M]") - np.datetime64("2023-01", "M")).astype(int)
N_MONTHS = 36
MONTH_FIRST_DAY = np.searchsorted(MONTH_OF_DAY, np.arange(N_MONTHS + 1))  # day index bounds

COMPANY_FILES = {
    "customers": "customers.csv",
    "shipments": "shipments.csv.gz",
    "complaints": "complaints.csv",
    "leads": "leads.csv",
    "prospect_list_raw": "prospect_list_raw.csv",
    "prospect_financials": "prospect_financials.csv",
    "survey": "survey.csv",
}


def rng_for(name: str) -> np.random.Generator:
    """One independent stream per table, so changing one table leaves the others alone."""
    return np.random.default_rng([SEED, zlib.crc32(name.encode("utf-8"))])


def read_dictionary() -> pd.DataFrame:
    return pd.read_csv(DICTIONARY, encoding="utf-8-sig", dtype=str, keep_default_na=False)


DICT = read_dictionary()


def categories_of(dataset: str, column: str) -> list[str]:
    row = DICT[(DICT.dataset == dataset) & (DICT.column == column)].iloc[0]
    return row["categories"].split("|")


INDUSTRIES = categories_of("customers", "industry")
CHANNELS = categories_of("leads", "channel")
SERVICES = categories_of("shipments", "service")  # 快递 零担 整车 仓配

# ---------------------------------------------------------------------------
# Geography: (latitude, longitude, province). Road distance ~ 1.25 x great circle.
CITIES = {
    "南宁": (22.82, 108.37, "广西壮族自治区"), "柳州": (24.33, 109.43, "广西壮族自治区"),
    "桂林": (25.27, 110.29, "广西壮族自治区"), "玉林": (22.63, 110.15, "广西壮族自治区"),
    "钦州": (21.98, 108.65, "广西壮族自治区"), "北海": (21.48, 109.12, "广西壮族自治区"),
    "防城港": (21.69, 108.35, "广西壮族自治区"), "百色": (23.90, 106.62, "广西壮族自治区"),
    "梧州": (23.48, 111.28, "广西壮族自治区"), "贵港": (23.11, 109.60, "广西壮族自治区"),
    "河池": (24.69, 108.09, "广西壮族自治区"), "崇左": (22.38, 107.36, "广西壮族自治区"),
    "来宾": (23.75, 109.22, "广西壮族自治区"), "贺州": (24.40, 111.57, "广西壮族自治区"),
    "广州": (23.13, 113.26, "广东省"), "深圳": (22.54, 114.06, "广东省"),
    "佛山": (23.02, 113.12, "广东省"), "东莞": (23.02, 113.75, "广东省"),
    "湛江": (21.27, 110.36, "广东省"), "昆明": (25.04, 102.71, "云南省"),
    "贵阳": (26.65, 106.63, "贵州省"), "长沙": (28.23, 112.94, "湖南省"),
    "海口": (20.04, 110.32, "海南省"), "成都": (30.57, 104.07, "四川省"),
    "重庆": (29.56, 106.55, "重庆市"), "武汉": (30.59, 114.31, "湖北省"),
    "上海": (31.23, 121.47, "上海市"), "杭州": (30.27, 120.15, "浙江省"),
}
CITY_NAMES = list(CITIES)
CITY_INDEX = {c: i for i, c in enumerate(CITY_NAMES)}
GX = [c for c in CITY_NAMES if CITIES[c][2] == "广西壮族自治区"]
REMOTE = {"百色", "河池", "崇左"}  # mountain roads: slower and dearer to serve
AREA_CODE = {"南宁": "0771", "崇左": "0771", "柳州": "0772", "桂林": "0773", "梧州": "0774",
             "贺州": "0774", "玉林": "0775", "贵港": "0775", "百色": "0776", "钦州": "0777",
             "河池": "0778", "北海": "0779", "防城港": "0770", "来宾": "0772"}


def distance_matrix() -> np.ndarray:
    lat = np.radians([CITIES[c][0] for c in CITY_NAMES])
    lon = np.radians([CITIES[c][1] for c in CITY_NAMES])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    km = 2 * 6371 * np.arcsin(np.sqrt(a)) * 1.25
    hk = CITY_INDEX["海口"]
    km[hk, :] += 120  # the Qiongzhou Strait ferry
    km[:, hk] += 120
    np.fill_diagonal(km, 12.0)  # same-city delivery
    return km


DIST = distance_matrix()

CUSTOMER_CITY_WEIGHTS = {"南宁": .55, "柳州": .09, "桂林": .07, "玉林": .06, "钦州": .04, "北海": .04,
                         "梧州": .03, "贵港": .03, "百色": .02, "防城港": .02, "河池": .01,
                         "崇左": .01, "来宾": .01, "贺州": .01, "广州": .01}

GX_DEST = {"南宁": .30, "柳州": .12, "桂林": .10, "玉林": .08, "钦州": .05, "北海": .06, "梧州": .05,
           "贵港": .05, "百色": .05, "防城港": .03, "河池": .04, "崇左": .03, "来宾": .02, "贺州": .02}
OUT_DEST = {
    "快递": {"广州": .22, "深圳": .18, "昆明": .08, "贵阳": .07, "长沙": .08, "海口": .06, "成都": .07,
           "重庆": .05, "上海": .07, "杭州": .06, "武汉": .06},
    "零担": {"广州": .28, "深圳": .14, "佛山": .10, "东莞": .08, "昆明": .10, "贵阳": .10, "湛江": .08,
           "长沙": .12},
    "整车": {"广州": .24, "深圳": .14, "佛山": .12, "东莞": .10, "昆明": .12, "贵阳": .08, "长沙": .08,
           "成都": .06, "重庆": .06},
    "仓配": {"湛江": .5, "广州": .5},
}
OUT_SHARE = {"快递": .40, "零担": .35, "整车": .55, "仓配": .05}

# ---------------------------------------------------------------------------
# Industry profiles: waybill share by service (快递, 零担, 整车, 仓配), express parcel
# weight (median kg), goods density (kg/m3; below 166.7 the goods are light-bulky),
# fragility (damage risk multiplier).
PROFILE = {
    "电商": ((.72, .03, .00, .25), 1.0, 230, 1.0),
    "医药": ((.35, .30, .05, .30), 1.5, 260, 1.0),
    "IT/通信": ((.45, .35, .05, .15), 1.2, 240, 1.3),
    "电子": ((.35, .40, .10, .15), 2.0, 230, 1.8),
    "服装": ((.50, .30, .05, .15), 0.8, 135, 0.3),
    "广告": ((.45, .45, .05, .05), 1.5, 175, 0.8),
    "食品": ((.15, .40, .20, .25), 2.5, 330, 1.3),
    "家电": ((.10, .40, .25, .25), 4.0, 160, 1.6),
    "图书": ((.40, .45, .05, .10), 2.5, 450, 0.6),
    "汽车配件": ((.05, .50, .35, .10), 3.0, 480, 0.9),
    "日用品": ((.20, .35, .10, .35), 2.0, 220, 1.0),
    "个人寄件": ((1.0, .00, .00, .00), 2.0, 240, 1.0),
}

# Daily demand events per industry: (month, first day, last day, multiplier).
EVENTS = {
    "电商": [(11, 1, 11, 3.0), (11, 12, 30, 1.3), (6, 1, 18, 1.6), (7, 1, 31, .92), (12, 1, 12, 1.25)],
    "服装": [(11, 1, 11, 1.9), (6, 1, 18, 1.25), (9, 1, 30, 1.15), (10, 8, 31, 1.2), (7, 1, 31, .85),
           (8, 1, 31, .85)],
    "日用品": [(11, 1, 11, 1.6), (6, 1, 18, 1.2)],
    "家电": [(6, 1, 18, 1.35), (11, 1, 11, 1.5), (8, 1, 31, .9)],
    "食品": [(9, 1, 30, 1.3)],
    "图书": [(2, 20, 29, 1.3), (3, 1, 15, 1.3), (8, 15, 31, 1.4), (9, 1, 15, 1.4), (7, 1, 31, .85)],
    "个人寄件": [(6, 15, 30, 1.8), (7, 1, 10, 1.8), (11, 12, 30, 1.2)],
    "医药": [(12, 1, 31, 1.1), (1, 1, 31, 1.1)],
    "电子": [(9, 1, 30, 1.15), (10, 8, 31, 1.15), (11, 1, 11, 1.3)],
    "IT/通信": [(9, 1, 30, 1.2), (10, 8, 31, 1.1), (11, 1, 11, 1.25)],
    "广告": [(3, 1, 31, 1.1), (4, 1, 30, 1.1), (9, 1, 30, 1.15), (10, 8, 31, 1.15), (11, 1, 30, 1.15),
           (12, 1, 31, 1.15)],
    "汽车配件": [(10, 8, 31, 1.1), (11, 1, 30, 1.1), (12, 1, 31, 1.1)],
}
PRE_FESTIVAL_RUSH = {"食品", "日用品", "电商", "个人寄件"}
CONSUMER = {"电商", "个人寄件"}


def daily_weights() -> np.ndarray:
    """Relative daily demand (industry x day): weekdays, shopping festivals, holidays."""
    dates = pd.DatetimeIndex(DAYS)
    moy, dom, dow = dates.month.to_numpy(), dates.day.to_numpy(), dates.day_of_week.to_numpy()
    offset = (DAYS[None, :] - SPRING_FESTIVAL[:, None]).astype(int)  # festivals x days
    sf_core = ((offset >= -7) & (offset <= 6)).any(axis=0)
    sf_after = ((offset >= 7) & (offset <= 14)).any(axis=0)
    sf_rush = ((offset >= -21) & (offset <= -8)).any(axis=0)
    weights = np.ones((len(INDUSTRIES), N_DAYS))
    for k, industry in enumerate(INDUSTRIES):
        w = np.ones(N_DAYS)
        if industry in CONSUMER:
            w *= np.select([dow == 5, dow == 6], [.9, .8], 1.0)
            w[(moy == 10) & (dom <= 7)] *= .9
        else:
            w *= np.select([dow == 5, dow == 6], [.55, .3], 1.0)
            w[(moy == 10) & (dom <= 7)] *= .45  # National Day golden week
            w[(moy == 5) & (dom <= 5)] *= .6  # Labour Day
        for month, first, last, factor in EVENTS.get(industry, []):
            w[(moy == month) & (dom >= first) & (dom <= last)] *= factor
        if industry in PRE_FESTIVAL_RUSH:
            w[sf_rush] *= 1.25
        w[sf_core] *= .2  # Spring Festival: factories, shops and couriers go home
        w[sf_after] *= .55
        weights[k] = w
    return weights


WEIGHTS = daily_weights()
MONTH_WEIGHT = np.add.reduceat(WEIGHTS, MONTH_FIRST_DAY[:-1], axis=1)  # industry x month
SEASON = MONTH_WEIGHT / MONTH_WEIGHT.mean(axis=1, keepdims=True)

# ---------------------------------------------------------------------------
# Names (all invented). Brand syllables are checked against well-known names.
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
                "任沈姚卢钟谭陆汪范石廖韦覃蓝农莫陶")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玲萍红鹏飞海燕琳婷宇浩凯健斌俊峰晨雪慧颖欣"
             "佳敏志宏建波雯倩晓文琴梅兰春凤云龙辉")
BRAND_CHARS = list("邕鑫瑞泰恒嘉诚源博翔宏佳禾汇景骏铭澜沐拓远亿晟昊宸锦捷凯朗茂楠琪荣森炜祥旭耀裕臻卓湘"
                   "榕粤蓉沁涵聚德盈澄")
BANNED = ["顺丰", "京东", "海尔", "蒙牛", "伊利", "美的", "格力", "华为", "中兴", "阿里", "腾讯", "百度", "苏宁",
          "国美", "申通", "圆通", "中通", "韵达", "德邦", "安能", "百世", "极兔", "邮政", "菜鸟", "天猫", "淘宝",
          "小米", "联想", "海信", "长虹", "康佳", "娃哈哈", "农夫", "五菱", "玉柴", "柳工", "三金", "万科", "华润",
          "中粮", "双汇", "雨润", "恒大", "桂华", "鸿星", "安踏", "立白", "汇源", "达利", "嘉里", "宏图", "信达",
          "远洋", "锦江", "凯撒", "荣昌", "亿达", "博世", "泰康", "瑞幸", "永辉", "华联", "德邦", "恒源", "宏远",
          "嘉禾", "汇景", "森泰", "远景", "荣森", "博源", "锦源", "德泰", "恒泰", "景泰", "泰禾"]
INDUSTRY_WORDS = {
    "电商": ["电子商务", "网络科技", "电商"], "医药": ["医药", "药业", "医疗器械"],
    "IT/通信": ["通信技术", "信息技术", "网络通信"], "电子": ["电子科技", "电子", "光电科技"],
    "服装": ["服饰", "服装", "制衣"], "广告": ["广告", "文化传媒", "广告传媒"],
    "食品": ["食品", "农产品", "糖业"], "家电": ["电器", "家电", "厨卫电器"],
    "图书": ["图书", "文化用品", "书业"], "汽车配件": ["汽车零部件", "汽配", "机械配件"],
    "日用品": ["日化", "日用品", "家居用品"],
}
NANNING_DISTRICTS = ["青秀区", "兴宁区", "江南区", "西乡塘区", "良庆区", "邕宁区", "武鸣区"]
ACCOUNT_MANAGERS = ["韦海燕", "覃志宏", "黄晓琳", "莫俊峰", "蓝春梅", "梁建波", "农雪婷", "陆凯", "谭雯",
                    "卢志强", "钟晨", "蒋丽萍"]


class NameMaker:
    """Hands out unique fictional company and person names."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.used: set[str] = set()

    def brand(self) -> str:
        while True:
            a, b = self.rng.choice(BRAND_CHARS, 2, replace=False)
            brand = a + b
            if not any(bad in brand for bad in BANNED):
                return brand

    def company(self, industry: str, city: str, style: str = "plain") -> str:
        for _ in range(1000):
            word = self.rng.choice(INDUSTRY_WORDS.get(industry, ["商贸"]))
            prefix = self.rng.choice([city, city, city + "市", "广西"]) if city in GX else city
            suffix = "有限责任公司" if self.rng.random() < .12 else "有限公司"
            if style == "group":
                name = f"广西{self.brand()}{word}集团有限公司"
            elif style == "branch":
                name = f"{self.brand()}{word}（{city}）有限公司"
            else:
                name = f"{prefix}{self.brand()}{word}{suffix}"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name pool exhausted")

    def shop(self, industry: str) -> str:
        kind = {"电商": "网店", "服装": "服装店"}.get(industry, "商行")
        while True:
            name = f"{self.rng.choice(NANNING_DISTRICTS)}{self.brand()}{kind}"
            if name not in self.used:
                self.used.add(name)
                return name

    def person(self) -> str:
        while True:
            n = 1 if self.rng.random() < .35 else 2
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN, n))
            if name not in self.used:
                self.used.add(name)
                return name


def pick(rng, table: dict, size=None):
    keys = list(table)
    p = np.array(list(table.values()), dtype=float)
    return rng.choice(keys, size=size, p=p / p.sum())


def date_str(days: np.ndarray) -> np.ndarray:
    """datetime64[D] -> 'YYYY-MM-DD' strings, NaT -> None (written as an empty cell)."""
    out = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype(object)
    out[np.isnat(days)] = None
    return out


def minute_str(stamps: np.ndarray) -> np.ndarray:
    out = np.datetime_as_string(stamps.astype("datetime64[m]"), unit="m").astype(object)
    out = np.array([None if s == "NaT" else s.replace("T", " ") for s in out], dtype=object)
    return out


# ---------------------------------------------------------------------------
# Leads: the sales funnel 线索 -> 合格 -> 拜访 -> 洽谈 -> 成交 (or 流失)
CHANNEL_PROFILE = {  # leads over three years, cost per lead, pass rate of each funnel step
    "转介绍": (115, 320, (.85, .78, .72, .68), (.45, .40, .15)),
    "广告": (300, 55, (.28, .35, .45, .40), (.15, .40, .45)),
    "展会": (105, 780, (.62, .62, .56, .58), (.35, .45, .20)),
    "电话": (190, 140, (.50, .50, .55, .50), (.20, .45, .35)),
    "信函": (85, 170, (.40, .48, .52, .50), (.20, .45, .35)),
    "代理": (70, 480, (.75, .62, .60, .60), (.35, .45, .20)),
    "竞争对手客户": (85, 230, (.60, .52, .60, .55), (.35, .45, .20)),
    "网络平台": (200, 110, (.50, .50, .55, .50), (.25, .45, .30)),
}
FUNNEL = ["线索", "合格", "拜访", "洽谈", "成交"]
LEAD_INDUSTRY = {"电商": .16, "医药": .08, "IT/通信": .07, "电子": .08, "服装": .09, "广告": .05, "食品": .12,
                 "家电": .07, "图书": .05, "汽车配件": .10, "日用品": .13}
RATINGS = ["C", "B", "A", "AA", "AAA"]


def make_leads(names: NameMaker) -> pd.DataFrame:
    rng = rng_for("leads")
    as_of = np.datetime64(AS_OF)
    frames = []
    for channel in CHANNELS:
        n, cost, steps, need_p = CHANNEL_PROFILE[channel]
        # more leads in later years: the sales team grew
        t = rng.random(n) ** 0.85
        created = START + (t * (N_DAYS - 1)).astype(int).astype("timedelta64[D]")
        need = rng.choice(["高", "中", "低"], n, p=need_p)
        auth_p = (.45, .30, .25) if channel in ("转介绍", "代理") else (.25, .40, .35)
        authority = rng.choice(["决策者", "影响者", "使用者"], n, p=auth_p)
        rating = rng.choice(RATINGS, n, p=(.08, .2, .35, .25, .12))
        spend = np.exp(rng.normal(np.log(300_000), 1.0, n))
        spend *= np.select([need == "高", need == "低"], [1.8, .5], 1.0)
        mult_need = np.select([need == "高", need == "低"], [1.18, .72], 1.0)
        mult_auth = np.select([authority == "决策者", authority == "使用者"], [1.2, .8], 1.0)
        mult_credit = np.select([rating == "C", rating == "AAA"], [.55, 1.1], 1.0)
        p = [np.clip(steps[0] * mult_need * mult_credit, 0, .97), np.clip(steps[1] * mult_need, 0, .97),
             np.clip(steps[2] * mult_auth, 0, .97), np.clip(steps[3] * mult_auth, 0, .97)]
        passed = np.ones(n, dtype=bool)
        furthest = np.zeros(n, dtype=int)
        for k in range(4):
            passed = passed & (rng.random(n) < p[k])
            furthest += passed
        gaps = np.stack([rng.gamma(2, s, n) + 1 for s in (4, 6, 8, 12)], axis=1).astype(int)
        stage_dates = created[:, None] + np.cumsum(gaps, axis=1).astype("timedelta64[D]")
        lost_gap = (rng.gamma(2, 15, n) + 3).astype(int).astype("timedelta64[D]")
        frames.append(pd.DataFrame({
            "channel": channel, "created": created, "need": need, "authority": authority,
            "rating": rating, "spend": spend, "furthest_planned": furthest,
            "d1": stage_dates[:, 0], "d2": stage_dates[:, 1], "d3": stage_dates[:, 2], "d4": stage_dates[:, 3],
            "lost_gap": lost_gap, "stall": rng.random(n) < .05,
            "cost": cost * np.exp(rng.normal(0, .3, n)),
        }))
    df = pd.concat(frames, ignore_index=True)
    df = df.sort_values(["created", "channel"], kind="stable").reset_index(drop=True)
    n = len(df)
    stage_dates = df[["d1", "d2", "d3", "d4"]].to_numpy().astype("datetime64[D]")
    planned = df["furthest_planned"].to_numpy()
    created = df["created"].to_numpy().astype("datetime64[D]")
    # censor at as_of: a step dated after as_of has not happened yet
    reached = np.zeros(n, dtype=int)
    for k in range(4):
        reached += (planned > k) & (stage_dates[:, k] <= as_of)
    won = (planned == 4) & (reached == 4)
    last_date = np.where(reached[:, None] > 0,
                         stage_dates[np.arange(n), np.maximum(reached - 1, 0)][:, None], created[:, None])[:, 0]
    lost_date = last_date + df["lost_gap"].to_numpy().astype("timedelta64[D]")
    lost = (planned < 4) & (reached == planned) & (lost_date <= as_of) & ~df["stall"].to_numpy()

    industry = pick(rng, LEAD_INDUSTRY, n)
    city = pick(rng, {c: w for c, w in CUSTOMER_CITY_WEIGHTS.items() if c != "广州"}, n)
    city[(industry == "汽车配件") & (rng.random(n) < .55)] = "柳州"
    distance = DIST[CITY_INDEX["南宁"], [CITY_INDEX[c] for c in city]]
    distance = np.where(city == "南宁", rng.uniform(3, 40, n), distance * rng.uniform(.95, 1.08, n))
    stage_names = np.array(FUNNEL)
    stage = np.where(won, "成交", np.where(lost, "流失", stage_names[reached]))
    nat = np.datetime64("NaT")

    def stage_date(k):
        return np.where(reached >= k, stage_dates[:, k - 1], nat)

    leads = pd.DataFrame({
        "lead_id": [f"XS{i + 1:05d}" for i in range(n)],
        "company": [names.company(ind, c) for ind, c in zip(industry, city)],
        "industry": industry,
        "city": city,
        "distance_km": np.round(distance, 1),
        "channel": df["channel"].to_numpy(),
        "channel_cost": np.round(df["cost"].to_numpy(), 2),
        "need_level": df["need"].to_numpy(),
        "annual_logistics_spend": np.round(df["spend"].to_numpy(), -3),
        "decision_authority": df["authority"].to_numpy(),
        "credit_rating": df["rating"].to_numpy(),
        "stage": stage,
        "furthest_stage": stage_names[reached],
        "created_date": created,
        "qualified_date": stage_date(1),
        "visit_date": stage_date(2),
        "negotiation_date": stage_date(3),
        "won_date": np.where(won, stage_dates[:, 3], nat),
        "lost_date": np.where(lost, lost_date, nat),
        "customer_id": None,
    })
    return leads


# ---------------------------------------------------------------------------
# Customers and their monthly plan (lifecycle shape x seasonality)
PRE_EXISTING = 180
PRE_INDUSTRY = {"电商": .15, "医药": .08, "IT/通信": .06, "电子": .07, "服装": .09, "广告": .05, "食品": .11,
                "家电": .07, "图书": .05, "汽车配件": .09, "日用品": .10, "个人寄件": .08}
# the express-heavy key accounts (大客户, > 5,000 waybills a year)
BIG_ACCOUNTS = [("电商", "成熟期", 680), ("电商", "成长期", 620), ("电商", "成熟期", 780),
                ("日用品", "成熟期", 600), ("服装", "成长期", 560), ("医药", "成熟期", 580),
                ("电商", "衰退期", 700)]
# freight key accounts: few waybills, most of the revenue (整车, 零担, 仓配)
FREIGHT_ACCOUNTS = [("汽车配件", "成熟期", 94, "柳州", (0, .45, .45, .10)),
                    ("汽车配件", "成熟期", 74, "柳州", (0, .50, .40, .10)),
                    ("家电", "成熟期", 81, "南宁", (.05, .35, .30, .30)),
                    ("食品", "成长期", 68, "南宁", (.05, .40, .30, .25)),
                    ("汽车配件", "衰退期", 68, "柳州", (0, .55, .35, .10)),
                    ("日用品", "成熟期", 108, "南宁", (.10, .30, .20, .40)),
                    ("食品", "成熟期", 61, "玉林", (.05, .45, .30, .20)),
                    ("家电", "成熟期", 61, "南宁", (.05, .40, .30, .25))]
KEY_ACCOUNTS = len(BIG_ACCOUNTS) + len(FREIGHT_ACCOUNTS)
STAGES = ["成长期", "成熟期", "衰退期", "终止期"]


def window_ratio(expected: np.ndarray) -> float:
    """Jul-Dec 2025 over Jul-Dec 2024: the year-over-year ratio of the lifecycle rule."""
    before = expected[18:24].sum()
    return expected[30:36].sum() / before if before > 0 else np.inf


def lifecycle_curve(rng, stage: str, start: int, season: np.ndarray) -> tuple[np.ndarray, int]:
    """Monthly activity level (1 = the customer's normal) and the last active month."""
    m = np.arange(N_MONTHS, dtype=float)
    since = m - start
    if start < 0:  # a customer from before 2023 is already at its normal level
        ramp = np.ones(N_MONTHS)
    else:
        ramp = np.where(since >= 0, 1 - (1 - rng.uniform(.25, .45)) * np.exp(-since / rng.uniform(1, 2)), 0.0)
    stop = N_MONTHS - 1
    for _ in range(200):
        if stage == "成熟期":
            curve = ramp * (1 + rng.uniform(-.035, .035) * (m - 18) / 12)
            ok = .93 <= window_ratio(curve * season) <= 1.07
        elif stage == "成长期" and start >= 24:  # new this year: grows by tenure
            tau = rng.uniform(1.5, 4)
            curve = np.where(since >= 0, 1 - (1 - rng.uniform(.15, .3)) * np.exp(-since / tau), 0.0)
            ok = True
        elif stage == "成长期":
            low, mid, width = rng.uniform(.25, .5), rng.uniform(19, 29), rng.uniform(1.5, 3.5)
            curve = ramp * (low + (1 - low) / (1 + np.exp(-(m - mid) / width)))
            ok = window_ratio(curve * season) >= 1.4
        elif stage == "衰退期":
            onset, floor, tau = rng.integers(14, 25), rng.uniform(.15, .5), rng.uniform(3, 8)
            curve = ramp * np.where(m < onset, 1.0, floor + (1 - floor) * np.exp(-(m - onset) / tau))
            ok = window_ratio(curve * season) <= .6
        else:  # 终止期
            stop = int(rng.integers(max(start + 6, 3), 33)) if start < 27 else int(rng.integers(start + 3, 33))
            fade = 0 if rng.random() < .4 else int(rng.integers(3, 7))
            shape = np.clip((stop - m) / max(fade, 1), 0, 1) * .65 + .35 if fade else np.ones(N_MONTHS)
            curve = ramp * np.where(m <= stop, shape, 0.0)
            ok = True
        if ok:
            return curve, stop
    raise RuntimeError(f"no curve found for {stage}")


def make_customers(leads: pd.DataFrame, names: NameMaker):
    rng = rng_for("customers")
    as_of = np.datetime64(AS_OF)
    won = leads[leads["stage"] == "成交"]
    n_won = len(won)
    n = PRE_EXISTING + n_won
    industry = np.concatenate([pick(rng, PRE_INDUSTRY, PRE_EXISTING), won["industry"].to_numpy()])
    city = np.concatenate([pick(rng, CUSTOMER_CITY_WEIGHTS, PRE_EXISTING), won["city"].to_numpy()])
    pre_auto = (industry[:PRE_EXISTING] == "汽车配件") & (rng.random(PRE_EXISTING) < .55)
    city[:PRE_EXISTING][pre_auto] = "柳州"
    for k, (ind, _, _) in enumerate(BIG_ACCOUNTS):
        industry[k], city[k] = ind, "南宁"
    for k, (ind, _, _, home, _) in enumerate(FREIGHT_ACCOUNTS, start=len(BIG_ACCOUNTS)):
        industry[k], city[k] = ind, home
    city[industry == "个人寄件"] = "南宁"

    # start month (in-window starters only) and start day
    won_dates = won["won_date"].to_numpy().astype("datetime64[D]")
    first_order = won_dates + rng.integers(3, 21, n_won).astype("timedelta64[D]")
    first_order = np.minimum(first_order, as_of)
    start_day = np.concatenate([np.full(PRE_EXISTING, -1), (first_order - START).astype(int)])
    start_month = np.where(start_day >= 0, MONTH_OF_DAY[np.maximum(start_day, 0)], -1)

    # planted lifecycle stage
    stage = np.empty(n, dtype=object)
    stage[:PRE_EXISTING] = rng.choice(STAGES, PRE_EXISTING, p=(.10, .58, .16, .16))
    for k, (_, big_stage, _) in enumerate(BIG_ACCOUNTS):
        stage[k] = big_stage
    for k, (_, big_stage, _, _, _) in enumerate(FREIGHT_ACCOUNTS, start=len(BIG_ACCOUNTS)):
        stage[k] = big_stage
    for i in range(PRE_EXISTING, n):
        s = start_month[i]
        if s >= 24:
            stage[i] = "终止期" if (s <= 27 and rng.random() < .15) else "成长期"
        else:
            stage[i] = rng.choice(STAGES, p=(.25, .40, .15, .20))
            if stage[i] == "成熟期" and s > 14:
                stage[i] = "成长期"
            if stage[i] == "衰退期" and s > 17:
                stage[i] = "成熟期" if s <= 14 else "成长期"

    # size: normal monthly waybills; won customers scale with their logistics spend
    z = rng.normal(0, 1, n)
    spend = won["annual_logistics_spend"].to_numpy()
    z[PRE_EXISTING:] = .6 * (np.log(spend) - np.log(300_000)) / 1.1 + .8 * z[PRE_EXISTING:]
    level = np.exp(np.log(9) + .85 * z)
    personal = industry == "个人寄件"
    level[personal] = np.exp(np.log(4) + .45 * z[personal])
    level = np.clip(level, np.where(personal, 2.5, 3.5), 260)
    for k, (_, _, big_level) in enumerate(BIG_ACCOUNTS):
        level[k] = big_level
    for k, (_, _, big_level, _, _) in enumerate(FREIGHT_ACCOUNTS, start=len(BIG_ACCOUNTS)):
        level[k] = big_level

    # service mix
    mix = np.zeros((n, 4))
    for i in range(n):
        base = np.array(PROFILE[industry[i]][0]) + .005
        mix[i] = rng.dirichlet(base * 3)
    for k, (ind, _, _) in enumerate(BIG_ACCOUNTS):
        express = .55 if ind == "日用品" else rng.uniform(.74, .86)
        mix[k] = (express, .02, 0, .98 - express)
    for k, (_, _, _, _, freight_mix) in enumerate(FREIGHT_ACCOUNTS, start=len(BIG_ACCOUNTS)):
        mix[k] = freight_mix
    mix[personal] = (1, 0, 0, 0)

    ind_idx = np.array([INDUSTRIES.index(x) for x in industry])
    curves = np.zeros((n, N_MONTHS))
    stop_month = np.full(n, N_MONTHS - 1)
    for i in range(n):
        curves[i], stop_month[i] = lifecycle_curve(rng, stage[i], start_month[i], SEASON[ind_idx[i]])

    # service quality each customer experienced: the churners were served worse
    late_base = {"成长期": .04, "成熟期": .045, "衰退期": .085, "终止期": .12}
    p_late = np.array([late_base[s] for s in stage]) * np.exp(rng.normal(0, .35, n))
    # not every leaver was badly served: some left over price or closed down
    other_reasons = (stage == "终止期") & (rng.random(n) < .4)
    p_late[other_reasons] = .045 * np.exp(rng.normal(0, .35, other_reasons.sum()))
    p_late = np.clip(p_late, .01, .35)
    remote = np.isin(city, list(REMOTE))
    p_late[remote] *= 1.2

    # pricing: big accounts bargain harder; cost to serve differs by customer
    discount = np.clip(1.02 - .05 * np.log(level / 8), .78, 1.04) * np.exp(rng.normal(0, .03, n))
    discount[personal] = rng.uniform(1.0, 1.1, personal.sum())
    cost_to_serve = np.exp(rng.normal(0, .10, n))
    awkward = rng.random(n) < .10  # many small drops, returns, special handling
    cost_to_serve[awkward] *= rng.uniform(1.12, 1.3, awkward.sum())
    cost_to_serve[remote] *= 1.08

    plan = pd.DataFrame({
        "industry": industry, "city": city, "stage": stage, "level": level,
        "start_month": start_month, "start_day": start_day, "stop_month": stop_month,
        "p_late": p_late, "discount": discount, "cost_to_serve": cost_to_serve,
        "ind_idx": ind_idx, "is_big": np.arange(n) < KEY_ACCOUNTS,
    })
    plan["lead_id"] = [None] * PRE_EXISTING + won["lead_id"].tolist()
    plan["channel"] = list(pick(rng, {"转介绍": .22, "广告": .12, "展会": .14, "电话": .14, "信函": .06,
                                      "代理": .10, "竞争对手客户": .08, "网络平台": .14}, PRE_EXISTING)) \
        + won["channel"].tolist()
    plan["rating"] = list(rng.choice(RATINGS, PRE_EXISTING, p=(.06, .18, .36, .26, .14))) \
        + won["credit_rating"].tolist()
    # a few credit downgrades among the leavers
    worse = np.isin(stage, ["衰退期", "终止期"]) & (rng.random(n) < .35)
    plan.loc[worse, "rating"] = [RATINGS[max(RATINGS.index(r) - 1, 0)] for r in plan.loc[worse, "rating"]]

    # names
    customer_type = np.where(personal, "个体", "组织")
    small_shop = np.isin(industry, ["电商", "服装"]) & (level < 9) & (rng.random(n) < .5)
    small_shop[:KEY_ACCOUNTS] = False
    small_shop[PRE_EXISTING:] = False  # won leads keep their company name
    customer_type[small_shop] = "个体"
    name = np.empty(n, dtype=object)
    name[PRE_EXISTING:] = won["company"].to_numpy()
    for i in range(PRE_EXISTING):
        if personal[i]:
            name[i] = f"{names.person()}（个人）"
        elif small_shop[i]:
            name[i] = names.shop(industry[i])
        else:
            name[i] = names.company(industry[i], city[i], "group" if i < KEY_ACCOUNTS else "plain")
    plan["name"] = name
    plan["customer_type"] = customer_type
    plan["mix"] = list(mix)
    plan["curve"] = list(curves)
    pre_first = START - rng.integers(30, 365 * 9, PRE_EXISTING).astype("timedelta64[D]")
    plan["first_order"] = np.concatenate([pre_first, first_order]).astype("datetime64[D]")
    return plan


def monthly_counts(plan: pd.DataFrame) -> np.ndarray:
    """Waybills per customer and month: expected level x lifecycle x season, lightly noised."""
    rng = rng_for("monthly_counts")
    curves = np.stack(plan["curve"].to_numpy())
    expected = plan["level"].to_numpy()[:, None] * curves * SEASON[plan["ind_idx"].to_numpy()]
    # the start month only counts from the first order day on
    for i in np.flatnonzero(plan["start_day"].to_numpy() >= 0):
        s, d = plan.at[i, "start_month"], plan.at[i, "start_day"]
        w = WEIGHTS[plan.at[i, "ind_idx"], MONTH_FIRST_DAY[s]:MONTH_FIRST_DAY[s + 1]]
        expected[i, s] *= w[d - MONTH_FIRST_DAY[s]:].sum() / w.sum()
    noisy = expected * np.exp(rng.normal(0, .08, expected.shape))
    counts = np.floor(noisy + rng.random(expected.shape)).astype(int)
    starters = np.flatnonzero(plan["start_day"].to_numpy() >= 0)
    counts[starters, plan["start_month"].to_numpy()[starters]] = np.maximum(
        counts[starters, plan["start_month"].to_numpy()[starters]], 1)
    return counts


# ---------------------------------------------------------------------------
# Shipments
def sample_days(rng, ind_idx, month, lo_day, hi_day) -> np.ndarray:
    """Draw a day for each waybill from its industry's daily weights within the month."""
    flat = WEIGHTS.ravel()
    cum = np.cumsum(flat)
    base = ind_idx * N_DAYS
    first = base + MONTH_FIRST_DAY[month]
    last = base + MONTH_FIRST_DAY[month + 1]  # exclusive
    lo = base + np.maximum(MONTH_FIRST_DAY[month], lo_day)
    hi = base + np.minimum(MONTH_FIRST_DAY[month + 1], hi_day)
    below = np.where(lo > 0, cum[lo - 1], 0.0)
    top = cum[hi - 1]
    target = below + rng.random(len(month)) * (top - below)
    idx = np.searchsorted(cum, target, side="right")
    idx = np.clip(idx, np.maximum(lo, first), np.minimum(hi, last) - 1)
    return idx - base


def make_shipments(plan: pd.DataFrame, counts: np.ndarray) -> pd.DataFrame:
    rng = rng_for("shipments")
    n_cust = len(plan)
    flat = counts.ravel()
    cell = np.repeat(np.arange(flat.size), flat)
    cust = cell // N_MONTHS
    month = cell % N_MONTHS
    n = len(cust)
    ind_idx = plan["ind_idx"].to_numpy()[cust]
    start_day = plan["start_day"].to_numpy()
    stop_month = plan["stop_month"].to_numpy()
    # leavers stop on a random day of their last month
    stop_day = np.where(stop_month < N_MONTHS - 1,
                        MONTH_FIRST_DAY[stop_month] + rng.integers(5, 28, n_cust), N_DAYS)
    day = sample_days(rng, ind_idx, month, np.maximum(start_day[cust], 0), stop_day[cust])
    # the first waybill of a new customer is on its first order date
    order = np.lexsort((day, cust))
    first_pos = order[np.r_[0, np.flatnonzero(np.diff(cust[order])) + 1]]
    starters = start_day[cust[first_pos]] >= 0
    day[first_pos[starters]] = start_day[cust[first_pos[starters]]]

    # service and lane
    mix = np.stack(plan["mix"].to_numpy())
    cum_mix = np.cumsum(mix, axis=1)
    service = (rng.random(n)[:, None] > cum_mix[cust]).sum(axis=1).clip(0, 3)
    origin = np.array([CITY_INDEX[c] for c in plan["city"]])[cust]
    dest = np.empty(n, dtype=int)
    for s, sname in enumerate(SERVICES):
        sel = service == s
        out = rng.random(sel.sum()) < OUT_SHARE[sname]
        gx = np.array([CITY_INDEX[c] for c in pick(rng, GX_DEST, sel.sum())])
        ot = np.array([CITY_INDEX[c] for c in pick(rng, OUT_DEST[sname], sel.sum())])
        dest[sel] = np.where(out, ot, gx)
    favourite = np.array([CITY_INDEX[c] for c in pick(rng, {**GX_DEST, "广州": .15, "深圳": .08}, n_cust)])
    use_fav = rng.random(n) < .3
    dest[use_fav] = favourite[cust[use_fav]]
    trunk = (service == 1) | (service == 2)  # LTL and FTL never go within one city
    same = trunk & (dest == origin)
    dest[same] = np.where(origin[same] == CITY_INDEX["南宁"], CITY_INDEX["柳州"], CITY_INDEX["南宁"])
    dist = DIST[origin, dest]

    # goods
    industries = np.array(INDUSTRIES)[ind_idx]
    parcel_kg = np.array([PROFILE[x][1] for x in INDUSTRIES])[ind_idx]
    density = np.array([PROFILE[x][2] for x in INDUSTRIES])[ind_idx] * np.exp(rng.normal(0, .3, n))
    weight = np.empty(n)
    pieces = np.ones(n, dtype=int)
    e, l, f, w = (service == k for k in range(4))
    weight[e] = np.clip(parcel_kg[e] * np.exp(rng.normal(0, .7, e.sum())), .1, 30)
    pieces[e] = rng.choice([1, 2, 3], e.sum(), p=(.88, .09, .03))
    weight[l] = np.clip(300 * np.exp(rng.normal(0, .8, l.sum())), 30, 5000)
    pieces[l] = np.ceil(weight[l] / rng.uniform(15, 40, l.sum())).astype(int)
    truck = rng.choice(4, f.sum(), p=(.3, .3, .28, .12))
    cap_t = np.array([3000, 8000, 15000, 30000])[truck]
    cap_v = np.array([16, 38, 55, 80])[truck]
    weight[f] = np.minimum(cap_t, cap_v * density[f]) * rng.uniform(.6, .95, f.sum())
    pieces[f] = np.ceil(weight[f] / rng.uniform(20, 60, f.sum())).astype(int)
    weight[w] = np.clip(120 * np.exp(rng.normal(0, .8, w.sum())), 5, 2000)
    pieces[w] = np.ceil(weight[w] / rng.uniform(8, 25, w.sum())).astype(int)
    weight = np.where(weight >= 100, np.round(weight, 0), np.round(weight, 1))
    weight = np.maximum(weight, .1)
    volume = np.round(np.maximum(weight / density, .0005), 4)
    chargeable = np.maximum(weight, volume * 1e6 / 6000)

    # list price (元) by service, then the customer's contract discount
    price = np.empty(n)
    zone = np.select([dist < 20, dist < 400, dist < 900], [0, 1, 2], 3)
    first_kg = np.array([8.0, 10.0, 12.0, 15.0])[zone]
    extra_kg = np.array([1.5, 2.0, 4.0, 6.0])[zone]
    price[e] = first_kg[e] + extra_kg[e] * np.maximum(np.ceil(chargeable[e]) - 1, 0)
    price[l] = np.maximum(60, chargeable[l] * (.25 + .0009 * dist[l]))
    per_km = np.array([3.5, 5.0, 6.5, 8.0])[truck]
    price[f] = np.clip(800 + per_km * dist[f], 2000, 9000)
    price[w] = 20 + chargeable[w] * (.42 + .0006 * dist[w])
    revenue = np.round(price * plan["discount"].to_numpy()[cust] * np.exp(rng.normal(0, .02, n)), 2)
    cost_rate = np.array([.58, .66, .78, .64])[service]
    fixed = np.array([1.5, 20, 120, 8])[service]
    remote = np.isin(dest, [CITY_INDEX[c] for c in REMOTE])
    cost = (price * cost_rate * (1 + .1 * remote) + fixed) * plan["cost_to_serve"].to_numpy()[cust]
    cost = np.round(cost * np.exp(rng.normal(0, .05, n)), 2)

    # dates and service outcome
    order_date = DAYS[day]
    lag = np.where(f, rng.choice(3, n, p=(.6, .3, .1)), np.where(l, rng.choice(3, n, p=(.5, .4, .1)),
                                                                 rng.choice(2, n, p=(.75, .25))))
    ship_date = order_date + lag.astype("timedelta64[D]")
    transit = np.select(
        [e & (dist < 20), e & (dist < 300), e & (dist < 800), e,
         l, f, w & (dist < 20)],
        [1, 1, 2, 3, np.ceil(dist / 400) + 1, np.maximum(np.ceil(dist / 600), 1), 1], 2).astype(int)
    promised = ship_date + transit.astype("timedelta64[D]")
    dates = pd.DatetimeIndex(order_date)
    moy, dom = dates.month.to_numpy(), dates.day.to_numpy()
    off = (order_date[:, None] - SPRING_FESTIVAL[None, :]).astype(int)
    festival = ((off >= -10) & (off <= 10)).any(axis=1)
    peak = np.where((moy == 11) & (dom <= 20), np.where(e, 1.8, 1.3), 1.0)
    peak = np.where(festival, 2.0, peak) * np.where((moy == 6) & (dom <= 20), 1.2, 1.0)
    p_late = plan["p_late"].to_numpy()[cust] * peak * np.array([1.0, 1.2, .7, .8])[service]
    p_late *= np.where(dist > 800, 1.3, 1.0)
    # leavers got worse service in their last months
    months_left = stop_month[cust] - month
    p_late *= np.where((stop_month[cust] < N_MONTHS - 1) & (months_left < 4), 1.6, 1.0)
    late = rng.random(n) < np.clip(p_late, 0, .6)
    delay = np.minimum(rng.geometric(.55, n), 6)
    early = ~late & (transit >= 2) & (rng.random(n) < .15)
    delivered = promised + np.where(late, delay, np.where(early, -1, 0)).astype("timedelta64[D]")

    quality = (plan["p_late"].to_numpy() / .05) ** .6
    q = quality[cust]
    fragility = np.array([PROFILE[x][3] for x in INDUSTRIES])[ind_idx]
    lost = rng.random(n) < .0010 * q * np.array([1.5, 1.0, .2, .6])[service]
    damaged = ~lost & (rng.random(n) < .005 * fragility * q * np.array([1.0, 1.4, .6, .8])[service])
    short = ~lost & (pieces > 1) & (rng.random(n) < .008 * q)
    docs_ok = rng.random(n) >= np.where(industries == "医药", .03, .02) * np.sqrt(q)
    delivered = np.where(lost, np.datetime64("NaT"), delivered).astype("datetime64[D]")
    on_time = ~lost & (delivered <= promised)

    ship = pd.DataFrame({
        "customer_pos": cust, "day": day, "order_date": order_date, "ship_date": ship_date,
        "promised_date": promised, "delivered_date": delivered,
        "origin": np.array(CITY_NAMES)[origin], "destination": np.array(CITY_NAMES)[dest],
        "service": np.array(SERVICES)[service], "pieces": pieces, "weight_kg": weight,
        "volume_m3": volume, "revenue": revenue, "cost": cost, "on_time": on_time,
        "complete": ~lost & ~short, "damaged": damaged, "lost": lost, "documents_correct": docs_ok,
        "delay_days": np.where(late & ~lost, delay, 0),
    })
    ship = ship.sort_values(["day", "customer_pos"], kind="stable").reset_index(drop=True)
    seq = ship.groupby("day").cumcount().to_numpy() + 1
    stamp = pd.DatetimeIndex(ship["order_date"]).strftime("%y%m%d").to_numpy()
    ship.insert(0, "waybill_id", "W" + pd.Series(stamp) + pd.Series(seq).astype(str).str.zfill(4))
    return ship


# ---------------------------------------------------------------------------
# Complaints
def make_complaints(ship: pd.DataFrame, plan: pd.DataFrame, customer_ids: np.ndarray) -> pd.DataFrame:
    rng = rng_for("complaints")
    n = len(ship)
    lost = ship["lost"].to_numpy()
    damaged = ship["damaged"].to_numpy()
    short = ~ship["complete"].to_numpy() & ~lost
    delay = ship["delay_days"].to_numpy()
    late = delay > 0
    docs_bad = ~ship["documents_correct"].to_numpy()
    personal = (plan["customer_type"].to_numpy() == "个体")[ship["customer_pos"].to_numpy()]
    p = np.select([lost, damaged, short, late, docs_bad],
                  [.65, .30, .25, np.minimum(.02 + .025 * delay, .15), .04], .0008)
    p = p * np.where(personal, 1.3, 1.0)
    hit = np.flatnonzero(rng.random(n) < p)
    category = np.select(
        [lost[hit] | short[hit], damaged[hit], late[hit], docs_bad[hit]],
        ["丢失", "破损", "延误", np.where(rng.random(len(hit)) < .6, "信息不准", "费用争议")], "")
    normal = category == ""
    category[normal] = rng.choice(["服务态度", "信息不准", "费用争议", "其他", "延误", "破损"], normal.sum(),
                                  p=(.3, .2, .2, .15, .1, .05))
    order = ship["order_date"].to_numpy().astype("datetime64[D]")
    promised = ship["promised_date"].to_numpy().astype("datetime64[D]")
    delivered = ship["delivered_date"].to_numpy().astype("datetime64[D]")
    k = len(hit)
    lag = lambda lo, hi: rng.integers(lo, hi + 1, k).astype("timedelta64[D]")  # noqa: E731
    base = np.select(
        [lost[hit], late[hit] & (category == "延误"), np.isin(category, ["破损", "丢失"]),
         np.isin(category, ["信息不准", "费用争议"])],
        [promised[hit] + lag(1, 4), promised[hit] + np.minimum(lag(1, 3), delay[hit].astype("timedelta64[D]")),
         delivered[hit] + lag(0, 2), delivered[hit] + lag(1, 10)],
        order[hit] + lag(0, 5))
    linked = pd.DataFrame({"pos": hit, "category": category, "day": base})

    # complaints not tied to one waybill: rude pickup staff, billing, other
    m = 140
    some = rng.integers(0, n, m)
    loose = pd.DataFrame({
        "pos": some, "category": rng.choice(["服务态度", "费用争议", "其他"], m, p=(.45, .35, .2)),
        "day": order[some] + rng.integers(0, 11, m).astype("timedelta64[D]"), "loose": True})
    linked["loose"] = False
    c = pd.concat([linked, loose], ignore_index=True)
    hour = rng.choice(np.arange(7, 23), len(c), p=np.array([2, 6, 9, 10, 9, 7, 7, 9, 9, 8, 7, 6, 5, 4, 2, 1]) / 101)
    received = (c["day"].to_numpy().astype("datetime64[m]") + (hour * 60 + rng.integers(0, 60, len(c)))
                .astype("timedelta64[m]"))
    keep = received < np.datetime64("2026-01-01T00:00")
    c, received = c[keep].reset_index(drop=True), received[keep]
    k = len(c)
    cat = c["category"].to_numpy()
    pos = c["pos"].to_numpy()
    sev = np.empty(k, dtype=object)
    for name, probs in {"丢失": (0, .3, .7), "破损": (.3, .55, .15), "延误": (.7, .25, .05)}.items():
        sel = cat == name
        sev[sel] = rng.choice(["一般", "较重", "严重"], sel.sum(), p=probs)
    other = ~np.isin(cat, ["丢失", "破损", "延误"])
    sev[other] = rng.choice(["一般", "较重", "严重"], other.sum(), p=(.8, .18, .02))
    big_delay = (cat == "延误") & (delay[pos] >= 3) & (sev == "一般")
    sev[big_delay] = "较重"
    channel = np.where(sev == "严重", rng.choice(["电话", "微信", "邮件", "网站", "当面", "邮政管理部门转办"], k,
                                                p=(.35, .2, .05, .08, .07, .25)),
                       rng.choice(["电话", "微信", "邮件", "网站", "当面", "邮政管理部门转办"], k,
                                  p=(.40, .32, .06, .12, .05, .05)))

    minutes = (received - received.astype("datetime64[D]")).astype(int)
    in_hours = (minutes >= 510) & (minutes <= 1200)
    next_morning = received.astype("datetime64[D]") + np.timedelta64(1, "D")
    start = np.where(in_hours, received, next_morning.astype("datetime64[m]") + np.timedelta64(510, "m"))
    wait = np.exp(rng.normal(np.log(25), 1.0, k))
    slow = rng.random(k) < .05
    wait[slow] += rng.uniform(4 * 60, 48 * 60, slow.sum())
    first_response = start + np.round(wait).astype("timedelta64[m]")
    median_hours = {"延误": 10, "破损": 48, "丢失": 96, "服务态度": 6, "信息不准": 8, "费用争议": 72, "其他": 24}
    hours = np.array([median_hours[x] for x in cat]) * np.exp(rng.normal(0, .9, k))
    hours *= np.where(sev == "严重", 1.5, 1.0)
    resolved = first_response + np.round(hours * 60).astype("timedelta64[m]")
    stuck = rng.random(k) < .03
    open_case = stuck | (resolved > EXPORT_DATE.astype("datetime64[m]"))
    resolved = np.where(open_case, np.datetime64("NaT"), resolved).astype("datetime64[m]")
    to_resolve_h = (resolved - received).astype("timedelta64[m]").astype(float) / 60
    quick = ~open_case & (to_resolve_h <= 24)
    simple = np.isin(cat, ["延误", "服务态度", "信息不准", "其他"])
    fcr = ~open_case & (rng.random(k) < np.where(quick & simple, .75, np.where(quick, .35, .08)))

    revenue = ship["revenue"].to_numpy()[pos]
    svc = ship["service"].to_numpy()[pos]
    value = np.where(svc == "快递", np.exp(rng.normal(np.log(350), .8, k)), np.exp(rng.normal(np.log(2500), .9, k)))
    comp = np.select(
        [cat == "丢失", cat == "破损", (cat == "延误") & (rng.random(k) < .35), cat == "费用争议"],
        [value, value * rng.uniform(.1, .5, k), revenue * rng.uniform(.2, 1.0, k), revenue * rng.uniform(0, .3, k)],
        0.0)
    comp = np.where(c["loose"].to_numpy() & (cat == "费用争议"), rng.uniform(20, 300, k), comp)
    comp = np.round(comp, 2)
    days_taken = np.nan_to_num(to_resolve_h / 24, nan=10)
    score = 1.0 + 1.0 * fcr - .25 * days_taken + .8 * (comp > 0) - .6 * (sev == "严重")
    satisfied = pd.array(rng.random(k) < 1 / (1 + np.exp(-score)), dtype="boolean")
    satisfied[open_case | (rng.random(k) < .10)] = pd.NA

    out = pd.DataFrame({
        "customer_id": customer_ids[ship["customer_pos"].to_numpy()[pos]],
        "waybill_id": np.where(c["loose"].to_numpy(), None, ship["waybill_id"].to_numpy()[pos]),
        "received_at": received, "intake_channel": channel, "category": cat, "severity": sev,
        "first_response_at": first_response, "resolved_at": resolved,
        "first_contact_resolved": fcr, "compensation": comp, "satisfied": satisfied,
    })
    out = out.sort_values(["received_at", "customer_id"], kind="stable").reset_index(drop=True)
    out.insert(0, "complaint_id", [f"TS{i + 1:05d}" for i in range(len(out))])
    for col in ("received_at", "first_response_at", "resolved_at"):
        out[col] = minute_str(out[col].to_numpy())
    return out


# ---------------------------------------------------------------------------
# Customers table
def customers_table(plan: pd.DataFrame, ship: pd.DataFrame, customer_ids: np.ndarray) -> pd.DataFrame:
    rng = rng_for("customer_details")
    n = len(plan)
    yearly = ship.groupby("customer_pos")["revenue"].sum().reindex(range(n), fill_value=0).to_numpy() / 3
    rank = pd.Series(yearly).rank(pct=True).to_numpy()
    relationship = np.where(rank > .93, rng.choice(["联盟型", "合同型"], n, p=(.45, .55)),
                            np.where(rank > .45, rng.choice(["合同型", "交易型"], n, p=(.65, .35)),
                                     rng.choice(["合同型", "交易型"], n, p=(.2, .8))))
    relationship = np.where(plan["customer_type"].to_numpy() == "个体", "交易型", relationship)
    terms = np.select([relationship == "联盟型", relationship == "合同型"],
                      [rng.choice([60, 90], n), rng.choice([30, 30, 45, 60], n)], rng.choice([0, 0, 7], n))
    terms = np.where((plan["industry"].to_numpy() == "医药") & (terms >= 30), terms + 30, terms)
    managers = np.array(ACCOUNT_MANAGERS)
    manager = managers[rng.integers(0, len(managers), n)]
    manager[rank > .9] = rng.choice(managers[:4], (rank > .9).sum())
    # in-window customers: first_order_date is their first waybill; older ones are earlier
    first_day = ship.groupby("customer_pos")["order_date"].min().reindex(range(n)).to_numpy()
    first_order = np.where(plan["start_day"].to_numpy() >= 0, first_day.astype("datetime64[D]"),
                           plan["first_order"].to_numpy().astype("datetime64[D]"))
    return pd.DataFrame({
        "customer_id": customer_ids,
        "name": plan["name"].to_numpy(),
        "customer_type": plan["customer_type"].to_numpy(),
        "industry": plan["industry"].to_numpy(),
        "city": plan["city"].to_numpy(),
        "province": [CITIES[c][2] for c in plan["city"]],
        "acquisition_channel": plan["channel"].to_numpy(),
        "first_order_date": date_str(first_order),
        "relationship_type": relationship,
        "motive_type": rng.choice(["经济型", "道德型", "个性化", "方便型"], n, p=(.45, .15, .15, .25)),
        "credit_rating": plan["rating"].to_numpy(),
        "payment_terms_days": terms.astype(int),
        "account_manager": manager,
        "lead_id": plan["lead_id"].to_numpy(),
    })


# ---------------------------------------------------------------------------
# prospect_list_raw: a deliberately dirty list for the clean-up exercise
FULL = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"})


def full_width(text: str) -> str:
    return text.translate(FULL)


def make_prospect_list(names: NameMaker):
    """Return the raw list, the table of planted defects and the number of distinct companies."""
    rng = rng_for("prospect_list_raw")
    n_base = 58
    sources = ["展会名录", "114黄页", "网络平台", "转介绍", "行业协会"]
    bracketed = set(range(4, n_base, 9))  # names like XX食品（南宁）有限公司
    latin = {7: "JX", 31: "HT"}  # names with latin letters
    base = []
    for i in range(n_base):
        industry = pick(rng, LEAD_INDUSTRY)
        city = pick(rng, {c: w for c, w in CUSTOMER_CITY_WEIGHTS.items() if c != "广州"})
        if i in (2, 3):
            city = "南宁" if i == 2 else "柳州"  # these two get a wrong city later
        if i in bracketed:
            company = names.company(industry, city, "branch")
        else:
            company = names.company(industry, city)
            if not company.startswith(city):  # keep the home city visible in the name
                names.used.discard(company)
                company = city + company[2:] if company.startswith("广西") else company
                names.used.add(company)
        if i in latin:
            company = company.replace(city, city + latin[i], 1)
        mobile = rng.random() < .55
        phone = (f"1{rng.choice([3, 5, 8])}{rng.integers(0, 10)}{rng.integers(10**7, 10**8)}" if mobile
                 else f"{AREA_CODE[city]}-{rng.integers(2, 9)}{rng.integers(10**5, 10**6)}")
        monthly = int(rng.choice([20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1200]))
        base.append(dict(company=company, contact=names.person(), phone=phone, city=city,
                         industry=industry, monthly_shipments=str(monthly), source=str(rng.choice(sources))))

    # duplicates: (style, which base entry) placed somewhere after their original
    plain = [i for i in range(n_base) if i not in bracketed and i not in latin and i not in (2, 3)]
    picks = iter(rng.permutation(plain))
    dups = ([("有限责任公司", next(picks)) for _ in range(3)] + [("多余空格", next(picks)) for _ in range(3)]
            + [("末尾空格", next(picks))] + [("完全相同", next(picks)) for _ in range(2)]
            + [("半角括号", i) for i in sorted(bracketed)[:2]] + [("全角字母", 31)])
    order = [("base", i) for i in range(n_base)]
    for j, (_, i) in enumerate(dups):
        at = int(rng.integers(order.index(("base", i)) + 1, len(order) + 1))
        order.insert(at, ("dup", j))
    n = len(order)
    row_of_base = {i: order.index(("base", i)) for i in range(n_base)}
    exact_rows = {order.index(("dup", j)) for j, (style, _) in enumerate(dups) if style == "完全相同"}
    exact_sources = {row_of_base[dups[j][1]] for j, (style, _) in enumerate(dups) if style == "完全相同"}

    rows = []
    for kind, k in order:
        i = k if kind == "base" else dups[k][1]
        rows.append(dict(base[i]))
    raw = pd.DataFrame(rows)
    clean = raw.copy()
    defects = []

    def plant(r, column, value, problem, clean_value=None):
        defects.append((r + 1, column, problem, value, clean.at[r, column] if clean_value is None else clean_value))
        raw.at[r, column] = value

    # 1. company names of the duplicates
    for j, (style, i) in enumerate(dups):
        r = order.index(("dup", j))
        name = base[i]["company"]
        variant = {
            "有限责任公司": name.replace("有限责任公司", "有限公司") if name.endswith("有限责任公司")
            else name[:-4] + "有限责任公司",
            "多余空格": name[:2] + " " + name[2:],
            "末尾空格": name + " ",
            "完全相同": name,
            "半角括号": name.replace("（", "(").replace("）", ")"),
            "全角字母": name.replace(latin.get(i, ""), full_width(latin.get(i, ""))),
        }[style]
        plant(r, "company", variant, f"重复：与第 {row_of_base[i] + 1} 行是同一家公司（{style}）")
    # 2. a latin name written in full width on its own row
    plant(row_of_base[7], "company", base[7]["company"].replace("JX", full_width("JX")), "全角字母")

    # 3. single-cell defects on rows that are not exact duplicates (one defect per cell)
    free = [r for r in range(n) if r not in exact_rows and r not in exact_sources]
    plant(row_of_base[2], "city", "南京", "城市写错：公司在南宁，城市栏写成南京")
    plant(row_of_base[3], "city", "兰州", "城市写错：公司在柳州，城市栏写成兰州")
    used = {(row_of_base[2], "city"), (row_of_base[3], "city")}

    def slots(column, count, condition=lambda r: True):
        options = [r for r in free if (r, column) not in used and condition(r)]
        chosen = sorted(int(x) for x in rng.choice(options, count, replace=False))
        used.update((r, column) for r in chosen)
        return chosen

    for r in slots("city", 3):
        plant(r, "city", raw.at[r, "city"] + "市", "城市多了“市”字")
    for r in slots("city", 1):
        plant(r, "city", " " + raw.at[r, "city"], "城市前面多了空格")
    for r in slots("city", 2):
        plant(r, "city", None, "城市为空（可从公司名或区号推断）")
    variants = {"电商": "电子商务", "IT/通信": "IT通信", "医药": "医药行业"}
    for r in slots("industry", 3, lambda r: raw.at[r, "industry"] in variants):
        plant(r, "industry", variants[raw.at[r, "industry"]], "行业写法不统一")
    for r in slots("industry", 2):
        plant(r, "industry", raw.at[r, "industry"] + " ", "行业末尾多了空格")
    for r in slots("industry", 2):
        plant(r, "industry", None, "行业为空")
    for r in slots("contact", 3):
        plant(r, "contact", None, "联系人为空", "缺失")
    for r in slots("contact", 2):
        name = raw.at[r, "contact"]
        plant(r, "contact", name[0] + "\u3000" + name[1:], "姓名中间有全角空格")
    for r in slots("phone", 2):
        plant(r, "phone", None, "电话为空", "缺失")
    for r in slots("monthly_shipments", 1):
        plant(r, "monthly_shipments", None, "发货量为空", "缺失")
    for r in slots("monthly_shipments", 1):
        plant(r, "monthly_shipments", "不详", "发货量写“不详”", "缺失")

    # 4. phone and volume written in many ways (remaining cells, about half of them)
    for r in range(n):
        if r in exact_rows:
            continue
        if (r, "phone") not in used and rng.random() < .5:
            phone = clean.at[r, "phone"]
            digits = phone.replace("-", "")
            if "-" in phone:
                area, num = phone.split("-")
                options = [f"({area}){num}", f"{area} {num}", f"{area}{num}", full_width(phone), f"{area}—{num}"]
            else:
                options = [f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"{digits[:3]} {digits[3:7]} {digits[7:]}",
                           f"+86 {digits}", full_width(digits), f"+86-{digits}"]
            plant(r, "phone", str(rng.choice(options)), "电话格式不统一")
        if (r, "monthly_shipments") not in used and rng.random() < .5:
            m = int(clean.at[r, "monthly_shipments"])
            options = [f"约{m}票", full_width(str(m)), f"{m}票/月", f"{m}左右", f"{m}票"]
            if m >= 1000:
                options.append(f"{m:,}")
            if m >= 50:
                options.append(f"{int(m * .8)}-{int(m * 1.2)}")
            value = str(rng.choice(options))
            plant(r, "monthly_shipments", value, "发货量写成文字" if "-" not in value else "发货量写成区间",
                  f"{m}（区间取中点）" if "-" in value else str(m))
    # an exact duplicate repeats its original row as it was typed
    for j, (style, i) in enumerate(dups):
        if style == "完全相同":
            raw.iloc[order.index(("dup", j))] = raw.iloc[row_of_base[i]]
    raw.insert(0, "row_no", np.arange(1, n + 1))
    table = pd.DataFrame(defects, columns=["row_no", "column", "problem", "raw", "clean"])
    column_order = {c: k for k, c in enumerate(raw.columns)}
    table = table.assign(_c=table["column"].map(column_order)).sort_values(["row_no", "_c"], kind="stable")
    return raw, table.drop(columns="_c").reset_index(drop=True), n_base


# ---------------------------------------------------------------------------
# prospect_financials: ~24 big prospects for the screening ratios
SCREEN = {"current_ratio": 1.5, "net_margin": .05, "roa": .05, "receivable_days": 60, "inventory_days": 90}
FAIL_PATTERNS = [(), (), (), (), (), (), (), (), (), ("cr",), ("margin", "roa"), ("roa",), ("recv",), ("inv",),
                 ("cr", "recv"), ("recv", "inv"), ("cr",), ("margin", "roa", "cr"), ("recv",), ("inv",),
                 ("roa",), ("margin", "roa", "recv"), ("cr", "inv"), ("margin", "roa")]


def make_prospect_financials(names: NameMaker):
    rng = rng_for("prospect_financials")
    rows, verdicts = [], []
    order = rng.permutation(len(FAIL_PATTERNS))
    for k, idx in enumerate(order):
        fails = FAIL_PATTERNS[idx]
        industry = pick(rng, LEAD_INDUSTRY)
        revenue = float(np.round(np.exp(rng.normal(np.log(20000), .9)), 1))
        cr = rng.uniform(.6, 1.15) if "cr" in fails else rng.uniform(1.85, 2.8)
        margin = rng.uniform(-.05, .02) if "margin" in fails else rng.uniform(.065, .15)
        if "roa" in fails and "margin" not in fails:
            turnover = rng.uniform(.18, min(.3, .03 / margin))
        elif "roa" in fails:
            turnover = rng.uniform(.5, 1.2)
        else:
            turnover = rng.uniform(max(.07 / margin, .6), max(.07 / margin, .6) + .9)
        total_assets = revenue / turnover
        current_assets = total_assets * rng.uniform(.35, .7)
        rows.append({
            "prospect_id": f"P{k + 1:02d}",
            "company": names.company(industry, "南宁", "group"),
            "industry": industry,
            "current_assets": round(current_assets, 1),
            "current_liabilities": round(current_assets / cr, 1),
            "net_profit": round(revenue * margin, 1),
            "revenue": revenue,
            "total_assets": round(total_assets, 1),
            "receivable_days": round(rng.uniform(88, 150) if "recv" in fails else rng.uniform(25, 48), 1),
            "inventory_days": round(rng.uniform(125, 220) if "inv" in fails else rng.uniform(15, 65), 1),
        })
        verdicts.append(fails)
    return pd.DataFrame(rows), verdicts


# ---------------------------------------------------------------------------
# survey: what matters to each kind of shipper
FACTORS = ["price", "speed", "safety", "reliability", "attitude", "coverage"]
SEGMENT_WEIGHTS = {  # relative importance of the six factors
    "个人/学生寄件": (150, (3.0, 1.6, .8, .9, .9, 1.3)),
    "电商": (80, (2.0, 2.5, .8, 1.6, .7, 1.2)),
    "医药": (55, (.6, 1.5, 3.2, 2.0, .7, .8)),
    "制造": (75, (1.8, 1.2, 1.3, 2.4, .7, .7)),
    "服装": (60, (1.9, 2.0, .7, 1.2, 1.0, 1.2)),
    "食品": (60, (1.4, 2.2, 1.8, 1.5, .7, .8)),
}


def make_survey() -> pd.DataFrame:
    rng = rng_for("survey")
    segments = np.concatenate([[s] * n for s, (n, _) in SEGMENT_WEIGHTS.items()])
    segments = segments[rng.permutation(len(segments))]
    k = len(segments)
    logw = np.log(np.array([SEGMENT_WEIGHTS[s][1] for s in segments]))
    score = logw + rng.gumbel(size=(k, 6))
    ranks = np.empty((k, 6), dtype=int)
    ranks[np.arange(k)[:, None], np.argsort(-score, axis=1)] = np.arange(1, 7)
    mood = rng.normal(0, .6, k)
    offset = np.array([-.35, .1, .2, 0, -.1, .2])
    sat = np.clip(np.round(3.6 + mood[:, None] + offset + rng.normal(0, .8, (k, 6))), 1, 5).astype(int)
    importance = (7 - ranks) / 21
    overall = np.clip(np.round((sat * importance).sum(axis=1) + rng.normal(0, .45, k)), 1, 5).astype(int)
    recommend = np.clip(np.round(2.2 * overall - 1.5 + rng.normal(0, 1.3, k)), 0, 10).astype(int)
    df = pd.DataFrame({"respondent_id": [f"R{i + 1:04d}" for i in range(k)], "segment": segments})
    for j, f in enumerate(FACTORS):
        df[f"rank_{f}"] = ranks[:, j]
    for j, f in enumerate(FACTORS):
        df[f"sat_{f}"] = sat[:, j]
    df["overall_satisfaction"] = overall
    df["recommend_score"] = recommend
    return df


# ---------------------------------------------------------------------------
# Lifecycle rule (same as CONVENTIONS.md) for the README's figures and diagnostics
def lifecycle_stages(shipments: pd.DataFrame, first_order: pd.Series, as_of: str = AS_OF) -> pd.Series:
    as_of = pd.Timestamp(as_of)
    month = shipments["order_date"].dt.to_period("M")
    end = as_of.to_period("M")
    counts = shipments.groupby(["customer_id", month]).size().unstack(fill_value=0)
    cols = counts.columns

    def window(first, last):
        return counts.loc[:, (cols >= first) & (cols <= last)].sum(axis=1)

    recent = window(end - 2, end)
    now = window(end - 5, end)
    before = window(end - 17, end - 12)
    ratio = now / before.replace(0, np.nan)
    tenure_new = first_order.reindex(counts.index) > as_of - pd.DateOffset(months=12)
    stage = np.select([recent == 0, tenure_new | (ratio >= 1.2) | before.eq(0), ratio <= .8],
                      ["终止期", "成长期", "衰退期"], "成熟期")
    return pd.Series(stage, index=counts.index)


# ---------------------------------------------------------------------------
# Story figures (measured on the generated tables; the tests measure them again)
def story_figures(tables: dict) -> dict:
    ship = tables["shipments"].copy()
    ship["order_date"] = pd.to_datetime(ship["order_date"])
    customers = tables["customers"]
    fig = {}
    y25 = ship[ship["order_date"].dt.year == 2025]
    revenue = y25.groupby("customer_id")["revenue"].sum().sort_values(ascending=False)
    n = len(revenue)
    fig["customers_2025"] = n
    fig["top20"] = revenue.iloc[:int(np.ceil(n * .2))].sum() / revenue.sum()
    fig["top5"] = revenue.iloc[:int(np.ceil(n * .05))].sum() / revenue.sum()
    fig["revenue_2025"] = revenue.sum()
    waybills = y25.groupby("customer_id").size()
    fig["big_customers"] = int((waybills > 5000).sum())
    first = pd.to_datetime(customers.set_index("customer_id")["first_order_date"])
    stages = lifecycle_stages(ship, first)
    fig["stages"] = stages.value_counts().to_dict()
    fig["potential"] = int(tables["leads"]["stage"].isin(FUNNEL[:4]).sum())
    industry = ship["customer_id"].map(customers.set_index("customer_id")["industry"])
    ec = ship[industry == "电商"]
    monthly = ec.groupby(ec["order_date"].dt.to_period("M")).size()
    fig["nov_ratio"] = {y: monthly[pd.Period(f"{y}-11", "M")] / monthly[monthly.index.year == y].mean()
                        for y in (2023, 2024, 2025)}
    fig["june"] = {y: (monthly[pd.Period(f"{y}-05", "M")], monthly[pd.Period(f"{y}-06", "M")],
                       monthly[pd.Period(f"{y}-07", "M")]) for y in (2023, 2024, 2025)}
    late = ~ship["on_time"] & ~ship["lost"]
    linked = set(tables["complaints"]["waybill_id"].dropna())
    has = ship["waybill_id"].isin(linked)
    fig["complaint_rate"] = {"按时且完好": has[~late & ~ship["damaged"] & ~ship["lost"]].mean(),
                             "延误": has[late].mean(), "破损": has[ship["damaged"]].mean(),
                             "丢失": has[ship["lost"]].mean()}
    per = ship.groupby("customer_id").agg(n=("on_time", "size"), on_time=("on_time", "mean"))
    per = per[per["n"] >= 50].join(stages.rename("stage"))
    q = per["on_time"].quantile([.25, .75])
    fig["churn_worst"] = (per.loc[per["on_time"] <= q[.25], "stage"] == "终止期").mean()
    fig["churn_best"] = (per.loc[per["on_time"] >= q[.75], "stage"] == "终止期").mean()
    leads = tables["leads"]
    fig["funnel"] = leads.groupby("channel").agg(
        leads=("lead_id", "size"), cost=("channel_cost", "mean"),
        won=("stage", lambda x: (x == "成交").mean())).reindex(CHANNELS)
    survey = tables["survey"]
    means = survey.groupby("segment")[[f"rank_{f}" for f in FACTORS]].mean()
    fig["survey_top"] = means.idxmin(axis=1).str.replace("rank_", "").to_dict()
    c = tables["complaints"]
    took = pd.to_datetime(c["resolved_at"]) - pd.to_datetime(c["received_at"])
    fig["within7"] = (took <= pd.Timedelta(days=7)).mean()
    fig["open"] = c["resolved_at"].isna().mean()
    per_cust = ship.groupby("customer_id")[["revenue", "cost"]].sum()
    fig["loss_making"] = int((per_cust["cost"] > per_cust["revenue"]).sum())
    fig["margin"] = 1 - per_cust["cost"].sum() / per_cust["revenue"].sum()
    fig["light"] = (ship["weight_kg"] < ship["volume_m3"] * 1e6 / 6000).mean()
    return fig


FACTOR_ZH = {"price": "价格", "speed": "速度", "safety": "安全性",
             "reliability": "可靠性",  # 问卷里六个要素的中文名
             "attitude": "服务态度", "coverage": "网点覆盖"}
DATASET_ZH = {
    "customers": "客户主数据：每个客户一行",
    "shipments": "运单：每张运单一行（2023-01-01 至 2025-12-31 下单），含服务质量标记",
    "complaints": "投诉记录：每条投诉一行",
    "leads": "销售线索：每条线索一行，记录它在漏斗里走到哪一步",
    "prospect_list_raw": "一份“脏”的潜在客户名单，供数据清洗练习",
    "prospect_financials": "大客户候选企业的财务数据，供财务筛选练习",
    "survey": "客户需求问卷：六个服务要素的重要性排名与满意度",
}
TYPE_ZH = {"string": "文本", "int": "整数", "float": "小数", "bool": "是/否", "date": "日期",
           "datetime": "日期时间", "category": "分类", "ordered": "有序分类"}


def md_cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "（空）"
    text = str(value).replace("|", "\\|")
    if text != text.strip() or "\u3000" in text:
        return "`" + text.replace("\u3000", "□") + "`"
    return text


def render_readme(result: dict, paths: dict) -> str:
    tables = result["tables"]
    fig = story_figures(tables)
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    out = []
    w = out.append
    w("# 课程数据集（datasets）\n")
    w("> **声明：本目录中的物流公司、它的客户、联系人、员工、电话号码和所有数字都是为教学而虚构的。**")
    w("> 它们由本目录里的 `generate.py` 按固定随机种子生成，与任何真实企业或个人无关，如有雷同纯属巧合。")
    w("> 真实的公开案例数据（沃尔玛、中外运敦豪、中铁快运等）放在 `cases/` 子目录，由那里的说明单独介绍。\n")
    w("这家虚构的物流公司总部在广西南宁，经营快递、零担、整车、仓配四种服务，客户分布在南宁、柳州、桂林、"
      "玉林等广西城市，货物也发往广州、深圳、昆明、贵阳、长沙、成都等外省城市。数据覆盖 2023-01-01 至 "
      "2025-12-31 三年，课程统一以 **2025-12-31** 作为“截至日期”（as_of）。\n")
    w("## 1. 文件一览\n")
    w("| 文件 | 数据集名 | 行数 | 列数 | 大小 | 内容 |")
    w("|---|---|---:|---:|---:|---|")
    total = 0
    for name, frame in tables.items():
        size = paths[name].stat().st_size
        total += size
        w(f"| `{paths[name].name}` | `{name}` | {len(frame):,} | {frame.shape[1]} | {size / 1e6:.2f} MB | "
          f"{DATASET_ZH[name]} |")
    w(f"\n全部数据文件合计 {total / 1e6:.2f} MB。运单表较大，用 gzip 压缩保存为 `shipments.csv.gz`；"
      "pandas 可以直接读取（`pd.read_csv(\"shipments.csv.gz\")`），Excel/WPS 需要先解压。\n")
    w("## 2. 怎样读取\n")
    w("在课程笔记本里用辅助库读取，日期、是/否、分类列都会自动转换成正确的类型：\n")
    w("```python\nimport coursekit as ck\nck.list_datasets()              # 所有数据集的名字\n"
      "shipments = ck.load_dataset(\"shipments\")\nck.describe_dataset(\"shipments\")  # 每一列的类型、单位和中文含义\n```\n")
    w("也可以不用辅助库，直接用 pandas 或 Excel/WPS 打开。文件格式约定：\n")
    w("- 编码 UTF-8 带 BOM（`encoding=\"utf-8-sig\"`），所以 Excel/WPS 双击打开不会乱码；换行符为 `\\n`。")
    w("- 日期写成 `YYYY-MM-DD`，日期时间写成 `YYYY-MM-DD HH:MM`（24 小时制）。")
    w("- 是/否列写成 `True` / `False`；空单元格表示缺失，含义见下面数据字典的“可为空”一栏"
      "（例如丢失的运单没有送达日期，未结案的投诉没有完结时间，客户没有回访时“是否满意”为空）。")
    w("- 金额单位为元，保留两位小数；财务数据（prospect_financials）的单位是万元。")
    w("- 2025 年 12 月下旬下单的运单在 2026 年 1 月上旬送达：数据在 2026-01-15 导出，所以 `delivered_date` "
      "可能晚于 2025-12-31；投诉表只收 2025-12-31 之前受理的投诉，到导出日仍未完结的投诉 `resolved_at` 为空。\n")
    w("## 3. 怎样重新生成\n")
    w("```bash\npython datasets/generate.py            # 覆盖本目录中的数据文件和本说明\n"
      "python datasets/generate.py --out DIR  # 生成到另一个目录，便于比较\n```\n")
    w(f"生成器只用 numpy 的 `default_rng`，种子固定为 `SEED = {SEED}`（每张表再加上表名，互不影响），不读取"
      "当天日期，也不联网。同一版本的 Python/numpy/pandas 下，每次生成的文件逐字节相同"
      "（`tests/test_datasets.py` 会检查）。在两核机器上大约几秒钟完成。\n")
    w("## 4. 数据里的故事（教学要点）\n")
    w("下面的数字都是在生成的数据上实测的，`tests/test_datasets.py` 会重新计算并检查它们。\n")
    w(f"1. **收入集中（二八法则，ABC 分类）**：2025 年有收入的客户共 {fig['customers_2025']} 家，"
      f"2025 年运费收入合计 {fig['revenue_2025'] / 1e4:,.0f} 万元。按收入排序，前 20% 的客户贡献 "
      f"{pct(fig['top20'])}，前 5% 的客户贡献 {pct(fig['top5'])}。收入最高的是几家做整车、零担和仓配的"
      "货运大客户（汽车配件、家电、食品、日用品）。")
    w(f"2. **大客户**：2025 年运单超过 5,000 票的客户有 {fig['big_customers']} 家，主要是电商、日用品、"
      "服装、医药企业，以快递和仓配为主；它们拿到的折扣更大，单票利润更薄。")
    st = fig["stages"]
    w(f"3. **客户生命周期**：按课程规则（见 CONVENTIONS：近 3 个月无运单为终止期；合作不满 12 个月或"
      f"同比比值 ≥ 1.2 为成长期；比值 ≤ 0.8 为衰退期；其余为成熟期；比值 = 2025 年 7-12 月运单数 ÷ "
      f"2024 年 7-12 月运单数）截至 2025-12-31：成长期 {st.get('成长期', 0)} 家、成熟期 {st.get('成熟期', 0)} "
      f"家、衰退期 {st.get('衰退期', 0)} 家、终止期 {st.get('终止期', 0)} 家；另有 {fig['potential']} 条仍在"
      "跟进的线索属于潜在期。成长期客户的月度运单逐月爬升，衰退期客户从 2024 年起持续下滑，终止期客户"
      "在某个月后再无运单（不少在停止前几个月就开始减少），成熟期客户平稳、只随季节起伏。")
    nov = "、".join(f"{y} 年 {r:.2f} 倍" for y, r in fig["nov_ratio"].items())
    w(f"4. **季节性**：电商客户 11 月（“双十一”）的运单是当年月均的 {nov}；6 月有“618”小高峰（高于 5 月"
      "和 7 月）。每个行业在春节所在月份（2023 年 1 月、2024 年 2 月、2025 年 1-2 月）都明显回落；"
      "国庆黄金周企业客户发货减少。")
    cr = fig["complaint_rate"]
    w(f"5. **服务质量影响投诉和流失**：按时且完好的运单只有 {pct(cr['按时且完好'])} 引来投诉，延误的运单 "
      f"{pct(cr['延误'])}、破损的 {pct(cr['破损'])}、丢失的 {pct(cr['丢失'])}。在运单不少于 50 票的客户中，"
      f"准时率最差的四分之一有 {pct(fig['churn_worst'])} 已进入终止期，最好的四分之一只有 "
      f"{pct(fig['churn_best'])}。")
    f = fig["funnel"]
    w(f"6. **销售漏斗与获客渠道**：{len(tables['leads'])} 条线索。转介绍的成交率最高（{pct(f.loc['转介绍', 'won'])}），"
      f"广告每条线索最便宜（平均 {f.loc['广告', 'cost']:.0f} 元）但成交率最低（{pct(f.loc['广告', 'won'])}）。"
      "成交的线索在 customers 表里有对应客户（leads.customer_id ↔ customers.lead_id）。")
    top = "；".join(f"{seg}：{FACTOR_ZH[fac]}" for seg, fac in fig["survey_top"].items())
    w(f"7. **不同客户看重的东西不同**：问卷中各类受访者平均排名第一的要素——{top}。")
    w(f"8. **投诉处理**：{pct(fig['within7'])} 的投诉在受理后 7 天内处理完结，{pct(fig['open'])} 到导出日仍未完结。")
    w(f"9. **客户盈利能力**：三年合计毛利率约 {pct(fig['margin'])}，但服务成本（cost-to-serve）因客户而异，"
      f"有 {fig['loss_making']} 个客户三年合计是亏损的（成本高于收入）。约 {pct(fig['light'])} 的运单是轻泡货"
      "（体积重量 = 体积 × 1,000,000 ÷ 6000 大于实际重量），计费按体积重量。\n")
    w("## 5. 数据字典\n")
    w("“类型”一栏：文本、整数、小数、是/否、日期、日期时间、分类（取值见“取值范围”）、有序分类（取值按从低到高"
      "的顺序列出）。`describe_dataset(名字)` 返回同样的内容。完整的机器可读字典在 `dictionary.csv`。\n")
    for name in tables:
        sub = DICT[DICT.dataset == name]
        w(f"### {name}（{DATASET_ZH[name]}）\n")
        w("| 列名 | 类型 | 单位 | 中文含义 | 取值范围 | 可为空 |")
        w("|---|---|---|---|---|---|")
        for _, row in sub.iterrows():
            cats = row["categories"].replace("|", "、") if row["categories"] else ""
            w(f"| `{row['column']}` | {TYPE_ZH[row['dtype']]} | {row['unit']} | {row['zh']} | {cats} | "
              f"{'是' if row['nullable'] == 'True' else '否'} |")
        w("")
    w("## 6. prospect_list_raw 中故意埋下的问题\n")
    raw = tables["prospect_list_raw"]
    defects = result["defects"]
    w(f"这份名单共 {len(raw)} 行，清洗后应剩 **{result['n_unique_prospects']} 家不同的公司**"
      f"（{int((defects['problem'].str.startswith('重复')).sum())} 行是重复）。规范写法约定：公司名用全角括号"
      "“（）”、不含空格和全角字母；座机写成 `0771-5123456`，手机写成 11 位数字；城市不带“市”字；"
      "行业用数据字典里的行业名；每月发货量是纯数字（区间取中点，“不详”和空白视为缺失）。"
      "下表列出每一处问题（行号即 `row_no`）。\n")
    w("| 行号 | 列 | 问题 | 原始值 | 应为 |")
    w("|---:|---|---|---|---|")
    for _, d in defects.iterrows():
        w(f"| {d['row_no']} | `{d['column']}` | {d['problem']} | {md_cell(d['raw'])} | {md_cell(d['clean'])} |")
    w("\n（□ 表示全角空格；反引号里的值带有首尾空格。“缺失”表示这一格无法从本行恢复；"
      "若该公司有重复行，可以用重复行里的值补全。）\n")
    w("## 7. prospect_financials 的筛选设计\n")
    w("五个指标：流动比率 = 流动资产 ÷ 流动负债；净利润率 = 净利润 ÷ 营业收入；资产回报率（ROA）= 净利润 ÷ "
      "总资产；回款周期（应收账款周转天数）；存货周期（存货周转天数）。数据按下面这组常用门槛设计，"
      "每个数值都离门槛有一段距离，所以门槛稍作调整结论也不变：\n")
    w(f"流动比率 ≥ {SCREEN['current_ratio']}，净利润率 ≥ {SCREEN['net_margin']:.0%}，资产回报率 ≥ "
      f"{SCREEN['roa']:.0%}，回款周期 ≤ {SCREEN['receivable_days']} 天，存货周期 ≤ {SCREEN['inventory_days']} 天。\n")
    labels = {"cr": "流动比率", "margin": "净利润率", "roa": "资产回报率", "recv": "回款周期", "inv": "存货周期"}
    fin = tables["prospect_financials"]
    passing = [pid for pid, v in zip(fin["prospect_id"], result["verdicts"]) if not v]
    w(f"五项全部通过的有 {len(passing)} 家：{'、'.join(passing)}。其余各家没通过的指标：\n")
    for pid, v in zip(fin["prospect_id"], result["verdicts"]):
        if v:
            w(f"- {pid}：{'、'.join(labels[x] for x in v)}")
    w("\n## English summary\n")
    w("All data in this folder describe an **invented** logistics company in Nanning, Guangxi (express, LTL, "
      "FTL and warehouse-and-delivery services, 2023-01-01 to 2025-12-31) with invented customers, people and "
      "figures, made for teaching. `python datasets/generate.py [--out DIR]` rebuilds every file byte for byte "
      f"from a fixed seed ({SEED}); nothing depends on today's date. Files are UTF-8 with BOM, dates "
      "`YYYY-MM-DD`, datetimes `YYYY-MM-DD HH:MM`, booleans `True`/`False`, blank = missing; shipments are "
      "gzip-compressed. Load them with `coursekit.load_dataset(name)`, which applies the dictionary's types. "
      "The data carry the course's stories: revenue concentration (top 20% of customers make "
      f"{pct(fig['top20'])} of 2025 revenue, top 5% make {pct(fig['top5'])}), {fig['big_customers']} key "
      "accounts with over 5,000 waybills in 2025, customers in every lifecycle stage, seasonality (Singles' Day, "
      "618, Spring Festival), late/damaged/lost shipments that drive complaints and churn, acquisition "
      "channels that differ in cost and conversion, and segment-specific service priorities. "
      "`prospect_list_raw` is deliberately dirty; section 6 lists every planted defect by row number. "
      "Case data with real published figures live in `cases/`.")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Writing
def check_columns(name: str, frame: pd.DataFrame) -> None:
    expected = DICT.loc[DICT.dataset == name, "column"].tolist()
    if list(frame.columns) != expected:
        raise RuntimeError(f"{name}: columns {list(frame.columns)} differ from dictionary {expected}")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    text = frame.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig")


def write(path: Path, data: bytes) -> None:
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = buffer.getvalue()
    path.write_bytes(data)


def generate() -> dict:
    """Build every table in memory; returns the frames plus facts the README reports."""
    names = NameMaker(rng_for("names"))
    leads = make_leads(names)
    plan = make_customers(leads, names)
    counts = monthly_counts(plan)
    ship = make_shipments(plan, counts)
    # customer ids in order of first order
    first = np.where(plan["start_day"].to_numpy() >= 0,
                     (START + plan["start_day"].to_numpy().astype("timedelta64[D]")),
                     plan["first_order"].to_numpy().astype("datetime64[D]"))
    order = np.lexsort((np.arange(len(plan)), first))
    customer_ids = np.empty(len(plan), dtype=object)
    customer_ids[order] = [f"C{i + 1:04d}" for i in range(len(plan))]
    customers = customers_table(plan, ship, customer_ids)
    complaints = make_complaints(ship, plan, customer_ids)
    lead_to_customer = dict(zip(plan["lead_id"], customer_ids))
    leads["customer_id"] = [lead_to_customer.get(x) if s == "成交" else None
                            for x, s in zip(leads["lead_id"], leads["stage"])]
    for col in ("created_date", "qualified_date", "visit_date", "negotiation_date", "won_date", "lost_date"):
        leads[col] = date_str(leads[col].to_numpy())
    shipments = ship.assign(customer_id=customer_ids[ship["customer_pos"].to_numpy()])
    for col in ("order_date", "ship_date", "promised_date", "delivered_date"):
        shipments[col] = date_str(shipments[col].to_numpy())
    shipments = shipments[DICT.loc[DICT.dataset == "shipments", "column"].tolist()]
    customers = customers.sort_values("customer_id").reset_index(drop=True)
    raw, defects, n_unique = make_prospect_list(names)
    financials, verdicts = make_prospect_financials(names)
    survey = make_survey()
    tables = {"customers": customers, "shipments": shipments, "complaints": complaints, "leads": leads,
              "prospect_list_raw": raw, "prospect_financials": financials, "survey": survey}
    for name, frame in tables.items():
        check_columns(name, frame)
    plan = plan.assign(customer_id=customer_ids)
    return {"tables": tables, "plan": plan, "defects": defects, "n_unique_prospects": n_unique,
            "verdicts": verdicts}


def build(out_dir) -> dict[str, Path]:
    """Write every company table and datasets/README.md into ``out_dir``; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = generate()
    paths = {}
    for name, frame in result["tables"].items():
        path = out_dir / COMPANY_FILES[name]
        write(path, csv_bytes(frame))
        paths[name] = path
    readme = out_dir / "README.md"
    readme.write_text(render_readme(result, paths), encoding="utf-8", newline="\n")
    paths["README"] = readme
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the fictional company datasets.")
    parser.add_argument("--out", default=str(HERE), help="output folder (default: datasets/)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    paths = build(args.out)
    for name, path in paths.items():
        print(f"{path.name:28s} {path.stat().st_size / 1e6:8.2f} MB")
    print(f"done in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
