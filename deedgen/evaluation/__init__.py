"""The evaluation loop: report workbooks a library fills in each quarter and each year, read back
into a cohort evaluation for the mentor and the operator.

- :mod:`.period` — a quarter or a year, and when its report is due;
- :mod:`.layout` — the report workbook's sheets and columns (shared by writer and reader);
- :mod:`.planned` — what the partner sheet plans for a period (the rows ``report init`` fills in);
- :mod:`.workbook` — ``deedgen report init``: the workbook to fill;
- :mod:`.reader` — a filled workbook read back, every value with its cell, hostile cells refused;
- :mod:`.checks` — a report checked on its own and against the coalition's partner sheet;
- :mod:`.cohort` — ``deedgen evaluate``: statuses, figures and risks of every coalition;
- :mod:`.page`, :mod:`.outputs`, :mod:`.charts` — ``ewaluacja.html`` / ``.xlsx`` / ``.json``;
- :mod:`.annual` — the annual evaluation report (DOCX, PDF) from the ``evaluation`` clauses;
- :mod:`.funding` — the funding rule kind that reads reported facts.
"""
