"""A big series is read in several processes (`sessions/bulk.py`, `stats._analysed_in`): the
result is exactly the one-process result, a refusal found in a worker reaches the user whole,
and a worker that dies costs time, never the answer.

Forking is tried in a fresh interpreter, as `kelompok stats` runs: pytest's own threads make
the test process one that kelompok would never fork from.
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kelompok.sessions.bulk import MAX_PROCESSES, PARALLEL_MIN_BYTES, bulk_processes
from kelompok.sessions.fileio import DataError
from kelompok.sociogram.stats import _ActsLeftInWorker
from tests.conftest import SAMPLES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kelompok forks only on Linux")

GROUPS = ["musyawarah-banjir-rw09", "remaja-lksa-tunas-bangsa", "ruang-pulih-perempuan"]


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def copied(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(SAMPLES / name, folder)
    return folder


def two_processes_match_one(folder: Path, then: str) -> bool:
    """Stats in one process, then `then` (Python code), then stats asked of two processes."""
    out = run_python(
        "import json; from pathlib import Path; from kelompok.sociogram import stats\n"
        f"folder = Path({str(folder)!r}); one = json.dumps(stats.compute_stats(folder, processes=1))\n"
        f"{then}\n"
        "print(json.dumps(stats.compute_stats(folder, processes=2)) == one)\n"
    )
    return out.split() == ["True"]


def test_two_processes_give_exactly_what_one_gives(tmp_path):
    folders = [copied(tmp_path, name) for name in GROUPS]
    out = run_python(
        "import json, os; from pathlib import Path; from kelompok.sociogram.stats import compute_stats\n"
        "def children(): return os.times().children_user + os.times().children_system\n"
        f"folders = [Path(f) for f in {[str(f) for f in folders]!r}]\n"
        "ones = [json.dumps(compute_stats(f, processes=1), ensure_ascii=False) for f in folders]\n"
        "print(children() == 0)  # one process did all the work itself\n"
        "twos = [json.dumps(compute_stats(f, processes=2), ensure_ascii=False) for f in folders]\n"
        "print(children() > 0, *(one == two for one, two in zip(ones, twos)))\n"
    )
    assert out.split() == ["True"] * (2 + len(GROUPS))


def test_a_file_refused_in_a_worker_is_named_as_one_process_names_it(tmp_path):
    folder = copied(tmp_path, GROUPS[0])
    damaged = folder / "sessions" / "003.toml"
    text = damaged.read_text(encoding="utf-8")
    line = text[: text.index('state = "ended"')].count("\n") + 1
    damaged.write_text(text.replace('state = "ended"', 'state = "ended\n'), "utf-8")
    out = run_python(
        "from pathlib import Path; from kelompok.sessions.fileio import DataError\n"
        "from kelompok.sociogram.stats import compute_stats\n"
        "for processes in (1, 2):\n"
        "    try:\n"
        f"        compute_stats(Path({str(folder)!r}), processes=processes)\n"
        "    except DataError as error:\n"
        "        print(repr((str(error.path), error.place, error.problem)))\n"
    )
    one, two = out.splitlines()
    assert one == two
    path, place, _ = eval(one)
    assert Path(path) == damaged and place.startswith(f"baris {line},")  # the file and its line


def test_a_worker_that_dies_costs_time_not_the_answer(tmp_path):
    # The workers die before sending anything back.
    then = "import os\ndef die(*args): os._exit(3)\nstats._analysed_share = die"
    assert two_processes_match_one(copied(tmp_path, GROUPS[1]), then)


def test_a_big_series_is_shared_out_over_the_cores_of_a_single_threaded_process():
    out = run_python(
        "import os; from kelompok.sessions.bulk import bulk_processes\n"
        "print(bulk_processes(10**9), len(os.sched_getaffinity(0)), bulk_processes(0))"
    )
    processes, cores, small = map(int, out.split())
    assert processes == max(1, min(cores, MAX_PROCESSES))
    assert small == 1


def test_never_forked_from_a_worker_thread_or_beside_another_thread():
    seen = []
    worker = threading.Thread(target=lambda: seen.append(bulk_processes(10 * PARALLEL_MIN_BYTES)))
    worker.start()
    worker.join()
    assert seen == [1]
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait)
    other.start()
    try:
        assert bulk_processes(10 * PARALLEL_MIN_BYTES) == 1
    finally:
        waiting.set()
        other.join()


def test_acts_left_in_a_worker_refuse_to_be_read():
    acts = _ActsLeftInWorker()
    for use in (list, len, bool, lambda a: a[0]):
        with pytest.raises(RuntimeError, match="worker process"):
            use(acts)


def test_a_refusal_survives_pickling_whole():
    error = DataError(Path("/x/sessions/003.toml"), "baris 4", "nilai tidak sah")
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.place, again.problem, str(again)) == (error.path, error.place, error.problem, str(error))


def test_output_written_before_the_fork_is_printed_once(tmp_path):
    folder = copied(tmp_path, GROUPS[2])
    out = run_python(
        "from pathlib import Path; from kelompok.sociogram.stats import compute_stats\n"
        "print('sebelum', end=' ')  # still in the pipe's buffer when the workers are forked\n"
        f"compute_stats(Path({str(folder)!r}), processes=2)\n"
        "print('sesudah')\n"
    )
    assert out.split() == ["sebelum", "sesudah"]


def test_ctrl_c_while_the_workers_read_stops_them_all_without_a_traceback(tmp_path):
    import os
    import signal
    import time

    folder = copied(tmp_path, GROUPS[0])
    code = (
        "import sys, time; from kelompok import cli; from kelompok.sessions import bulk\n"
        "from kelompok.sociogram import stats\n"
        "def reading_slowly(*args):\n"
        "    sys.stdout.write('reading\\n'); sys.stdout.flush(); time.sleep(60)\n"
        "stats._analysed_share = reading_slowly  # the workers are still reading when Ctrl-C comes\n"
        "bulk.bulk_processes = lambda size: 2\n"
        f"sys.exit(cli.main(['stats', {str(folder)!r}]))\n"
    )
    command = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert command.stdout is not None
        assert [command.stdout.readline().startswith("reading") for _ in range(2)] == [True, True]
        time.sleep(0.2)  # the parent is past the forks (it ignores Ctrl-C while forking them)
        pressed = time.monotonic()
        os.killpg(command.pid, signal.SIGINT)  # what the terminal sends the whole foreground group
        _, err = command.communicate(timeout=20)
        assert time.monotonic() - pressed < 10  # the workers were stopped, not waited for
    finally:
        if command.poll() is None:
            os.killpg(command.pid, signal.SIGKILL)
    assert command.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    with pytest.raises(ProcessLookupError):
        os.killpg(command.pid, 0)  # no worker left behind


def test_a_system_without_working_semaphores_reads_in_one_process(tmp_path):
    # As on some containers and Android: multiprocessing cannot make a lock (ENOSYS).
    then = (
        "import errno, multiprocessing.synchronize as sync\n"
        "def no_semaphores(self, *args, **kwargs): raise OSError(errno.ENOSYS, 'Function not implemented')\n"
        "sync.SemLock.__init__ = no_semaphores"
    )
    assert two_processes_match_one(copied(tmp_path, GROUPS[2]), then)
