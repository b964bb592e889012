#!/usr/bin/env python3
"""Writes the malformed-input corpus of tests/malformed/ (run from that folder).

Each file is something a real analyst could be handed by mistake or by a
broken export. The test `malformed::corpus_never_panics` reads every one of
them and requires a clean error sentence or findings, never a panic.
"""
import io
import random
import zipfile

random.seed(20251122)
HEADER = "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n"


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    kwargs = {} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": ""}
    with open(name, mode, **kwargs) as f:
        f.write(data)


def xlsx(sheet_xml, extra=None, compression=zipfile.ZIP_DEFLATED, shared=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        if sheet_xml is not None:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def sheet(rows, dimension=None):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for c, v in cells) + "</row>"
        for r, cells in rows)
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dim}<sheetData>{body}</sheetData></worksheet>')


GOOD_ROWS = [(1, [("A", "Mã PAKN"), ("B", "Ngày tiếp nhận"), ("C", "Kênh tiếp nhận"), ("D", "Cơ quan xử lý")]),
             (2, [("A", "X1"), ("B", "06/01/2025"), ("C", "Email"), ("D", "A")])]
good = xlsx(sheet(GOOD_ROWS))

write("empty.csv", b"")
write("empty.xlsx", b"")
write("only-header.csv", HEADER)
write("only-header.xlsx", xlsx(sheet(GOOD_ROWS[:1])))
write("binary-garbage.csv", bytes(random.randrange(256) for _ in range(4096)))
write("png-named.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(random.randrange(256) for _ in range(512)))
write("truncated.xlsx", good[: len(good) // 2])
corrupted = bytearray(good)
for i in range(len(corrupted) // 3, len(corrupted) // 3 + 40):
    corrupted[i] ^= 0x5A
write("corrupted.xlsx", bytes(corrupted))
# 300 MB of blanks inside the sheet compress to a few hundred kilobytes.
bomb_sheet = sheet(GOOD_ROWS).replace("<sheetData>", "<sheetData>" + " " * (300 << 20))
write("zip-bomb.xlsx", xlsx(bomb_sheet))
write("absurd-dimensions.xlsx", xlsx(sheet(GOOD_ROWS + [(1048576, [("XFD", "far away")])], dimension="A1:XFD1048576")))
write("duplicate-headers.csv", "Mã PAKN,Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nD1,D2,06/01/2025,Email,A\n")
write("one-column.csv", "Mã PAKN\nX1\nX2\n")
write("extreme-dates.csv", HEADER + "".join(
    f"E{i},{d},Email,A\n" for i, d in enumerate(
        ["01/01/0001", "31/12/9999", "31/12/1899", "01/01/2101", "29/02/2023", "00/00/0000",
         "99999999", "2025-13-01", "2025-02-30T25:61:61Z", "-1", "1e308", "06/01/2025 99:99"])))
write("long-cells.csv", HEADER + "L1,06/01/2025,Email," + "Sở " * 3400 + "\nL2," + "9" * 10000 + ",Email,A\n")
write("control-chars.csv", HEADER + "C\x01\x02,06/01/2025,Em\x07ail,A\x1b[31m\nC2,06/01/2025\x0b,Email,A\n")
write("bom-only.csv", b"\xef\xbb\xbf")
write("utf16-odd-bytes.csv", b"\xff\xfe" + "Mã".encode("utf-16-le") + b"\x00")
write("utf16-bom-header.csv", b"\xff\xfe" + HEADER.encode("utf-16-le") + "U1,06/01/2025,Email,A\n".encode("utf-16-le"))
write("ragged.csv", HEADER + "R1,06/01/2025\nR2,06/01/2025,Email,A,extra,more\n,,,,,,,,\n")
write("unterminated-quote.csv", HEADER + 'Q1,06/01/2025,"Email,A\nQ2,06/01/2025,Email,A\n')
write("newlines-only.csv", "\n\n\n\r\n")
write("blank-headers.csv", "  ,  ,  \n1,2,3\n")
write("semicolons-in-comma-file.csv", "Mã PAKN;Ngày tiếp nhận,Kênh tiếp nhận;Cơ quan xử lý\nS1;06/01/2025,Email;A\n")
write("huge-numbers.csv", "Mã phiếu,Ngày khảo sát,Cơ quan,Trọng số,TC1\nH1,06/01/2025,A,1e308,5\nH2,06/01/2025,A,-inf,4\nH3,06/01/2025,A,NaN,3\nH4,06/01/2025,A,0,2\n")
write("formula-injection.csv", HEADER + '=cmd|"/c calc"!A1,06/01/2025,Email,A\n+1,06/01/2025,@SUM(A1),-A\n')
write("no-sheets.xlsx", xlsx(None))
write("bad-xml.xlsx", xlsx('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã'))
write("garbage.xls", bytes(random.randrange(256) for _ in range(2048)))
write("garbage.ods", b"PK\x03\x04" + bytes(random.randrange(256) for _ in range(1024)))
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("readme.txt", "not a workbook")
write("zip-not-xlsx.xlsx", buf.getvalue())
write("survey-bad-likert.csv", "Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2\nB1,06/01/2025,A,3.5,-1\nB2,06/01/2025,A,1e9,năm\nB3,06/01/2025,A,,\n")
write("survey-only-header.csv", "Mã phiếu,Ngày khảo sát,Cơ quan,TC1\n")
write("dates-as-numbers.csv", HEADER + "N1,45663,Email,A\nN2,-5,Email,A\nN3,0,Email,A\nN4,2958466,Email,A\n")
write("html-as-xlsx.xlsx", "<html><body><table><tr><td>Mã PAKN</td></tr></table></body></html>")
write("nul-inside.csv", b"M\xc3\xa3 PAKN,Ng\x00ay\n1,2\n")
write("very-wide.csv", ",".join(f"c{i}" for i in range(5000)) + "\n" + ",".join("x" for _ in range(5000)) + "\n")
write("deep-quotes.csv", HEADER + '"' * 5001 + ",06/01/2025,Email,A\n")
write("mixed-line-endings.csv", HEADER.replace("\n", "\r") + "M1,06/01/2025,Email,A\r\nM2,07/01/2025,Email,A\nM3,08/01/2025,Email,A\r")
write("tab-delimited.tsv", HEADER.replace(",", "\t") + "T1\t06/01/2025\tEmail\tA\n")
write("title-only.xlsx", xlsx(sheet([(1, [("A", "BÁO CÁO TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ")])])))
write("header-far-down.csv", "BÁO CÁO\n" * 60 + HEADER + "F1,06/01/2025,Email,A\n")
write("shared-strings-missing.xlsx", xlsx(sheet(GOOD_ROWS).replace('t="inlineStr"><is><t>Mã PAKN</t></is>', 't="s"><v>99</v>')))
write("negative-row-numbers.xlsx", xlsx(sheet(GOOD_ROWS).replace('r="2"', 'r="-2"').replace('A2', 'A-2')))

# cell-reference-overflow.xlsx is not made here: it is the input the fuzzer
# found (a cell reference whose row number overflows the workbook reader),
# kept as it was found.
