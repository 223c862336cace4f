"""Make messy company-style exports for reviewing coursekit.read_table and the own-data analyses.

Run:  python make_files.py [outdir]   (default /tmp/realdata/files)
Writes the truth tables (truth_shipments.csv, truth_complaints.csv, UTF-8) next to the messy files,
so every number read back can be compared with what was meant.
"""
import sys, os, datetime as dt
from pathlib import Path
import numpy as np
import pandas as pd
from openpyxl import Workbook

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/realdata/files")
OUT.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)

# ---------------------------------------------------------------- truth
n_cust = 30
cust_ids = [str(1000 + i) if i % 2 else f"C{1000 + i}" for i in range(1, n_cust + 1)]  # 1001, C1002, 1003 ...
names = {c: f"客户{k:02d}贸易有限公司" for k, c in enumerate(cust_ids, 1)}
weights = rng.pareto(1.2, n_cust) + 0.2
weights /= weights.sum()
rows = []
start = pd.Timestamp("2024-01-01")
for k in range(420):
    c = cust_ids[rng.choice(n_cust, p=weights)]
    od = start + pd.Timedelta(days=int(rng.integers(0, 731)))
    svc = rng.choice(["快递", "零担", "整车", "仓配"], p=[.4, .35, .15, .1])
    rev = float(np.round(rng.lognormal(7 if svc != "整车" else 8.5, .6), 2))   # ~1,100 / ~5,000 yuan
    cost = float(np.round(rev * rng.uniform(.7, 1.15), 2))
    lost = bool(rng.random() < .01)
    ontime = bool(rng.random() < .9) and not lost
    rows.append(dict(waybill_id=f"YD{k:05d}", customer_id=c, order_date=od, ship_date=od + pd.Timedelta(days=1),
                     promised_date=od + pd.Timedelta(days=3),
                     delivered_date=pd.NaT if lost else od + pd.Timedelta(days=3 if ontime else 5),
                     origin="南宁", destination=rng.choice(["柳州", "桂林", "北海", "玉林"]), service=svc,
                     pieces=int(rng.integers(1, 40)), weight_kg=float(np.round(rng.uniform(1, 9000), 1)),
                     volume_m3=float(np.round(rng.uniform(.01, 30), 2)), revenue=rev, cost=cost,
                     on_time=ontime, complete=bool(rng.random() < .97), damaged=bool(rng.random() < .03),
                     lost=lost, documents_correct=bool(rng.random() < .95)))
truth = pd.DataFrame(rows).sort_values(["order_date", "waybill_id"]).reset_index(drop=True)
# make the biggest waybill > 10,000 yuan so thousands separators matter
truth.loc[5, "revenue"] = 12345.67; truth.loc[5, "cost"] = 10001.5
truth.to_csv(OUT / "truth_shipments.csv", index=False)

comp_rows = []
for k in range(40):
    w = truth.iloc[int(rng.integers(0, len(truth)))]
    rec = w["order_date"] + pd.Timedelta(days=4, hours=int(rng.integers(8, 18)), minutes=int(rng.integers(0, 60)))
    resolved = rec + pd.Timedelta(hours=int(rng.integers(2, 300))) if k % 9 else pd.NaT
    comp_rows.append(dict(complaint_id=f"TS{k:04d}", customer_id=w["customer_id"], waybill_id=w["waybill_id"],
                          received_at=rec, intake_channel=rng.choice(["电话", "微信", "邮件", "网站"]),
                          category=rng.choice(["延误", "破损", "丢失", "服务态度", "费用争议"], p=[.5, .2, .1, .1, .1]),
                          severity=rng.choice(["一般", "较重", "严重"]), first_response_at=rec + pd.Timedelta(hours=2),
                          resolved_at=resolved, first_contact_resolved=bool(rng.random() < .6),
                          compensation=float(rng.choice([0, 0, 50, 200, 1500.5])),
                          satisfied=(pd.NA if pd.isna(resolved) else bool(rng.random() < .7))))
truth_c = pd.DataFrame(comp_rows)
truth_c.to_csv(OUT / "truth_complaints.csv", index=False)

# ---------------------------------------------------------------- messy renderers
def yn(b):
    return "是" if b else "否"

DATE_STYLES = [lambda d: f"{d.year}/{d.month}/{d.day}",              # 2025/3/5
               lambda d: f"{d.year}年{d.month}月{d.day}日",           # 2025年3月5日
               lambda d: d.strftime("%Y%m%d"),                        # 20250305
               lambda d: d.strftime("%Y-%m-%d") + " 14:30:00",        # with time
               lambda d: f"{d.year}/{d.month}/{d.day} 9:05",          # Chinese-Windows Excel datetime
               lambda d: str((d - pd.Timestamp("1899-12-30")).days)]  # Excel serial as text

def mdate(d, i):
    return "" if pd.isna(d) else DATE_STYLES[i % len(DATE_STYLES)](d)

def money(x, i):
    s = f"{x:,.2f}"
    return ["￥" + s, s, s + "元", f"{x:.2f}"][i % 4]      # ￥ is U+FFE5 (full-width), what GBK has

HEAD = ["运单编号", "客户编码", "客户名称", "下单日期", "发货日期", "要求到达日期", "签收日期", "发货城市", "到达城市",
        "产品类型", "件数", "重量(公斤)", "体积(方)", "运费(元)", "成本", "是否准时", "件数齐全", "是否破损",
        "是否丢失", "单证无误", "签收人", "客户名称", "备注"]   # 签收人 all empty; 客户名称 twice

def ship_rows(df, note_total_word=True):
    out = []
    for i, r in df.iterrows():
        note = ""
        if i == 7 and note_total_word:
            note = "合计3票一起结算"          # an ordinary row whose remark starts with 合计
        if i == 8:
            note = "总额含保价费20元"
        out.append([r.waybill_id, r.customer_id, names[r.customer_id], mdate(r.order_date, i), mdate(r.ship_date, i + 1),
                    mdate(r.promised_date, i + 2), mdate(r.delivered_date, i + 3), r.origin, r.destination, r.service,
                    str(r.pieces), f"{r.weight_kg:,.1f}", str(r.volume_m3), money(r.revenue, i), money(r.cost, i + 1),
                    yn(r.on_time), yn(r.complete), yn(r.damaged), yn(r.lost), yn(r.documents_correct), "",
                    names[r.customer_id], note])
    return out

def write_csv(path, header, body, encoding="gbk", title=True, total=True, sign=True):
    import csv
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        if title:
            w.writerow(["南宁某物流有限公司 运单明细表 导出时间：2026-01-05 09:12"] + [""] * (len(header) - 1))
        w.writerow(header)
        for k, row in enumerate(body):
            if k in (50, 51):
                w.writerow([""] * len(header))            # blank rows in the middle
            w.writerow(row)
        if total:
            tot = [""] * len(header)
            tot[0] = "合计"
            col = header.index("运费(元)") if "运费(元)" in header else len(header) - 1
            tot[col] = f"{truth['revenue'].sum():,.2f}"
            w.writerow(tot)
        if sign:
            w.writerow(["制表人：张三", "", "审核：李四"] + [""] * (len(header) - 3))   # signature line under the total

body = ship_rows(truth)
# 1 main GBK csv
write_csv(OUT / "ships_gbk.csv", HEAD, body)
write_csv(OUT / "ships_nosign_gbk.csv", HEAD, body, sign=False)   # the same without the 制表人 line
# 2 same but with the duplicated money column (ERP prints 运费 twice)
HEAD2 = HEAD[:14] + ["运费(元)"] + HEAD[14:]
write_csv(OUT / "ships_dupcol_gbk.csv", HEAD2, [r[:14] + [r[13]] + r[14:] for r in body])
# 3 merged-cell style: customer code/name only on the first row of each customer block (sorted by customer)
srt = truth.sort_values(["customer_id", "order_date"]).reset_index(drop=True)
mb = ship_rows(srt, note_total_word=False)
prev = None
for r in mb:
    if r[1] == prev:
        r[1] = ""; r[2] = ""
    else:
        prev = r[1]
write_csv(OUT / "ships_merged_gbk.csv", HEAD, mb)
# 4 UTF-8 with BOM ("CSV UTF-8" in Excel) with only a few columns, different names
few = [[r.customer_id, mdate(r.order_date, i), money(r.revenue, i)] for i, r in truth.iterrows()]
write_csv(OUT / "ships_few_utf8bom.csv", ["客户名称编码", "业务发生日期", "含税运费(元)"], few, encoding="utf-8-sig")

# 5 xlsx: title merged across, header row 2, real date cells, serial numbers, text dates, numeric id cells,
#   amounts as numbers with ￥ format plus some as text, a formula total, a second sheet 说明
wb = Workbook()
ws = wb.active
ws.title = "运单明细"
ws.append(["南宁某物流有限公司 运单明细表"])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))
ws.append(HEAD)
for i, r in truth.iterrows():
    def xd(d, j):
        if pd.isna(d):
            return None
        m = j % 4
        if m == 0:
            return d.to_pydatetime()                          # real date cell
        if m == 1:
            return int((d - pd.Timestamp("1899-12-30")).days)  # serial number in a General cell
        if m == 2:
            return f"{d.year}年{d.month}月{d.day}日"
        return d.to_pydatetime() + dt.timedelta(hours=15, minutes=20)  # date with time
    cid = int(r.customer_id) if r.customer_id.isdigit() else r.customer_id
    rev = r.revenue if i % 3 else f"￥{r.revenue:,.2f}"
    ws.append([r.waybill_id, cid, names[r.customer_id], xd(r.order_date, i), xd(r.ship_date, i + 1),
               xd(r.promised_date, i + 2), xd(r.delivered_date, i + 3), r.origin, r.destination, r.service,
               r.pieces, r.weight_kg, r.volume_m3, rev, r.cost, yn(r.on_time), yn(r.complete), yn(r.damaged),
               yn(r.lost), yn(r.documents_correct), None, names[r.customer_id], None])
    ws.cell(ws.max_row, 14).number_format = '"￥"#,##0.00'
    if i == 99:
        ws.append([None] * len(HEAD))
last = ws.max_row
ws.append(["合计", None, None, None, None, None, None, None, None, None, f"=SUM(K3:K{last})", None, None,
           f"=SUM(N3:N{last})", f"=SUM(O3:O{last})"])
ws2 = wb.create_sheet("说明")
ws2.append(["本表由ERP导出，金额单位：元"])
wb.save(OUT / "ships.xlsx")

# 6 complaints GBK csv
CH = ["投诉单号", "客户编码", "运单编号", "投诉时间", "投诉渠道", "投诉类型", "严重程度", "首次回复时间", "办结时间",
      "是否一次解决", "赔偿金额(元)", "客户是否满意"]
def dtm(t, i):
    if pd.isna(t):
        return ""
    return [t.strftime("%Y/%m/%d %H:%M"), f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}", t.strftime("%Y-%m-%d %H:%M:%S")][i % 3]
cb = []
for i, r in truth_c.iterrows():
    cb.append([r.complaint_id, r.customer_id, r.waybill_id, dtm(r.received_at, i), r.intake_channel, r.category,
               r.severity, dtm(r.first_response_at, i + 1), dtm(r.resolved_at, i + 2), yn(r.first_contact_resolved),
               money(r.compensation, i), "" if pd.isna(r.satisfied) else yn(r.satisfied)])
write_csv(OUT / "complaints_gbk.csv", CH, cb, total=False)
write_csv(OUT / "complaints_nosign_gbk.csv", CH, cb, total=False, sign=False)
# 7 complaints with the channel words a real company uses
cb2 = [list(r) for r in cb]
for r in cb2[:5]:
    r[4] = {"电话": "400热线", "微信": "微信公众号", "邮件": "电子邮件", "网站": "官网留言"}[r[4]]
write_csv(OUT / "complaints_words_gbk.csv", CH, cb2, total=False)

# ---------------------------------------------------------------- teacher mistakes
(OUT / "empty.csv").write_bytes(b"")
write_csv(OUT / "header_only_gbk.csv", HEAD, [], title=False, total=False)
# an "xls" that is really an old Excel file would need xlwt; write the two common cases instead:
(OUT / "old_excel.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)   # OLE2 header = real .xls signature
(OUT / "xlsx_renamed.xls").write_bytes((OUT / "ships.xlsx").read_bytes())               # .xlsx saved with .xls name
(OUT / "html_as.xls").write_text("<html><body><table><tr><td>客户编码</td><td>运费</td></tr>"
                                  "<tr><td>1001</td><td>100</td></tr></table></body></html>", encoding="utf-8")
# Excel's owner/lock file that sits next to an open workbook
(OUT / "~$ships.xlsx").write_bytes(b"\x05zhang " + b"\0" * 150)
print("wrote", sorted(p.name for p in OUT.iterdir()))

# ---------------------------------------------------------------- more real-world containers
import csv as _csv, io as _io
_rows = list(_csv.reader(_io.StringIO((OUT / "ships_nosign_gbk.csv").read_text(encoding="gbk"))))
_tsv = "\n".join("\t".join(r) for r in _rows)
(OUT / "ships_tab_gbk.xls").write_text(_tsv, encoding="gbk")      # tab-separated GBK text named .xls (ERP/web "导出Excel")
(OUT / "ships_tab_gbk.txt").write_text(_tsv, encoding="gbk")
(OUT / "csv_named.xlsx").write_bytes((OUT / "ships_nosign_gbk.csv").read_bytes())   # CSV bytes with an .xlsx name
wb = Workbook(); ws = wb.active                                   # real merged cells for the customer code
ws.append(["客户编码", "客户名称", "下单日期", "运费(元)"])
ws.append([1001, "甲公司", "2025-01-01", 100]); ws.append([None, None, "2025-01-02", 200]); ws.append(["C1002", "乙公司", "2025-01-03", 300])
ws.merge_cells("A2:A3"); ws.merge_cells("B2:B3")
wb.save(OUT / "merged_real.xlsx")
# a file whose amounts are in 万元 and weights in 吨 (units in the header)
pd.DataFrame({"客户编码": ["1001", "C1002"], "下单日期": ["2025/1/5", "2025/1/6"], "运费(万元)": ["1.2", "0.35"],
              "重量(吨)": ["2.5", "0.8"]}).to_csv(OUT / "units_wan_ton_gbk.csv", index=False, encoding="gbk")
print("extra files written")
