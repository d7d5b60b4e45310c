#!/usr/bin/env python3
"""Makes a folder of synthetic ~50-page disclosures for timing `yibao disclosure check DIR`.

Usage: python3 bench/Yibao.Benchmarks/Disclosure/make_folder.py OUT_DIR [COUNT=100] [PAGES=50]
Writes COUNT documents, a mix of .txt (40%), .docx (30%) and .pdf (30%; printed once by /usr/bin/chromium and copied).
The content mirrors DisclosureCheckBenchmark.Synthetic: narrative with 其中 lists, changes and percentages, and a coded
table in 元 per page. Each document gets one deliberate error (基本支出 off by 0.15) so the checker has work to report.
"""
import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

def blocks(pages, seed):
    out = [("p", f"示范县医疗保障局2024年部门预算公开（{seed}）")]
    for p in range(pages):
        out.append(("p", f"{p + 1}、第{p + 1}部分说明"))
        for k in range(6):
            b = 100 + p + k
            basic = b + (0.15 if (p == 0 and k == 0) else 0)
            out.append(("p", f"2024年支出预算{b + 40:.2f}万元，其中基本支出{basic:.2f}万元，包括人员经费{b - 10:.2f}万元和公用经费10.00万元；项目支出40.00万元。较2023年的{b:.2f}万元增加40.00万元，增长{40 / b * 100:.2f}%。"))
        out.append(("p", "一般公共预算支出表"))
        out.append(("p", "单位：元"))
        out.append(("t", [
            ["科目编码", "科目名称", "合计", "人员经费", "公用经费", "项目支出"],
            ["210", "卫生健康支出", "1000000.00", "500000.00", "100000.00", "400000.00"],
            ["21015", "医疗保障管理事务", "1000000.00", "500000.00", "100000.00", "400000.00"],
            ["2101550", "事业运行", "600000.00", "500000.00", "100000.00", ""],
            ["2101506", "医疗保障经办事务", "400000.00", "", "", "400000.00"],
        ]))
        out.append(("p", "说明：表中数字为示例。"))
    return out

def to_txt(bs):
    lines = []
    for kind, v in bs:
        if kind == "p":
            lines += [v, ""]
        else:
            lines += ["\t".join(r) for r in v] + [""]
    return "\n".join(lines)

def to_docx(bs, path):
    def para(t):
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>'
    body = []
    for kind, v in bs:
        if kind == "p":
            body.append(para(v))
        else:
            rows = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in r) + "</w:tr>" for r in v)
            body.append(f"<w:tbl>{rows}</w:tbl>")
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + "".join(body) + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)

def to_pdf(bs, path):
    parts = []
    for kind, v in bs:
        if kind == "p":
            parts.append(f"<p>{html.escape(v)}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td style='padding:2px 24px;white-space:nowrap'>{html.escape(c) or '0.00'}</td>" for c in r) + "</tr>" for r in v)
            parts.append(f"<table>{rows}</table>")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "doc.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write("<html><head><meta charset='utf-8'></head><body style='font-size:12px'>" + "".join(parts) + "</body></html>")
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={path}", src], check=True, capture_output=True)

def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    pages = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    os.makedirs(out, exist_ok=True)
    pdf_master = os.path.join(out, "_master.pdf")
    for i in range(count):
        bs = blocks(pages, i + 1)
        kind = "txt" if i % 10 < 4 else "docx" if i % 10 < 7 else "pdf"
        path = os.path.join(out, f"doc{i + 1:03}.{kind}")
        if kind == "txt":
            with open(path, "w", encoding="utf-8") as f:
                f.write(to_txt(bs))
        elif kind == "docx":
            to_docx(bs, path)
        else:
            if not os.path.exists(pdf_master):
                to_pdf(bs, pdf_master)
            shutil.copyfile(pdf_master, path)
    os.remove(pdf_master)
    print(f"{count} documents in {out}")

if __name__ == "__main__":
    main()
