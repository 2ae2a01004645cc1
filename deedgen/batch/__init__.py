"""Build a cohort: every coalition of a region, in parallel, resumable, with a cohort report.

    read the cohort → load the shared inputs once (:mod:`.shared`) → skip the coalitions whose
    inputs did not change (:mod:`.triage`) → validate every sheet (:mod:`.worker`) → name the
    folders (:mod:`.folders`) → build in worker processes (:mod:`.pool`, :mod:`.building`: plan
    in memory → one LibreOffice call per chunk → write, move into place) → cohort report
    (:mod:`deedgen.cohort_report`, from the rows of :mod:`.rows`)

Every coalition gets a folder ``OUTDIR/<TERC>-<gmina>`` written by :func:`deedgen.pipeline.write.write`,
so each folder is replaced atomically file by file, the manifest last. A coalition that fails
(an invalid sheet, the funding conditions not met without ``--draft``, a broken clause reference
or rule file, a failed conversion) is reported and never stops the others.

**Work.** ``jobs`` worker processes each load the clause library, the rule sets and the prepared
DOCX templates once, then take chunks of coalitions. While one worker's LibreOffice converts, the
other workers plan and write, so the cores stay busy. Rows are spooled to disk, so memory does not
grow with the cohort; the lock and scratch space live in ``OUTDIR/.deedgen-batch`` (:mod:`.state`).

**Interrupting** (:mod:`.interrupt`). Ctrl-C (or SIGTERM) stops the workers at the coalition they
are at, writes the report with the rest marked ``pending``, and returns; a killed batch (SIGKILL)
takes its workers and their LibreOffice with it and leaves only staging folders, removed by the
next run.
"""

from deedgen.batch.options import BatchOptions, BatchResult, Progress
from deedgen.batch.run import run_batch

__all__ = ["BatchOptions", "BatchResult", "Progress", "run_batch"]
