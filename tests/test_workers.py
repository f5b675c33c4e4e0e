"""The worker processes of large runs: every batch's result, in order; a worker's
failure raised in the main process, never a hang or a silently missing batch."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_wsawait.command import workers

STARTED = []


def start():
    STARTED.append(os.getpid())


def square_all(batch):
    return [n * n for n in batch], STARTED == [os.getpid()]


def fail_on_seven(batch):
    if 7 in batch:
        raise ValueError("seven is not allowed")
    return batch


def die_on_seven(batch):
    if 7 in batch:
        os.kill(os.getpid(), signal.SIGKILL)
    return batch


@pytest.fixture(params=["fork", "executor"])
def platform(request, monkeypatch):
    """The fork path (Linux) and the ProcessPoolExecutor path (everywhere else)."""
    if request.param == "fork" and not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(workers.sys, "platform", "linux" if request.param == "fork" else "other")
    return request.param


def test_every_batch_in_order_each_worker_started_first(platform):
    batches = [list(range(k, k + 5)) for k in range(0, 200, 5)]
    results = workers.run_batches(square_all, batches, 2, start)
    assert [squares for squares, _ in results] == [[n * n for n in batch] for batch in batches]
    assert all(started for _, started in results)
    assert STARTED == []  # start() ran in the workers, not here


def test_a_worker_error_is_raised_here(platform):
    with pytest.raises(ValueError, match="seven is not allowed"):
        workers.run_batches(fail_on_seven, [[1, 2], [7], [3]], 2, start)


@pytest.mark.skipif(sys.platform != "linux", reason="the forked workers are Linux only")
def test_a_killed_worker_is_an_error_not_a_missing_batch(monkeypatch):
    monkeypatch.setattr(workers.sys, "platform", "linux")
    with pytest.raises(RuntimeError, match="worker process ended abnormally"):
        workers.run_batches(die_on_seven, [[1], [7], [3], [4]], 2, start)
    # No worker left behind.
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_more_workers_than_batches(platform):
    assert workers.run_batches(fail_on_seven, [[1]], 4, start) == [[1]]


def test_meanwhile_runs_here_while_the_workers_work(platform):
    here = []
    results = workers.run_batches(square_all, [[1], [2]], 2, start, lambda: here.append(os.getpid()))
    assert here == [os.getpid()] and [squares for squares, _ in results] == [[1], [4]]


def print_and_return(batch):
    print(f"from batch {batch[0]}")
    return batch


def test_output_is_written_once(tmp_path):
    """Buffered output of this process is not written again by the forked workers, and
    what a worker prints is not lost."""
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from flake8_wsawait.command import workers\n"
        "import test_workers\n"
        "print('before the workers')\n"
        "workers.run_batches(test_workers.print_and_return, [[1], [2]], 2, test_workers.start)\n"
    ) % str(Path(__file__).parent)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONUNBUFFERED": ""}).stdout
    assert out.count("before the workers") == 1
    assert sorted(out.splitlines()[1:]) == ["from batch 1", "from batch 2"]
