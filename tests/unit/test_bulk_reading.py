"""The one garbage-collection policy (sessions/bulk.py): paused during a bulk read, restored after."""

from __future__ import annotations

import gc
import threading

import pytest

from kelompok.sessions.bulk import bulk_reading


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_paused_inside_and_on_again_after_even_when_the_read_fails():
    with bulk_reading():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), bulk_reading():
        raise ValueError("a bad file")
    assert gc.isenabled()


def test_a_collector_someone_turned_off_stays_off():
    gc.disable()
    with bulk_reading():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_reads_in_two_threads_leave_it_on_only_when_the_last_one_ends():
    inside, release = threading.Event(), threading.Event()

    def worker():
        with bulk_reading():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    with bulk_reading():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled(), "the worker's read is still going"
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_stats_of_a_series_reads_with_the_collector_paused(monkeypatch):
    from kelompok.paths import bundled_samples
    from kelompok.sessions import store
    from kelompok.sociogram.stats import compute_stats

    group = next(folder for folder in sorted(bundled_samples().iterdir()) if store.session_numbers(folder))
    seen = []
    real = store.load_session_file

    def spy(path):
        seen.append(gc.isenabled())
        return real(path)

    monkeypatch.setattr(store, "load_session_file", spy)
    stats = compute_stats(group)
    assert len(seen) == len(stats["sessions"]) > 1 and not any(seen)
    assert gc.isenabled()
