"""The worker processes of one batch (a ``forkserver`` pool) and the two phases that use them.

A chunk whose worker died (killed, out of memory) is retried once in a new pool, then reported
failed. Ctrl-C stops the workers at the coalition they are at and collects what they finished.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import queue
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from deedgen.batch.building import ChunkResult, build_chunk
from deedgen.batch.interrupt import Interrupt
from deedgen.batch.options import BatchOptions, Progress
from deedgen.batch.rows import Row, RowSpool
from deedgen.batch.triage import Task
from deedgen.batch.worker import Valid, WorkerSetup, init_worker, validate_chunk, worker_preload
from deedgen.fsutil import uninterrupted, usable_cores

TIMED_OUT = (
    "przekroczono limit czasu: koalicja była budowana dłużej niż {limit:g} s, więc ją przerwano;"
    " pozostałe koalicje budowano dalej (the coalition took longer than {limit:g} s and was"
    " stopped; the others went on)"
)
CLOSE_WAIT = 60.0  # seconds the workers may take to exit when the pool closes, then killed
WORKER_DIED = (
    "proces budujący tę koalicję zakończył się nagle (zabity albo zabrakło pamięci); uruchom"
    " partię ponownie, by dokończyć (the worker process died while working on this coalition:"
    " killed, or out of memory; rerun to resume)"
)
INTERRUPTED = "przerwano: procesy kończą bieżące koalicje… (interrupted: stopping the workers…)"


class PoolRunner:
    """The worker processes of one batch, and the two phases that use them."""

    def __init__(
        self, setup: WorkerSetup, options: BatchOptions, progress: Progress, interrupt: Interrupt
    ) -> None:
        self.setup = setup
        self.options = options
        self.progress = progress
        self.interrupt = interrupt
        self.jobs = max(1, options.jobs or usable_cores())
        self.converter_stats: dict[str, int] = {}
        linux = sys.platform.startswith("linux")
        self._context = multiprocessing.get_context("forkserver" if linux else "spawn")
        if linux:
            self._context.set_forkserver_preload(worker_preload(setup.options))
        self._events = self._context.Queue()
        self._phase, self._seen = "", 0  # the phase running, and its events received
        # The workers' lifeline: they hold the reading end; when this process dies, even by
        # SIGKILL, its writing end closes and they stop (see worker._watch_lifeline).
        self._lifeline, self._lifeline_end = self._context.Pipe(duplex=False)
        self._executor: ProcessPoolExecutor | None = None
        # The per-coalition time limit: when each running chunk last showed life (it started,
        # or one of its coalitions finished), in the order the chunks started.
        self._alive_since: dict[Future, float] = {}
        self._future_of_task: dict[int, Future] = {}

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.jobs,
                mp_context=self._context,
                initializer=init_worker,
                initargs=(self.setup, self._events, self._lifeline),
            )
        return self._executor

    def _workers(self) -> list[multiprocessing.Process]:
        """This pool's worker processes (never another child of this process: deedgen may run
        as a library, beside other children of its host)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return list(processes.values())

    def close(self) -> None:
        """Stop the workers and wait for them, for a bounded time: a pool whose worker was
        killed can stay stuck on a queue the dead worker held (a Python 3.11 executor may then
        wait forever), so workers that do not exit in time are killed."""
        if self._executor is not None:
            workers = self._workers()
            self._executor.shutdown(wait=False, cancel_futures=True)
            deadline = time.monotonic() + CLOSE_WAIT
            for process in workers:
                process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.kill()
                    process.join(5)
            self._executor = None
        self._drain_events()

    def _renew(self) -> None:
        """After a worker was killed or died: a new pool, and a new progress queue for it (the
        dead worker may have held the old queue's lock, which would block every next writer)."""
        self.close()
        self._events = self._context.Queue()

    def validate(self, tasks: list[Task], spool: RowSpool) -> list[Task]:
        """Validate every sheet (in the workers); an invalid one gets its row now. Returns the
        tasks to build, each with its coalition's identity, in cohort order."""
        by_index = {t.index: t for t in tasks}
        valid: list[Task] = []

        def done(outcomes: list[Valid | Row]) -> None:
            for outcome in outcomes:
                if isinstance(outcome, Valid):
                    valid.append(replace(by_index[outcome.index], identity=outcome.identity))
                else:
                    spool.write(outcome)

        self._start_phase("validate", len(tasks))
        self._run(validate_chunk, _chunks(tasks, self._chunk_size(len(tasks), 20)), done)
        return sorted(valid, key=lambda t: t.index)

    def build(self, tasks: list[Task], spool: RowSpool) -> None:
        if self.interrupt.fired:
            return
        self._start_phase("build", len(tasks))
        # With LibreOffice, each chunk is one LibreOffice start (~1.8 s, most of it CPU): fewer,
        # larger chunks (two per worker, up to 40 coalitions) spread it thinner. Typst starts
        # nothing per chunk, and a coalition with PDFs takes ~0.4 s: chunks of up to 10 keep
        # the last one short (no core idles for long at the end) and the plans held small.
        if self.setup.options.converts_docx:
            size = self._chunk_size(len(tasks), 40, 2)
        elif "pdf" in self.setup.options.formats:
            size = self._chunk_size(len(tasks), 10)
        else:
            size = self._chunk_size(len(tasks), 25)

        def done(result: ChunkResult) -> None:
            for key, value in result.converter.items():
                self.converter_stats[key] = self.converter_stats.get(key, 0) + value
            for row in result.rows:
                spool.write(row)

        self._run(build_chunk, _chunks(tasks, size), done)

    def _chunk_size(self, count: int, cap: int, per_worker: int = 4) -> int:
        if self.options.chunk:
            return self.options.chunk
        return max(1, min(cap, math.ceil(count / (self.jobs * per_worker))))

    def _start_phase(self, name: str, total: int) -> None:
        self._phase, self._seen = name, 0
        self.progress.phase(name, total)

    def _run(self, function: Callable, chunks: list[list[Task]], done: Callable) -> None:
        """Run *function* over the chunks in the pool; a chunk whose worker died is retried once
        in a new pool, then reported failed; Ctrl-C stops the workers and returns."""
        attempts = dict.fromkeys(range(len(chunks)), 0)
        todo = list(range(len(chunks)))
        while todo and not self.interrupt.fired:
            running: dict[Future, int] = {}
            submitted, todo = todo, []
            try:
                unsent = self._submit(function, chunks, submitted, running)
                todo = self._collect(running, function, chunks, attempts, done) + unsent
            except KeyboardInterrupt:
                self._stop(running, done)
            if todo:
                self._renew()  # a broken pool: start a new one for the chunks left
        self._drain_events(wait_for=0 if self.interrupt.fired else sum(map(len, chunks)))

    def _submit(self, function: Callable, chunks, numbers: list[int], running) -> list[int]:
        """Send the chunks to the pool; returns those it did not take: a worker died before
        they were sent (the pool is broken), so they go again, in a new pool, as never tried.
        A new pool takes its first chunk always, so every round tries at least one."""
        for position, number in enumerate(numbers):
            try:
                running[self._pool().submit(function, chunks[number])] = number
            except BrokenProcessPool:
                return numbers[position:]
        return []

    def _collect(
        self, running: dict[Future, int], function: Callable, chunks, attempts, done: Callable
    ) -> list[int]:
        """Hand each finished chunk's result to *done* until none runs; returns the chunks to
        run again (their worker died for the first time, or a chunk went over its time)."""
        retry = []
        for future, number in running.items():
            self._future_of_task.update(dict.fromkeys((t.index for t in chunks[number]), future))
        while running:
            finished, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            self._drain_events()
            for future in finished:
                with uninterrupted():  # Ctrl-C waits: a finished chunk is taken whole
                    number = running.pop(future)
                    self._alive_since.pop(future, None)
                    try:
                        done(future.result())
                    except BrokenProcessPool:
                        attempts[number] += 1
                        if attempts[number] < 2:
                            retry.append(number)
                        else:
                            done(_died(function, chunks[number]))
            late = self._late(running)
            if late:
                return retry + self._stop_late(late, running, function, chunks, attempts, done)
        return retry

    def _late(self, running: dict[Future, int]) -> list[Future]:
        """The running chunks with no sign of life for longer than the time limit. Only the
        first ``jobs`` chunks to start count as running: the pool queues one more ahead."""
        now = time.monotonic()
        for future in running:
            if future.running() and future not in self._alive_since:
                self._alive_since[future] = now
        active = [f for f in self._alive_since if f in running][: self.jobs]
        limit = self.options.coalition_timeout
        return [f for f in active if now - self._alive_since[f] > limit]

    def _stop_late(self, late, running, function: Callable, chunks, attempts, done) -> list[int]:
        """Kill the workers (the pool cannot stop one task); a late chunk of one coalition is
        reported failed, a longer one is split to find which coalition hangs; every other
        running chunk goes again (it lost its worker through no fault of its own)."""
        for process in self._workers():
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        retry = []
        for future in late:
            chunk = chunks[running.pop(future)]
            if len(chunk) == 1:
                done(
                    _failed(function, chunk, TIMED_OUT.format(limit=self.options.coalition_timeout))
                )
                continue
            for task in chunk:
                chunks.append([task])
                attempts[len(chunks) - 1] = 0
                retry.append(len(chunks) - 1)
        self._alive_since.clear()
        return retry + list(running.values())

    def _stop(self, running: dict[Future, int], done: Callable) -> None:
        """Ctrl-C: workers stop at their current coalition; collect what they finished."""
        self.interrupt.fired = True
        self.progress.note(INTERRUPTED)
        for process in self._workers():
            with contextlib.suppress(ProcessLookupError, TypeError):  # TypeError: not started
                os.kill(process.pid, signal.SIGINT)
        for future in running:
            future.cancel()
        deadline = time.monotonic() + 60
        for future in list(running):
            with contextlib.suppress(Exception, KeyboardInterrupt):
                if not future.cancelled():
                    done(future.result(timeout=max(0.1, deadline - time.monotonic())))

    def _drain_events(self, wait_for: int = 0) -> None:
        """Pass the workers' progress events of the current phase on; with *wait_for*, wait
        (briefly) until that many have arrived: a worker's queue may deliver its last events
        after the chunk's result."""
        deadline = time.monotonic() + 2
        while True:
            try:
                if self._seen < wait_for:
                    event = self._events.get(timeout=0.05)
                else:
                    event = self._events.get_nowait()
            except (queue.Empty, OSError, EOFError):
                if self._seen >= wait_for or time.monotonic() > deadline:
                    return
                continue
            if event.get("phase") == self._phase:
                future = self._future_of_task.get(event.get("index"))
                if future in self._alive_since:
                    self._alive_since[future] = time.monotonic()
                self._seen += 1
                self.progress.advance(event)


def _chunks(tasks: list[Task], size: int) -> list[list[Task]]:
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _died(function: Callable, chunk: list[Task]):
    """The outcome of a chunk whose worker process died twice (killed, or crashed)."""
    return _failed(function, chunk, WORKER_DIED)


def _failed(function: Callable, chunk: list[Task], reason: str):
    """The outcome of a chunk that returned nothing: each coalition failed for *reason*."""
    rows = [Row.failed(t.index, t.label, [reason], folder=t.folder, **t.identity) for t in chunk]
    return rows if function is validate_chunk else ChunkResult(rows)
