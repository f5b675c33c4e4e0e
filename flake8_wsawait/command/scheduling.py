"""Which process checks which file: in this one, or shared among forked workers."""

from __future__ import annotations

from typing import Callable, Sequence

from ..config.settings import Settings
from ..model import FileResult
from ..sourcefile import read_bytes
from .lint import RunOptions, lint_bytes, lint_file, may_need_checking

# What each file is checked with: (settings, run options) per configuration.
Job = tuple[Settings, RunOptions]


_JOBS: list[Job] = []  # set in each worker by its initializer


def lint_all(
    tasks: Sequence[tuple[str, int]], jobs_by_index: list[Job], workers: int,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[FileResult]:
    """Lint (path, job index) tasks, in worker processes when that pays; while they
    work, this process runs `meanwhile()` (if they do not, it is not run)."""
    if workers == 1:
        return [lint_file(path, *jobs_by_index[n]) for path, n in tasks]
    sharing = min(workers, len(tasks) // _MIN_FILES_PER_WORKER)
    if sharing >= 2:
        # Reading every file is most of a large tree's time: the workers share it,
        # each testing and checking the files it reads.
        return _in_workers(tasks, jobs_by_index, sharing, meanwhile)
    # A smaller tree: the main process reads and tests every file (most never spell
    # a getter), and starts workers only for enough bytes of candidates.
    results, candidates, candidate_bytes = [], [], 0
    for path, n in tasks:
        try:
            data = read_bytes(path)
        except OSError:
            results.append(lint_file(path, *jobs_by_index[n]))  # reports why, as one line
            continue
        settings, options = jobs_by_index[n]
        if may_need_checking(data, settings, options.selection, path):
            candidates.append((path, n, data))
            candidate_bytes += len(data)
        else:
            results.append(FileResult(path))  # nothing to report: kept in the cache too
    workers = min(workers, candidate_bytes // _MIN_BYTES_PER_WORKER)
    if workers < 2:
        return results + [lint_bytes(data, path, *jobs_by_index[n]) for path, n, data in candidates]
    return results + _in_workers([(path, n) for path, n, _ in candidates], jobs_by_index, workers)


# Measured on 2 cores: from about 1,000 files, two workers sharing the reads
# beat the main process reading alone (forking two costs ~5 ms), and no more
# workers than one per this many files are forked (on many cores, forking
# costs more than a worker's share of a small tree). Below that, workers pay
# only for this many bytes of candidates each (checking 84 KB of dense files
# was faster in-process, 244 KB faster in two workers).
_MIN_FILES_PER_WORKER = 500


_MIN_BYTES_PER_WORKER = 64_000


def _in_workers(
    tasks: Sequence[tuple[str, int]], jobs_by_index: list[Job], workers: int,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[FileResult]:
    """Lint the tasks in worker processes, in interleaved batches (files of one
    folder often cost alike: dense ones should not all land in one batch)."""
    from functools import partial

    from .workers import MAX_BATCHES, run_batches

    count = min(len(tasks), workers * 8, MAX_BATCHES)
    batches = [tasks[k::count] for k in range(count)]
    start = partial(_start_worker, jobs_by_index)
    found = run_batches(_lint_batch, batches, min(workers, count), start, meanwhile)
    results = [FileResult(path) for path, _ in tasks]
    for k, batch_found in enumerate(found):
        for i, result in batch_found:
            results[k + i * count] = result
    return results


def _start_worker(jobs_by_index: list[Job]) -> None:
    _JOBS[:] = jobs_by_index


def _lint_batch(batch: Sequence[tuple[str, int]]) -> list[tuple[int, FileResult]]:
    """(position in the batch, result) of each file with something to report or fix:
    the other results (most) are empty, and cost nothing to send back."""
    results = ((i, lint_file(path, *_JOBS[n])) for i, (path, n) in enumerate(batch))
    return [(i, result) for i, result in results if not result.is_empty()]
