"""The inline style and script of ``summary.html`` (no external assets: the page's Content
Security Policy forbids loading any)."""

from deedgen.render.table_script import table_script

HTML_HEAD = """<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 1rem 2rem;color:#1d1d1f}
h1{font-size:1.3rem;margin:.8rem 0 .3rem} h2{font-size:1.1rem;margin-top:1.5rem}
header{position:sticky;left:0}
.meta{color:#555;font-size:12px;margin:.2rem 0}
.chip{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#eee;margin-right:.3rem}
.tools input,.tools select{font:inherit;padding:.2rem .4rem} #filter{width:20rem} #shown{color:#555;margin-left:.5rem}
.scroll{overflow:auto;max-height:76vh;border:1px solid #ddd}
table{border-collapse:collapse;min-width:100%}
th,td{padding:.25rem .45rem;border-bottom:1px solid #e5e5e5;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f4f4f6;cursor:pointer;white-space:nowrap;z-index:1}
thead th[data-nosort]{cursor:default}
thead th.rule{font-weight:normal;font-size:11px;line-height:1.2;vertical-align:bottom;white-space:normal;min-width:4.2rem;max-width:5.6rem;hyphens:auto;overflow-wrap:break-word}
td.r{font-size:13px;text-align:center} td.mentor{font-size:12px;white-space:nowrap} a.mail{color:#555} td.notes{min-width:18rem;max-width:34rem} td.docs{white-space:nowrap;font-size:12px}
td:nth-child(4){min-width:12rem;max-width:20rem} td.sheet{font-size:12px;color:#555}
th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
tbody tr:hover{background:#f7f9ff}
td.num{text-align:right;white-space:nowrap} tbody td:first-child{white-space:nowrap}
td a{margin-right:.35rem;white-space:nowrap}
.s-built,.r-pass{color:#11683a} .s-draft,.r-warning{color:#8a5a00} .s-failed,.r-fail{color:#b00020;font-weight:600}
.s-skipped-unchanged{color:#555} .s-pending{color:#6b3fa0}
.chip.s-failed{background:#fde7ea} .chip.s-built{background:#e6f4ea} .chip.s-draft{background:#fff4d6}
.errors summary,.error{cursor:pointer;color:#b00020} .errors ul,.notices ul{margin:.2rem 0 .2rem 1rem;padding:0}
.notices{color:#8a5a00;font-size:12px} .notices summary{cursor:pointer}
.reason,.changes,.notice,.remarks{color:#555;font-size:12px;display:block} .notice{color:#8a5a00} .remarks{color:#1d1d1f}
.warn{color:#b00020;font-weight:600}
</style></head><body>
"""

HTML_TAIL = table_script("cohort") + "</body></html>\n"
