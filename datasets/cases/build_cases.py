"""Rebuild the real case tables for the three case notebooks.

Usage::

    python datasets/cases/build_cases.py [SOURCE_CSV] [--out DIR] [--facts-only]

* ``walmart_stores.csv`` comes from the Walmart store-openings file compiled by
  Thomas J. Holmes (Econometrica 2011) as republished with Kosuke Imai's
  *Quantitative Social Science* (``DISCOVERY/walmart.csv``). SOURCE_CSV defaults
  to the unmodified source file kept in datasets/cases/source/.
* ``walmart_facts.csv``, ``dhl_facts.csv``, ``cre_facts.csv`` and
  ``express_kpis.csv`` are written from the literals below: published figures,
  one row per number, each with its source.
* ``dictionary.csv`` describes every column of the five tables.

Only the standard library is used and nothing depends on the clock or on
random numbers, so a re-run gives byte-identical files. Files are UTF-8 with
BOM (Excel/WPS open them correctly) and use "\\n" line endings.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = Path(__file__).resolve().parent / "source" / "walmart_store_openings_1962_2006.csv"

# --------------------------------------------------------------------------
# Walmart store openings
# --------------------------------------------------------------------------
SOURCE_HEADER = ["opendate", "st.address", "city", "state", "long", "lat", "type"]
STORE_COLUMNS = ["open_date", "address", "city", "state", "longitude", "latitude",
                 "store_type", "is_dc"]
STORE_TYPES = ["Wal-MartStore", "SuperCenter", "DistributionCenter"]


def read_store_rows(source: Path) -> list[list[str]]:
    """Return the source rows renamed to our columns, text kept exactly as given.

    Coordinates stay as the source's text (not re-formatted floats) so the
    output never depends on how a Python version prints numbers.
    """
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != SOURCE_HEADER:
            sys.exit(f"源文件表头不对：{header}\nUnexpected source header: {header}")
        rows = []
        for line_no, (date, address, city, state, lon, lat, kind) in enumerate(reader, 2):
            dt.date.fromisoformat(date)          # a bad date stops the build here
            float(lon), float(lat)
            if kind not in STORE_TYPES:
                sys.exit(f"第 {line_no} 行的类型未知：{kind}\nUnknown type on line {line_no}: {kind}")
            rows.append([date, address, city, state, lon, lat, kind,
                         str(kind == "DistributionCenter")])
    return rows


# --------------------------------------------------------------------------
# Fact tables: one row per published number
# --------------------------------------------------------------------------
FACT_COLUMNS = ["fact_id", "year", "metric", "metric_zh", "value", "unit", "source",
                "source_date", "source_type", "verified", "note"]

# Sources used more than once.
# A figure seen only in secondary retellings whose original we could not find: it stays
# in the table, marked unverified, and a notebook does not show it as a sourced figure.
UNFOUND = "二手资料（原始出处未找到）"
HOLMES = "Holmes (2011) 沃尔玛开店数据，经 Imai《Quantitative Social Science》转载（DISCOVERY/walmart.csv）"
WM_CN_SITE = "沃尔玛中国官网"
PBS = "美国公共电视网 PBS 的沃尔玛大事年表（PBS timeline）"
SMN = "美国《超市新闻》（Supermarket News）"
TIME = "美国《时代》周刊（TIME）"
HBR = ("Stalk、Evans、Shulman《Competing on Capabilities: The New Rules of Corporate Strategy》，"
       "《哈佛商业评论》（Harvard Business Review）")
SIMCHI = "Simchi-Levi 等《供应链设计与管理》（Designing and Managing the Supply Chain，教材）"
AP = "美联社（Associated Press，AP）报道"
WM_AR2000 = "沃尔玛 2000 财年年报的十一年摘要（Walmart Annual Report FY2000 11-year summary）"
WM_10K2009 = "沃尔玛 2009 财年年度报告（Walmart 10-K FY2009）"
WM_10K = "根据沃尔玛各财年年度报告（Walmart 10-K）的数字计算（销售成本 / 平均库存）"
WM_CORP = "Walmart 公司官网（corporate.walmart.com）"
FOLKLORE = "课堂流传说法（未找到任何出处）"
DPDHL_AR2012 = "德国邮政敦豪集团 2012 年年报（Deutsche Post DHL Annual Report 2012）"
DW_2003 = "德国之声（Deutsche Welle，DW）报道“DHL to Expand in China”"
CHINA_DAILY_1989 = "《中国日报》（China Daily）报道（2017-07-28 在“This Day, That Year”栏目重刊）"
PP_2001 = "邮政快递行业网站 Post & Parcel 报道“Parcel Carrier DHL-Sinotrans Upbeat”"
PP_2006 = "邮政快递行业网站 Post & Parcel 报道“DHL kicks off China priority strategy”"
CEP_2011 = "快递行业资讯网站 CEP-Research 报道“DHL exits from loss-making Chinese domestic express business”"
DHL_CORP = "DHL 集团官方资料"
XINHUA = "新华社（Xinhua）"
SCMP = "香港《南华早报》（South China Morning Post，SCMP）"
# The China Railway Express case of the course material: a case write-up that circulates
# online under this title, with no author, publisher or year.
CRE_CASE = "《中铁快运物流案例分析》（网上流传的课程案例资料，作者、出处和年代不详）"
CHINA_DAILY = "《中国日报》（China Daily）"
CCTV = "央视（CCTV）报道"
SPB = "国家邮政局公布的数字（经媒体转述）"
# A normative document (规范性文件) issued by the State Post Bureau, not a departmental rule.
POSTAL_RULES = "国家邮政局《邮政业消费者申诉处理办法》"
GBT19680 = "GB/T 19680《物流企业分类与评估指标》（据旧版表格副本）"
APQC = "APQC 完美订单率示例"

# (fact_id, year, metric, metric_zh, value, unit, source, source_date, source_type, verified, note)
WALMART_FACTS = [
    # The store-openings file itself (counts checked against the rows by the tests).
    ("WM01", 2006, "dataset_rows", "开店数据总行数（门店+配送中心）", 3251, "家", HOLMES, "2011", "S", True,
     "2006 年仍在营业的美国本土门店与配送中心；不含山姆会员店和海外门店；本行兼作数据出处说明"),
    ("WM02", 2006, "dataset_discount_stores", "数据中的折扣店数", 1196, "家", HOLMES, "2011", "S", True,
     "类型 Wal-MartStore，按 2006 年时的类型归类"),
    ("WM03", 2006, "dataset_supercenters", "数据中的购物广场数", 1977, "家", HOLMES, "2011", "S", True,
     "类型 SuperCenter；早年开的折扣店后来改成购物广场的也算在这里"),
    ("WM04", 2006, "dataset_dcs", "数据中的配送中心数", 78, "个", HOLMES, "2011", "S", True,
     "类型 DistributionCenter"),
    ("WM05", 1969, "dataset_cum_stores", "截至年底累计门店数（数据）", 15, "家", HOLMES, "2011", "S", True,
     "只数到 2006 年还开着的店，早年关掉的店不在内"),
    ("WM06", 1969, "dataset_cum_dcs", "截至年底累计配送中心数（数据）", 1, "个", HOLMES, "2011", "S", True,
     "这个配送中心在数据里标为 1962 年，与 1970 年才有首个配送中心的记载矛盾"),
    ("WM07", 1979, "dataset_cum_stores", "截至年底累计门店数（数据）", 258, "家", HOLMES, "2011", "S", True,
     "比当年公布的 276 家少，因为后来关闭的店不在数据中"),
    ("WM08", 1979, "dataset_cum_dcs", "截至年底累计配送中心数（数据）", 2, "个", HOLMES, "2011", "S", True,
     "只数到 2006 年仍在运营的配送中心"),
    ("WM09", 1989, "dataset_cum_stores", "截至年底累计门店数（数据）", 1340, "家", HOLMES, "2011", "S", True,
     "只数到 2006 年还开着的店"),
    ("WM10", 1989, "dataset_cum_dcs", "截至年底累计配送中心数（数据）", 10, "个", HOLMES, "2011", "S", True,
     "只数到 2006 年仍在运营的配送中心"),
    ("WM11", 1999, "dataset_cum_stores", "截至年底累计门店数（数据）", 2470, "家", HOLMES, "2011", "S", True,
     "只数到 2006 年还开着的店"),
    ("WM12", 1999, "dataset_cum_dcs", "截至年底累计配送中心数（数据）", 37, "个", HOLMES, "2011", "S", True,
     "只数到 2006 年仍在运营的配送中心"),
    ("WM13", 2006, "dataset_cum_stores", "截至年底累计门店数（数据）", 3173, "家", HOLMES, "2011", "S", True,
     "数据截止于 2006 年 8 月"),
    ("WM14", 2006, "dataset_cum_dcs", "截至年底累计配送中心数（数据）", 78, "个", HOLMES, "2011", "S", True,
     "数据截止于 2006 年 8 月"),
    # Service culture.
    ("WM15", None, "founder_basic_beliefs", "山姆·沃尔顿的基本信念条数", 3, "条", WM_CN_SITE, "未注明", "P", True,
     "尊重个人、服务顾客、追求卓越；日落原则由此而来"),
    ("WM16", None, "greeting_distance_ft", "主动招呼顾客的距离（英制）", 10, "英尺", UNFOUND, "未注明", "S", False,
     "十英尺原则：顾客进入这个距离就要目视、问候、询问能否帮忙；常见说法，原始出处未找到"),
    ("WM17", None, "greeting_distance_m", "主动招呼顾客的距离（公制）", 3, "米", UNFOUND, "未注明", "S", False,
     "中文常称三米原则，是 10 英尺的近似换算"),
    ("WM18", None, "smile_teeth_shown", "微笑露出的牙齿数", 8, "颗", FOLKLORE, "未注明", "S", False,
     "“露八颗牙”的说法查无出处，只能当作课堂传说"),
    # Growth.
    ("WM19", 1970, "dcs_total", "配送中心数", 1, "个", PBS, "2004", "S", True,
     "首个配送中心建在本顿维尔；开店数据里有一个配送中心标为 1962 年，与此矛盾"),
    ("WM20", 1970, "stores_total", "门店数", 38, "家", PBS, "2004", "S", True, "当年公布的门店总数"),
    ("WM21", 1970, "sales_usd", "销售额", 44_200_000, "美元", PBS, "2004", "S", True, "4,420 万美元"),
    ("WM22", 1975, "stores_total", "门店数", 125, "家", SMN, "2012", "S", True, "当年公布的门店总数"),
    ("WM23", 1975, "sales_usd", "销售额", 340_300_000, "美元", SMN, "2012", "S", True, "3.403 亿美元"),
    ("WM24", 1979, "stores_total", "门店数", 276, "家", SMN, "2012", "S", True,
     "包括后来关掉的店，所以多于开店数据的 258 家"),
    ("WM25", 1979, "sales_usd", "销售额", 1_248_000_000, "美元", SMN, "2012", "S", True, "12.48 亿美元"),
    ("WM26", 1987, "stores_total", "门店数", 1198, "家", PBS, "约2004", "S", True, "当年公布的门店总数"),
    ("WM27", 1987, "sales_usd", "销售额", 15_900_000_000, "美元", PBS, "约2004", "S", True, "159 亿美元"),
    # Information systems.
    ("WM28", 1987, "satellite_network_sites_min", "私有卫星网络连接的站点数（下限）", 1200, "个", UNFOUND, "未注明", "S", False,
     "约 1987 年，连接门店、办公室和配送中心，共 1,200 个以上；原始出处未找到"),
    ("WM29", 1985, "retail_link_dev_start_year", "Retail Link 开始开发的年份", 1985, "年", TIME, "2012", "S", True,
     "Retail Link 是与供应商共享销售和库存数据的系统"),
    ("WM30", None, "retail_link_total_cost_usd", "Retail Link 累计投入", 4_000_000_000, "美元", TIME, "2012", "S", True,
     "约 40 亿美元，是 2012 年报道时的累计数"),
    # Distribution (HBR 1992 and others).
    ("WM31", None, "share_goods_via_own_dc", "经自有配送中心的商品比例", 85, "%", HBR, "1992", "S", True,
     "约 85%，靠越库作业（cross-docking）实现"),
    ("WM32", None, "competitor_share_via_dc_max", "竞争对手经配送中心的商品比例（上限）", 50, "%", HBR, "1992", "S", True,
     "竞争对手不到 50%"),
    ("WM33", None, "stores_per_dc_min", "每个配送中心服务的门店数（下限）", 150, "家", HBR, "1992", "S", True,
     "门店都在一天车程之内"),
    ("WM34", None, "stores_per_dc_max", "每个配送中心服务的门店数（上限）", 200, "家", HBR, "1992", "S", True,
     "门店都在一天车程之内"),
    ("WM35", None, "dc_operating_hours_per_day", "配送中心每天运转时间", 24, "小时", HBR, "1992", "S", True,
     "全天候作业"),
    ("WM36", None, "store_replenishments_per_week", "门店每周补货次数", 2, "次/周", SIMCHI, "2003", "S", True,
     "每周给门店补货两次"),
    ("WM37", None, "cost_of_sales_gap_vs_industry", "销售成本低于行业平均的幅度", 3, "%", SIMCHI, "2003", "S", True,
     "约低 3%"),
    ("WM38", 1993, "dc_floor_area_sqft", "典型配送中心面积", 1_100_000, "平方英尺", AP, "1993-08-15", "S", True,
     "约 110 万平方英尺，相当于 10 万平方米出头"),
    ("WM39", 1993, "dc_receiving_doors_max", "配送中心收货门数（上限）", 135, "个", AP, "1993-08-15", "S", True,
     "最多 135 个收货门"),
    ("WM40", 1993, "stores_total_min", "门店数（下限）", 1900, "家", AP, "1993-08-15", "S", True, "1,900 家以上"),
    ("WM41", 1993, "truck_miles_per_year", "车队年行驶里程", 240_000_000, "英里", AP, "1993-08-15", "S", True,
     "每年 2.4 亿英里"),
    # FY2000 (fiscal year ended 2000-01-31) and FY2009.
    ("WM42", 2000, "us_discount_stores", "美国折扣店数", 1801, "家", WM_AR2000, "2000", "P", True,
     "财年截至 2000-01-31"),
    ("WM43", 2000, "us_supercenters", "美国购物广场数", 721, "家", WM_AR2000, "2000", "P", True,
     "财年截至 2000-01-31"),
    ("WM44", 2000, "sams_clubs", "山姆会员店数", 463, "家", WM_AR2000, "2000", "P", True,
     "开店数据不含山姆会员店"),
    ("WM45", 2000, "international_units", "海外门店数", 1004, "家", WM_AR2000, "2000", "P", True,
     "开店数据不含海外门店"),
    ("WM46", 2000, "units_total", "门店总数（全部业态）", 3989, "家", WM_AR2000, "2000", "P", True,
     "折扣店、购物广场、山姆会员店和海外门店之和"),
    ("WM47", 2000, "associates", "员工（同事）人数", 1_140_000, "人", WM_AR2000, "2000", "P", True,
     "沃尔玛把员工称为 associates（同事）"),
    ("WM48", 2000, "sales_usd", "销售额", 165_000_000_000, "美元", WM_AR2000, "2000", "P", True, "1,650 亿美元"),
    ("WM49", 2009, "us_discount_stores", "美国折扣店数", 891, "家", WM_10K2009, "2009", "P", True,
     "截至 2009 年 1 月；不少折扣店已改成购物广场"),
    ("WM50", 2009, "us_supercenters", "美国购物广场数", 2612, "家", WM_10K2009, "2009", "P", True,
     "截至 2009 年 1 月"),
    # Inventory turns computed from 10-K figures.
    ("WM51", 2000, "inventory_turns", "库存周转次数", 7.0, "次/年", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2000；由财报原始数字推算"),
    ("WM52", 2000, "inventory_days", "库存周转天数", 52, "天", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2000；约 365/7.0"),
    ("WM53", 2006, "inventory_turns", "库存周转次数", 7.8, "次/年", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2006；由财报原始数字推算"),
    ("WM54", 2007, "inventory_turns", "库存周转次数", 8.1, "次/年", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2007；由财报原始数字推算"),
    ("WM55", 2008, "inventory_turns", "库存周转次数", 8.3, "次/年", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2008；由财报原始数字推算"),
    ("WM56", 2009, "inventory_turns", "库存周转次数", 8.8, "次/年", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2009；由财报原始数字推算"),
    ("WM57", 2009, "inventory_days", "库存周转天数", 42, "天", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2009；约 365/8.8"),
    ("WM58", 2014, "inventory_turns", "库存周转次数", 8.1, "次/年", WM_10K, "各财年 10-K", "P", True,
     "财年 FY2014；由财报原始数字推算"),
    # Today's network (corporate site, about 2023-24).
    ("WM59", None, "dcs_total", "配送中心数", 210, "个", WM_CORP, "约2023-2024", "P", True,
     "官网当前口径，约 2023–2024 年"),
    ("WM60", None, "dc_floor_area_sqft_min", "单个配送中心面积（下限）", 1_000_000, "平方英尺", WM_CORP, "约2023-2024", "P", True,
     "每个都超过 100 万平方英尺"),
    ("WM61", None, "dc_staff_min", "单个配送中心员工数（下限）", 600, "人", WM_CORP, "约2023-2024", "P", True,
     "每个 600 人以上"),
    ("WM62", None, "dc_trailers_per_day_min", "单个配送中心每天处理的挂车数（下限）", 200, "辆/天", WM_CORP, "约2023-2024", "P", True,
     "每天 200 辆以上"),
    ("WM63", None, "stores_per_dc_min", "每个配送中心服务的门店数（下限）", 90, "家", WM_CORP, "约2023-2024", "P", True,
     "HBR 1992 年的说法是每个 150–200 家"),
    ("WM64", None, "stores_per_dc_max", "每个配送中心服务的门店数（上限）", 100, "家", WM_CORP, "约2023-2024", "P", True,
     "HBR 1992 年的说法是每个 150–200 家"),
    ("WM65", None, "dc_service_radius_miles_min", "配送中心服务半径（下限）", 150, "英里", WM_CORP, "约2023-2024", "P", True,
     "150 英里以上，约 240 千米"),
    ("WM66", None, "tractors", "牵引车数", 9000, "辆", WM_CORP, "约2023-2024", "P", True, "自有车队"),
    ("WM67", None, "trailers", "挂车数", 80000, "辆", WM_CORP, "约2023-2024", "P", True, "自有车队"),
    ("WM68", None, "drivers_min", "司机人数（下限）", 11000, "人", WM_CORP, "约2023-2024", "P", True,
     "11,000 人以上"),
]

DHL_FACTS = [
    # Sources named below were found in the press; they are not on the team's checked source
    # list, so the rows stay unverified (a notebook shows them with that label).
    ("DH01", 1980, "dhl_china_entry_year", "DHL 进入中国的年份", 1980, "年", UNFOUND, "未注明", "S", False,
     "以与中外运签代理协议的方式进入；原始出处未找到"),
    ("DH02", 1986, "jv_founded_year", "中外运敦豪成立年份", 1986, "年", DW_2003, "2003-10-28", "S", False,
     "常被称为国内第一家中外合资快递企业（这一说法的出处未找到）"),
    ("DH03", 1986, "jv_share_dhl", "DHL 持股比例", 50, "%", DW_2003, "2003-10-28", "S", False, "双方各占一半"),
    ("DH04", 1986, "jv_share_sinotrans", "中外运持股比例", 50, "%", DW_2003, "2003-10-28", "S", False, "双方各占一半"),
    ("DH05", 2011, "jv_agreement_term_years", "新合资协议期限", 25, "年", UNFOUND, "未注明", "S", False,
     "2011-11-01 签署；原始出处未找到"),
    ("DH06", 1988, "market_share_intl_express", "中国国际快递市场份额", 33.3, "%", CHINA_DAILY_1989, "1989-07-28", "S", False,
     "报道说约占上一年快递业务的三分之一，没有说明口径"),
    ("DH07", 2003, "market_share_intl_express", "中国国际快递市场份额", 37, "%", DW_2003, "2003-10-28", "S", False,
     "公司自己的说法（“the company says”）"),
    ("DH08", 2004, "market_share_intl_express", "中国国际快递市场份额", 40, "%", UNFOUND, "未注明", "S", False,
     "报道说接近 40%；原始出处未找到"),
    ("DH09", 2006, "market_share_intl_express", "中国国际快递市场份额", 40, "%", PP_2006, "约2006", "S", False,
     "报道说公司要“保持 40% 的领先份额”"),
    ("DH10", 2000, "revenue_usd", "营业收入", 100_000_000, "美元", PP_2001, "约2001", "S", False,
     "公司副董事长说 2000 年收入接近 1 亿美元"),
    ("DH11", 2000, "pudong_gateway_area_m2", "浦东口岸操作中心面积", 6100, "平方米", PP_2001, "约2001", "S", False,
     "上海浦东国际机场的口岸操作中心"),
    ("DH12", 2000, "pudong_gateway_throughput", "浦东口岸操作中心处理能力", 10000, "件/小时", PP_2001, "约2001", "S", False,
     "每小时最多处理 1 万件"),
    ("DH13", 2000, "customs_clearance_hours_before", "清关时间（用 EDI 前）", 14, "小时", PP_2001, "约2001", "S", False,
     "平均清关时间"),
    ("DH14", 2000, "customs_clearance_hours_after", "清关时间（用 EDI 后）", 1, "小时", PP_2001, "约2001", "S", False,
     "约 1 小时"),
    ("DH15", 2003, "investment_plan_usd", "五年投资计划金额", 200_000_000, "美元", DW_2003, "2003-10-28", "S", False,
     "2003 年公布的计划"),
    ("DH16", 2003, "investment_plan_years", "投资计划年限", 5, "年", DW_2003, "2003-10-28", "S", False, "2003 年公布的计划"),
    ("DH17", 2003, "planned_branches", "投资计划涉及的分公司数", 14, "家", UNFOUND, "未注明", "S", False,
     "五年计划的一部分；原始出处未找到"),
    ("DH18", 2003, "planned_vehicles", "投资计划涉及的车辆数", 1200, "辆", UNFOUND, "未注明", "S", False,
     "五年计划的一部分；原始出处未找到"),
    ("DH19", 2003, "planned_jobs", "投资计划带来的就业岗位", 2100, "个", UNFOUND, "未注明", "S", False,
     "五年计划的一部分；原始出处未找到"),
    ("DH20", 2006, "branches_before", "分公司数（扩张前）", 56, "家", PP_2006, "约2006", "S", False, "扩张计划公布时"),
    ("DH21", 2006, "branches_after", "分公司数（计划年底达到）", 72, "家", PP_2006, "约2006", "S", False,
     "计划当年年底达到的数字"),
    ("DH22", 2006, "beijing_building_area_m2", "北京新办公楼面积", 40000, "平方米", PP_2006, "约2006", "S", False,
     "楼内规划呼叫中心、全国质量控制中心和培训中心，预计 2007 年启用"),
    ("DH23", 2006, "call_centre_area_m2", "北京呼叫中心面积", 5000, "平方米", PP_2006, "约2006", "S", False,
     "规划在北京新楼内"),
    ("DH24", 2008, "investment_greater_china_usd", "DHL 在大中华区的投资", 1_300_000_000, "美元", UNFOUND, "未注明", "S", False,
     "13 亿美元；原始出处未找到"),
    ("DH25", 2008, "share_of_dhl_apac_investment", "占 DHL 亚太区投资的比例", 59, "%", UNFOUND, "未注明", "S", False,
     "原始出处未找到"),
    ("DH26", 2010, "domestic_express_cities", "国内快递覆盖城市数", 662, "个", CEP_2011, "2011-06-30", "S", False,
     "2010 年 6 月以 Sinotrans-APEX 品牌推出的国内快递"),
    ("DH27", 2010, "domestic_express_staff", "国内快递员工数", 8000, "人", CEP_2011, "2011-06-30", "S", False, "接近 8,000 人"),
    ("DH28", 2010, "domestic_express_vehicles", "国内快递车辆数", 4000, "辆", CEP_2011, "2011-06-30", "S", False, "接近 4,000 辆"),
    ("DH29", 2010, "domestic_express_hubs", "国内快递转运中心数", 12, "个", CEP_2011, "2011-06-30", "S", False,
     "支撑 662 个城市的网络"),
    ("DH30", 2010, "domestic_express_loss_cny", "国内快递业务累计亏损", 99_200_000, "元", CEP_2011, "2011-06-30", "S", False,
     "截至 2010 年底累计亏损 9,920 万元人民币（据中外运的公告）；2011 年 6 月宣布出售该业务"),
    ("DH31", 2012, "north_asia_hub_area_m2", "上海北亚枢纽面积", 88000, "平方米", DPDHL_AR2012, "2012", "P", True, "DHL 在亚洲的大型转运枢纽之一"),
    ("DH32", 2012, "north_asia_hub_investment_usd", "上海北亚枢纽投资", 175_000_000, "美元", DPDHL_AR2012, "2012", "P", True,
     "1.75 亿美元"),
    ("DH33", 2012, "north_asia_hub_throughput", "上海北亚枢纽处理能力", 40000, "件/小时", DPDHL_AR2012, "2012", "P", True,
     "每小时 4 万件"),
    ("DH34", 2023, "dhl_china_employees", "DHL 在华员工数", 8000, "人", XINHUA, "2023-10-18", "S", True, "新华社报道中的数字"),
    ("DH35", 2023, "dhl_china_service_centres", "DHL 在华服务中心数", 147, "个", XINHUA, "2023-10-18", "S", True, "新华社报道中的数字"),
    ("DH36", 2023, "jv_cities_covered", "合资公司覆盖城市数", 400, "个", XINHUA, "2023-10-18", "S", True, "约 400 个"),
    ("DH37", 2007, "hk_call_centre_agents_min", "香港呼叫中心座席数（下限）", 120, "人", SCMP, "约2007", "S", True,
     "每个来电都由真人接听"),
    ("DH38", 2007, "hk_call_centre_hours_per_day", "香港呼叫中心每天服务时间", 24, "小时", SCMP, "约2007", "S", True,
     "全天候"),
    ("DH39", 2007, "hk_call_centre_days_per_week", "香港呼叫中心每周服务天数", 7, "天", SCMP, "约2007", "S", True,
     "全年无休"),
    ("DH40", 2007, "hk_agent_training_weeks", "座席上岗前培训时间", 4, "周", SCMP, "约2007", "S", True, "新座席上岗前的培训"),
    ("DH41", 2012, "dhl_express_countries_min", "DHL 快递服务的国家和地区数（下限）", 220, "个", DHL_CORP, "2012", "P", True,
     "220 个以上"),
    ("DH42", 2012, "dhl_express_staff", "DHL 快递全球员工数", 100_000, "人", DHL_CORP, "2012", "P", True, "约 10 万人"),
    ("DH43", 2012, "dhl_express_customers_min", "DHL 快递客户数（下限）", 2_600_000, "个", DHL_CORP, "2012", "P", True,
     "260 万以上"),
    ("DH44", 2021, "dhl_express_staff", "DHL 快递全球员工数", 111_000, "人", DHL_CORP, "约2021", "P", True, "约 11.1 万人"),
    ("DH45", 2021, "dhl_express_customers", "DHL 快递客户数", 2_700_000, "个", DHL_CORP, "约2021", "P", True, "约 270 万"),
]

CRE_FACTS = [
    # Course material (seed 004): undated, not confirmed by any other source.
    ("CR01", None, "provinces_covered", "经营网络覆盖的省级行政区", 31, "个", CRE_CASE, "未注明", "S", False,
     "课程资料中的数字，未见其他来源核实"),
    ("CR02", None, "outlets", "经营网点数", 736, "个", CRE_CASE, "未注明", "S", False, "分布在 275 个城市"),
    ("CR03", None, "outlet_cities", "设有网点的城市数", 275, "个", CRE_CASE, "未注明", "S", False, "736 个网点分布在这些城市"),
    ("CR04", None, "door_to_door_cities_min", "门到门服务覆盖城市数（下限）", 380, "个", CRE_CASE, "未注明", "S", False,
     "380 多个大中城市"),
    ("CR05", None, "core_businesses", "核心业务数", 4, "项", CRE_CASE, "未注明", "S", False,
     "国际货代 / 合约物流 / 快捷货运 / 包裹快递"),
    ("CR06", None, "baggage_cars", "行李车和行邮专列车辆数", 2448, "辆", CRE_CASE, "未注明", "S", False,
     "挂在旅客列车上运行"),
    ("CR07", None, "road_vehicles", "汽车数", 3580, "辆", CRE_CASE, "未注明", "S", False, "用于短途分拨、公路干线和配送"),
    ("CR08", None, "handling_machines_min", "装卸机具数（下限）", 9000, "台", CRE_CASE, "未注明", "S", False,
     "含拖车、牵引车、叉车"),
    ("CR09", None, "express_mail_train_pairs", "行邮专列对数", 5, "对", CRE_CASE, "未注明", "S", False, "特快及快速专列"),
    ("CR10", None, "express_mail_train_speed_min", "行邮专列时速（下限）", 120, "千米/小时", CRE_CASE, "未注明", "S", False, "行邮专列速度区间的低端"),
    ("CR11", None, "express_mail_train_speed_max", "行邮专列时速（上限）", 160, "千米/小时", CRE_CASE, "未注明", "S", False, "行邮专列速度区间的高端"),
    ("CR12", None, "parcel_train_pairs", "行包专列对数", 14, "对", CRE_CASE, "未注明", "S", False, "在主要城市之间开行"),
    ("CR13", None, "road_lines", "公路运营线路数", 49, "条", CRE_CASE, "未注明", "S", False, "干线、区域和省内线路合计"),
    ("CR14", None, "air_routes", "航空代理航线数", 46, "条", CRE_CASE, "未注明", "S", False, "国内和国际航线合计"),
    ("CR15", None, "warehouse_centres", "大型仓储分拨中心数", 17, "座", CRE_CASE, "未注明", "S", False, "大型仓储和分拨设施"),
    ("CR16", None, "parcel_bases", "提供仓储中转服务的行包基地数", 5, "个", CRE_CASE, "未注明", "S", False,
     "资料认为综合物流能力仍然有限"),
    ("CR17", None, "waybills_per_day_min", "每天处理的单据量（下限）", 1_000_000, "张/天", CRE_CASE, "未注明", "S", False,
     "靠集中式信息系统处理"),
    ("CR18", None, "ministry_specialised_carriers", "铁道部直属专业运输企业数", 3, "家", CRE_CASE, "未注明", "S", False,
     "中铁快运是其中之一"),
    ("CR19", None, "big_customer_industries", "大客户集中的行业数", 8, "个", CRE_CASE, "未注明", "S", False,
     "食品、服装、日用品、家电、IT、药品、图书、配件"),
    ("CR20", None, "milk_train_departures_per_week", "鲜奶班列每周开行班数", 2, "班/周", CRE_CASE, "未注明", "S", False,
     "呼和浩特至广州，周二、周五各一班，服务蒙牛和伊利"),
    ("CR21", None, "milk_transit_days_before", "鲜奶运输时间（改用班列前）", 15, "天", CRE_CASE, "未注明", "S", False,
     "未见其他来源核实"),
    ("CR22", None, "milk_transit_hours_after", "鲜奶运输时间（改用班列后）", 98, "小时", CRE_CASE, "未注明", "S", False,
     "15 天缩到 98 小时的说法未见其他来源核实"),
    ("CR23", None, "milk_acceptance_hours", "鲜奶承运时限", 24, "小时", CRE_CASE, "未注明", "S", False, "铁路方承诺的受理时限"),
    ("CR24", None, "milk_tracking_interval_hours", "鲜奶在途跟踪信息间隔", 48, "小时", CRE_CASE, "未注明", "S", False,
     "全程跟踪，定期发送"),
    ("CR25", None, "haier_onsite_benefits", "驻厂服务给海尔带来的好处", 6, "项", CRE_CASE, "未注明", "S", False,
     "合肥分公司的驻厂服务"),
    ("CR26", None, "weaknesses", "资料列出的不足之处", 4, "项", CRE_CASE, "未注明", "S", False,
     "设施、综合物流能力、机制、服务意识"),
    # Company history and high-speed rail express.
    ("CR27", 2003, "parcel_express_co_founded_year", "中铁行包快递有限责任公司成立年份", 2003, "年", UNFOUND, "未注明", "S", False,
     "2003-12-28 成立，后与原中铁快运合并"),
    ("CR28", 2013, "hsr_express_trial_year", "高铁快运开始试运行的年份", 2013, "年", UNFOUND, "未注明", "S", False,
     "2013 年 12 月"),
    ("CR29", 2014, "hsr_express_launch_cities", "高铁快运首批开通城市数", 20, "个", UNFOUND, "未注明", "S", False,
     "2014-04-01 正式推出"),
    ("CR30", 2014, "hsr_express_products", "高铁快运产品数", 4, "种", UNFOUND, "未注明", "S", False,
     "当日达、次晨达、次日达、经济快递"),
    ("CR31", 2014, "hsr_express_cities", "高铁快运覆盖城市数", 151, "个", UNFOUND, "未注明", "S", False, "2014 年底"),
    ("CR32", 2014, "hsr_express_stations", "高铁快运办理车站数", 61, "个", UNFOUND, "未注明", "S", False, "2014 年底"),
    ("CR33", 2016, "hsr_express_cities", "高铁快运覆盖城市数", 505, "个", UNFOUND, "未注明", "S", False, "2016-10-20"),
    ("CR34", 2020, "national_parcels", "全国快递业务量", 83_300_000_000, "件", CHINA_DAILY, "2021-03-16", "S", True,
     "833 亿件"),
    ("CR35", 2020, "hsr_parcel_share_max", "高铁运送快件占比（上限）", 0.1, "%", CHINA_DAILY, "2021-03-16", "S", True,
     "不到 0.1%，高铁快运体量仍很小"),
    # Milk by rail, later examples (not China Railway Express itself).
    ("CR36", 2024, "rail_milk_containers", "伊利宁夏至成都鲜奶班列集装箱数", 52, "个", UNFOUND, "约2024-01", "S", False,
     "2024 年 1 月；40 英尺集装箱"),
    ("CR37", 2024, "rail_milk_container_length_ft", "集装箱规格", 40, "英尺", UNFOUND, "约2024-01", "S", False,
     "40 英尺标准箱"),
    ("CR38", 2024, "rail_milk_weight_t", "伊利宁夏至成都班列货重", 1800, "吨", UNFOUND, "约2024-01", "S", False, "52 个集装箱合计"),
    ("CR39", 2024, "rail_milk_transit_hours_before", "宁夏至成都运输时间（以前）", 96, "小时", UNFOUND, "约2024-01", "S", False, "改用班列之前的用时"),
    ("CR40", 2024, "rail_milk_transit_hours_after", "宁夏至成都运输时间（班列）", 46, "小时", UNFOUND, "约2024-01", "S", False,
     "约 46 小时"),
    ("CR41", 2024, "multimodal_milk_train_speed", "北京至广州多式联运班列时速", 120, "千米/小时", CCTV, "2024-04", "S", True,
     "2024 年 4 月"),
    ("CR42", 2024, "multimodal_milk_transit_hours", "北京至广州运输时间（班列）", 33, "小时", CCTV, "2024-04", "S", True, "铁路与公路联运"),
    ("CR43", 2024, "multimodal_milk_transit_days_before_min", "北京至广州运输时间（以前，下限）", 5, "天", CCTV, "2024-04", "S", True,
     "以前要 5–7 天"),
    ("CR44", 2024, "multimodal_milk_transit_days_before_max", "北京至广州运输时间（以前，上限）", 7, "天", CCTV, "2024-04", "S", True,
     "以前要 5–7 天"),
]

EXPRESS_KPIS = [
    ("KP01", 2014, "express_satisfaction_score", "快递服务满意度得分", 73.7, "分", SPB, "2014 年度结果", "S", True,
     "国家邮政局年度满意度调查"),
    ("KP02", 2023, "express_satisfaction_score", "快递服务满意度得分", 84.3, "分", SPB, "2023 年度结果", "S", True,
     "比 2014 年高 10.6 分"),
    ("KP03", 2023, "on_time_rate_72h", "重点地区快递 72 小时准时率", 80.97, "%", SPB, "2023 年度结果", "S", True,
     "国家邮政局测试的是全国重点地区的快件，不是全国所有快件；72 小时内送达的比例"),
    ("KP04", 2023, "avg_door_to_door_hours", "重点地区快递服务全程时限", 56.42, "小时", SPB, "2023 年度结果", "S", True,
     "国家邮政局测试的是全国重点地区的快件；从收寄到投递的平均用时"),
    ("KP05", 2018, "complaints_per_million", "每百万件快件有效申诉数", 38.78, "件/百万件", SPB, "2018-11 月度结果", "S", True,
     "2018 年 11 月，即“双 11”所在月份"),
    ("KP06", 2018, "complaint_handling_satisfaction", "用户对申诉处理的满意率", 98.8, "%", SPB, "2018-11 月度结果", "S", True,
     "2018 年 11 月"),
    ("KP07", 2014, "carrier_reply_deadline", "企业答复用户投诉的期限", 7, "工作日", POSTAL_RULES, "2014-08-27", "P", True,
     "企业自己收到的投诉；该办法是国家邮政局印发的规范性文件，不是部门规章"),
    ("KP08", 2014, "forwarded_reply_deadline", "企业答复转办申诉的期限", 15, "日", POSTAL_RULES, "2014-08-27", "P", True,
     "由邮政管理部门转来的申诉"),
    ("KP09", 2014, "regulator_reply_deadline", "管理部门答复申诉的期限", 30, "日", POSTAL_RULES, "2014-08-27", "P", True,
     "用户向邮政管理部门申诉后"),
    ("KP10", 2013, "satisfaction_threshold_tier1", "物流企业评级满意度门槛（最高档）", 98, "%", GBT19680, "2013（2014-07-01 实施）", "S", False,
     "据旧版表格副本读出，未与 2013 版原文核对；投诉率门槛也未核实"),
    ("KP11", 2013, "satisfaction_threshold_tier2", "物流企业评级满意度门槛（中间档）", 95, "%", GBT19680, "2013（2014-07-01 实施）", "S", False,
     "据旧版表格副本读出，未与 2013 版原文核对"),
    ("KP12", 2013, "satisfaction_threshold_tier3", "物流企业评级满意度门槛（最低档）", 90, "%", GBT19680, "2013（2014-07-01 实施）", "S", False,
     "据旧版表格副本读出，未与 2013 版原文核对"),
    ("KP13", None, "perfect_order_on_time", "完美订单示例：准时率", 98, "%", APQC, "未注明", "S", True, "四个因子之一"),
    ("KP14", None, "perfect_order_complete", "完美订单示例：完整率", 97, "%", APQC, "未注明", "S", True, "四个因子之一"),
    ("KP15", None, "perfect_order_damage_free", "完美订单示例：无损率", 99, "%", APQC, "未注明", "S", True, "四个因子之一"),
    ("KP16", None, "perfect_order_documents_accurate", "完美订单示例：单证准确率", 82, "%", APQC, "未注明", "S", True,
     "四个因子之一，也是最弱的一环"),
    ("KP17", None, "perfect_order_rate", "完美订单率（示例结果）", 77.16, "%", APQC, "未注明", "S", True,
     "四个因子相乘；精确乘积 77.1697%，示例取 77.16%"),
]

FACT_TABLES = {
    "walmart_facts": WALMART_FACTS,
    "dhl_facts": DHL_FACTS,
    "cre_facts": CRE_FACTS,
    "express_kpis": EXPRESS_KPIS,
}

# --------------------------------------------------------------------------
# Data dictionary (same format as datasets/dictionary.csv)
# --------------------------------------------------------------------------
DICTIONARY_HEADER = ["dataset", "column", "dtype", "unit", "zh", "categories"]

STORE_DICTIONARY = [
    ("open_date", "date", "", "开业日期（数据：Holmes 2011 汇编，Imai《Quantitative Social Science》"
                              "DISCOVERY/walmart.csv 转载）", ""),
    ("address", "string", "", "街道地址（英文原文）", ""),
    ("city", "string", "", "所在城市（英文）", ""),
    ("state", "string", "", "所在州（两字母缩写）", ""),
    ("longitude", "float", "度", "经度（西经为负）", ""),
    ("latitude", "float", "度", "纬度", ""),
    ("store_type", "category", "", "2006 年时的类型：Wal-MartStore 折扣店，SuperCenter 购物广场，"
                                    "DistributionCenter 配送中心", "|".join(STORE_TYPES)),
    ("is_dc", "bool", "", "是否为配送中心", ""),
]

FACT_DICTIONARY = [
    ("fact_id", "string", "", "事实编号（主键）", ""),
    ("year", "int", "", "数字所属年份（财年按财年；无法确定的为空，读取时用可空整数 Int64）", ""),
    ("metric", "string", "", "指标英文键（snake_case，_min/_max 表示下限/上限）", ""),
    ("metric_zh", "string", "", "指标中文名称", ""),
    ("value", "float", "", "数值（单位见 unit 列）", ""),
    ("unit", "string", "", "这一行数值的单位", ""),
    ("source", "string", "", "出处（机构、媒体或文献）", ""),
    ("source_date", "string", "", "出处的发布日期（文字，尽量精确；不详写“未注明”）", ""),
    ("source_type", "category", "", "P 原始来源（公司、政府、标准、财报），S 二手来源（媒体、书籍、课程资料）", "P|S"),
    ("verified", "bool", "", "是否可信：标为未核实、示例性或只见于课程资料的为 False", ""),
    ("note", "string", "", "说明", ""),
]


def dictionary_rows() -> list[list[str]]:
    rows = [["walmart_stores", *row] for row in STORE_DICTIONARY]
    for name in FACT_TABLES:
        rows += [[name, *row] for row in FACT_DICTIONARY]
    return rows


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def fact_rows(name: str, facts) -> list[list[str]]:
    """Check one fact table's literals and turn them into CSV text rows."""
    rows, seen = [], set()
    for fact in facts:
        if len(fact) != len(FACT_COLUMNS):
            sys.exit(f"{name}: 字段数不对 / wrong field count: {fact}")
        fid, year, metric, metric_zh, value, unit, source, source_date, stype, verified, note = fact
        if fid in seen or not SNAKE.match(metric) or stype not in ("P", "S") \
                or not (metric_zh and unit and source and source_date and note):
            sys.exit(f"{name}: 这一行不合格 / invalid row: {fact}")
        seen.add(fid)
        # repr() of a float is the shortest text that reads back to the same number.
        rows.append([fid, "" if year is None else str(int(year)), metric, metric_zh,
                     repr(float(value)), unit, source, source_date, stype, str(bool(verified)), note])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the case tables in datasets/cases/.")
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="Walmart store-openings CSV (Imai DISCOVERY/walmart.csv layout)")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    parser.add_argument("--facts-only", action="store_true",
                        help="write the fact tables and dictionary only, skip walmart_stores.csv")
    args = parser.parse_args(argv)

    ids = [fact[0] for facts in FACT_TABLES.values() for fact in facts]
    if len(ids) != len(set(ids)):
        sys.exit("fact_id 有重复 / duplicate fact_id")

    if not args.facts_only and not args.source.is_file():
        sys.exit(f"找不到沃尔玛源文件：{args.source}\nWalmart source file not found: {args.source}")
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.facts_only:
        write_csv(args.out / "walmart_stores.csv", STORE_COLUMNS, read_store_rows(args.source))
    for name, facts in FACT_TABLES.items():
        write_csv(args.out / f"{name}.csv", FACT_COLUMNS, fact_rows(name, facts))
    write_csv(args.out / "dictionary.csv", DICTIONARY_HEADER, dictionary_rows())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
