"""Make the example exports of a fictional company for the own-data notebook.

Everything here is invented: the company 邕城通达物流, its customers and every
figure. The point is the *form* of the files, which copies what real exports
look like (a title line above the header, Chinese headers, GBK encoding,
'¥1,234.50' amounts, dates written four different ways, customer codes that
Excel stores partly as numbers, a total line at the bottom).

Files written (``python datasets/examples/make_examples.py [--out DIR]``):

* ``company_waybills_clean.csv``: the waybills in the course's own form
  (UTF-8 with BOM, English column names, ISO dates): the reference.
* ``company_waybills_gbk.csv``: the same waybills as a GBK export.
* ``company_waybills.xlsx``: the same waybills as an Excel export (date cells,
  Excel serial numbers and text dates, numbers and text codes mixed).
* ``company_complaints_gbk.csv``: complaints about some of those waybills.

The generator is seeded, so every run writes the same CSV bytes (the .xlsx
differs only in the time stamp Excel files carry).
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20251231
HERE = Path(__file__).resolve().parent
COMPANY = "邕城通达物流（虚构）"
SERVICES = ["快递", "零担", "整车", "仓配"]
CITIES = ["南宁", "柳州", "桂林", "玉林", "广州", "深圳", "昆明", "贵阳"]
CATEGORIES = ["延误", "破损", "丢失", "服务态度", "信息不准", "费用争议", "其他"]
CHANNELS = ["电话", "微信", "邮件", "网站", "当面"]
NAME_PARTS = ["绿城", "邕江", "青秀", "五象", "相思湖", "凤岭", "良庆", "金桥", "仙湖", "明秀",
              "朝阳", "江南", "西乡塘", "龙腾", "桂花", "榕树"]
TRADES = ["电商", "药房", "电器", "服饰", "食品", "书店", "汽配", "日化"]
CLEAN_COLUMNS = ["waybill_id", "customer_id", "order_date", "promised_date", "delivered_date",
                 "origin", "destination", "service", "pieces", "weight_kg", "revenue", "cost",
                 "on_time", "complete", "damaged", "lost", "documents_correct"]
GBK_HEADERS = ["运单号", "客户代码", "客户名称", "开单日期", "承诺送达", "签收日期", "始发地",
               "目的地", "产品类型", "件数", "重量（kg）", "结算金额", "成本（元）", "是否准时",
               "件数齐全", "是否破损", "是否丢失", "单证无误", "备注"]


def customers(rng: np.random.Generator, n: int = 36) -> pd.DataFrame:
    """Customer codes (half plain numbers, half 'KH-' codes), names, activity span and size."""
    codes = [str(10001 + 7 * i) if i % 2 == 0 else f"KH-{300 + i:04d}" for i in range(n)]
    names = [f"{NAME_PARTS[i % len(NAME_PARTS)]}{TRADES[(i * 5) % len(TRADES)]}（虚构）"
             for i in range(n)]
    start = pd.Timestamp("2024-01-01") + pd.to_timedelta(
        np.where(rng.random(n) < 0.7, 0, rng.integers(30, 600, n)), unit="D")
    end = pd.Timestamp("2025-12-31") - pd.to_timedelta(
        np.where(rng.random(n) < 0.75, 0, rng.integers(90, 400, n)), unit="D")
    end = np.maximum(end, start + pd.Timedelta(days=60))
    size = rng.lognormal(0, 2.0, n)  # a few big customers, many small: the 80/20 shape
    margin = rng.uniform(-0.12, 0.35, n)  # price agreed with each customer: a few lose money
    return pd.DataFrame({"customer_id": codes, "name": names, "start": start, "end": end,
                         "size": size / size.sum(), "margin": margin})


def waybills(rng: np.random.Generator, people: pd.DataFrame, n: int = 1500) -> pd.DataFrame:
    """The clean waybill table, in the course's column names and types."""
    who = rng.choice(len(people), size=n, p=people["size"].to_numpy())
    span = (people["end"] - people["start"]).dt.days.to_numpy()[who]
    order = people["start"].to_numpy()[who] + pd.to_timedelta(
        (rng.random(n) * span).astype(int), unit="D")
    order = pd.to_datetime(order)
    service = rng.choice(SERVICES, size=n, p=[0.5, 0.3, 0.1, 0.1])
    weight = np.round(np.where(service == "快递", rng.gamma(2, 3, n), rng.gamma(3, 180, n)), 1)
    pieces = np.maximum(1, (weight / rng.uniform(5, 40, n)).astype(int))
    revenue = np.round(np.where(service == "快递", 12 + 4.5 * weight, 80 + 1.1 * weight)
                       * rng.uniform(0.85, 1.15, n), 2)
    cost = np.round(revenue * (1 - people["margin"].to_numpy()[who]) * rng.uniform(0.9, 1.1, n), 2)
    promised = order + pd.to_timedelta(np.where(service == "快递", 2, 4), unit="D")
    lost = rng.random(n) < 0.01
    late = rng.random(n) < 0.09
    delivered = promised + pd.to_timedelta(np.where(late, rng.integers(1, 4, n),
                                                    -rng.integers(0, 2, n)), unit="D")
    delivered = pd.Series(delivered).where(~lost)
    frame = pd.DataFrame({
        "waybill_id": [f"YD{d:%y%m%d}{i:04d}" for i, d in enumerate(order)],
        "customer_id": people["customer_id"].to_numpy()[who],
        "order_date": order,
        "promised_date": promised,
        "delivered_date": delivered.to_numpy(),
        "origin": "南宁",
        "destination": rng.choice(CITIES, size=n),
        "service": pd.Categorical(service, categories=SERVICES),
        "pieces": pieces.astype(np.int64),
        "weight_kg": weight,
        "revenue": revenue,
        "cost": cost,
        "on_time": ~late & ~lost,
        "complete": rng.random(n) > 0.03,
        "damaged": rng.random(n) < 0.02,
        "lost": lost,
        "documents_correct": rng.random(n) > 0.05,
    })
    frame = frame.sort_values(["order_date", "waybill_id"], kind="stable").reset_index(drop=True)
    frame["waybill_id"] = [f"YD{d:%y%m%d}{i:04d}" for i, d in enumerate(frame["order_date"])]
    frame["customer_id"] = frame["customer_id"].astype("str")
    return frame[CLEAN_COLUMNS]


def complaints(rng: np.random.Generator, ships: pd.DataFrame) -> pd.DataFrame:
    """Complaints about failed waybills (and a few others), in the course's columns."""
    failed = ~ships["on_time"] | ships["damaged"] | ~ships["complete"]
    weights = np.where(failed, 12.0, 0.4)
    picked = np.sort(rng.choice(len(ships), size=32, replace=False, p=weights / weights.sum()))
    rows = ships.iloc[picked].reset_index(drop=True)
    category = np.where(rows["damaged"], "破损", np.where(~rows["on_time"], "延误",
                        rng.choice(CATEGORIES[3:], size=len(rows))))
    received = (pd.to_datetime(rows["promised_date"]) + pd.Timedelta(days=1)
                + pd.to_timedelta(rng.integers(8 * 60, 18 * 60, len(rows)), unit="m"))
    response = received + pd.to_timedelta(rng.integers(10, 300, len(rows)), unit="m")
    resolved = response + pd.to_timedelta(rng.integers(2, 240, len(rows)), unit="h")
    still_open = rng.random(len(rows)) < 0.08
    satisfied = pd.array(rng.random(len(rows)) < 0.75, dtype="boolean")
    satisfied[still_open] = pd.NA
    return pd.DataFrame({
        "complaint_id": [f"TS{i + 1:04d}" for i in range(len(rows))],
        "customer_id": rows["customer_id"],
        "waybill_id": rows["waybill_id"],
        "received_at": received.dt.floor("min"),
        "intake_channel": rng.choice(CHANNELS, size=len(rows)),
        "category": category,
        "severity": rng.choice(["一般", "较重", "严重"], size=len(rows), p=[0.7, 0.25, 0.05]),
        "first_response_at": response.dt.floor("min"),
        "resolved_at": resolved.dt.floor("min").where(~still_open),
        "first_contact_resolved": rng.random(len(rows)) < 0.6,
        "compensation": np.where(category == "破损", np.round(rng.uniform(50, 800, len(rows))), 0.0),
        "satisfied": satisfied,
    })


# --- the messy forms --------------------------------------------------------

def _date_forms(stamp: pd.Timestamp, i: int) -> str:
    """Four ways the same day is written in real exports, taken in turn."""
    if pd.isna(stamp):
        return ""
    return (f"{stamp.year}/{stamp.month}/{stamp.day}", f"{stamp:%Y-%m-%d}",
            f"{stamp.year}年{stamp.month}月{stamp.day}日", f"{stamp:%Y%m%d}")[i % 4]


def _money(value: float, i: int) -> str:
    # the full-width ￥ is what Chinese software writes (GBK has no half-width ¥)
    return (f"￥{value:,.2f}", f"{value:.2f}", f"{value:,.2f}元", f"{value:,.2f}")[i % 4]


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def _messy_rows(ships: pd.DataFrame, people: pd.DataFrame):
    names = dict(zip(people["customer_id"], people["name"]))
    for i, row in enumerate(ships.itertuples(index=False)):
        yield [row.waybill_id, f" {row.customer_id}" if i % 17 == 0 else row.customer_id,
               names[row.customer_id], _date_forms(row.order_date, i),
               _date_forms(row.promised_date, i + 1), _date_forms(row.delivered_date, i + 2),
               row.origin, row.destination, row.service, row.pieces, row.weight_kg,
               _money(row.revenue, i), _money(row.cost, i + 1), _yes_no(row.on_time),
               _yes_no(row.complete), _yes_no(row.damaged), _yes_no(row.lost),
               _yes_no(row.documents_correct), "丢件已理赔" if row.lost else ""]


def write_gbk_csv(ships: pd.DataFrame, people: pd.DataFrame, path: Path) -> None:
    total = ships["revenue"].sum()
    with open(path, "w", encoding="gbk", newline="") as stream:
        out = csv.writer(stream, lineterminator="\r\n")  # Excel on Windows writes CRLF
        out.writerow([f"{COMPANY}运单明细 2024-01-01 至 2025-12-31（示例数据，纯属虚构）"])
        out.writerow(GBK_HEADERS)
        for i, row in enumerate(_messy_rows(ships, people)):
            out.writerow(row)
            if i == 400:
                out.writerow([""] * len(GBK_HEADERS))  # a stray empty line, as after a copy-paste
        out.writerow(["合计", "", "", "", "", "", "", "", "", int(ships["pieces"].sum()),
                      round(float(ships["weight_kg"].sum()), 1), f"￥{total:,.2f}", "", "", "",
                      "", "", "", ""])


def write_xlsx(ships: pd.DataFrame, people: pd.DataFrame, path: Path) -> None:
    """Excel form: codes as numbers where they look like numbers, three kinds of date cells."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "运单明细"
    sheet.append([f"{COMPANY}运单明细（示例数据，纯属虚构）"])
    sheet.append(GBK_HEADERS)
    for i, row in enumerate(_messy_rows(ships, people)):
        code = row[1].strip()
        row[1] = int(code) if code.isdigit() else code
        day = ships["order_date"].iloc[i]
        row[3] = (day.to_pydatetime(), (day - pd.Timestamp("1899-12-30")).days,
                  f"{day.year}/{day.month}/{day.day}")[i % 3]
        row[11] = float(ships["revenue"].iloc[i]) if i % 5 else f"¥{ships['revenue'].iloc[i]:,.2f}"
        sheet.append(row)
        if i % 3 == 0:
            sheet.cell(row=sheet.max_row, column=4).number_format = "yyyy-mm-dd"
    sheet.append(["合计", None, None, None, None, None, None, None, None,
                  int(ships["pieces"].sum()), None, float(ships["revenue"].sum())])
    book.properties.creator = COMPANY
    book.save(path)


def write_complaints(table: pd.DataFrame, path: Path) -> None:
    headers = ["投诉单号", "客户代码", "运单号", "投诉时间", "投诉渠道", "投诉类型", "严重程度",
               "首次回复时间", "结案时间", "一次解决", "赔偿", "是否满意"]

    def when(stamp, i):
        if pd.isna(stamp):
            return ""
        return (f"{stamp.year}/{stamp.month}/{stamp.day} {stamp:%H:%M}",
                f"{stamp:%Y-%m-%d %H:%M}")[i % 2]

    with open(path, "w", encoding="gbk", newline="") as stream:
        out = csv.writer(stream, lineterminator="\r\n")
        out.writerow(headers)
        for i, row in enumerate(table.itertuples(index=False)):
            out.writerow([row.complaint_id, row.customer_id, row.waybill_id,
                          when(row.received_at, i), row.intake_channel, row.category, row.severity,
                          when(row.first_response_at, i + 1), when(row.resolved_at, i),
                          _yes_no(row.first_contact_resolved), f"￥{row.compensation:,.2f}",
                          "" if pd.isna(row.satisfied) else _yes_no(bool(row.satisfied))])


def build():
    """(customers, clean waybills, clean complaints) from the fixed seed."""
    rng = np.random.default_rng(SEED)
    people = customers(rng)
    ships = waybills(rng, people)
    return people, ships, complaints(rng, ships)


def clean_for_csv(ships: pd.DataFrame) -> pd.DataFrame:
    out = ships.copy()
    for column in ("order_date", "promised_date", "delivered_date"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    people, ships, table = build()
    clean_for_csv(ships).to_csv(out / "company_waybills_clean.csv", index=False,
                                encoding="utf-8-sig", lineterminator="\n")
    write_gbk_csv(ships, people, out / "company_waybills_gbk.csv")
    write_xlsx(ships, people, out / "company_waybills.xlsx")
    write_complaints(table, out / "company_complaints_gbk.csv")


if __name__ == "__main__":
    main()
