"""The component base: status, events, and background work delivered on the kernel's thread."""

from __future__ import annotations

import asyncio
import logging
import threading

import ipywidgets as widgets
import pytest

from conftest import wait_for
from widgets_llm.errors import DataError
from widgets_llm.messages import t
from widgets_llm.widgets._common import KernelThread, Status, _Component


class Counter(_Component):
    """A minimal component: «Contar» counts in the background and fires ``counted``."""

    EVENTS = ("counted",)
    FAILED_STATUS_KEY = "widgets.cancelled"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.button = widgets.Button(description="Contar")
        self.seen_on: list[str] = []
        self.children = [self.button, self._status_line, self._message]

    def on_counted(self, callback, remove=False):
        self._register("counted", callback, remove)

    def count(self, work):
        def done(result):
            self.seen_on.append(threading.current_thread().name)
            self.status = Status.DONE
            self._emit("counted", result)

        self.run_in_background(work, done, status=Status.WORKING, message="contando")

    def _render_busy(self, busy):
        self.button.disabled = busy


def test_status_is_an_enum_that_reads_as_its_value():
    component = Counter(synchronous=True)
    assert component.status is Status.IDLE
    component.status = "loaded"  # a value is accepted and becomes the member
    assert component.status is Status.LOADED
    assert component.status == "loaded" and str(component.status) == "loaded"
    with pytest.raises(Exception):
        component.status = "no-such-status"


def test_synchronous_work_runs_at_once_and_fires_its_event():
    component = Counter(synchronous=True)
    results = []
    component.on_counted(results.append)
    component.count(lambda should_stop: 3)
    assert results == [3]
    assert component.status == "done" and component.busy is False
    assert component.button.disabled is False
    component.on_counted(results.append, remove=True)
    component.count(lambda should_stop: 4)
    assert results == [3]


def test_a_failing_listener_is_logged_and_does_not_stop_the_others(caplog):
    component = Counter(synchronous=True)
    results = []

    def broken(value):
        raise RuntimeError("listener bug")

    component.on_counted(broken)
    component.on_counted(results.append)
    with caplog.at_level(logging.ERROR, logger="widgets_llm.widgets._common"):
        component.count(lambda should_stop: 5)
    assert results == [5]
    assert any("broken" in record.getMessage() and record.exc_info for record in caplog.records)


def test_failures_show_the_person_a_message_and_log_unforeseen_ones(caplog):
    component = Counter(synchronous=True)

    def foreseen(should_stop):
        raise DataError("data.empty_file")

    component.count(foreseen)
    assert component.status == "error" and component.busy is False
    assert t("data.empty_file") in component._message.text
    assert not caplog.records  # a foreseen error is the person's to fix, not a bug

    def bug(should_stop):
        raise ZeroDivisionError("oops")

    with caplog.at_level(logging.ERROR):
        component.count(bug)
    assert component.status == "error"
    assert "ZeroDivisionError" in component._message.text
    assert any(
        record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records
    )


def test_background_results_are_delivered_on_the_kernels_loop():
    """Built on a running event loop (as in Jupyter and Voilà), results arrive on its thread."""
    outcome = {}

    async def kernel():
        loop_thread = threading.current_thread().name
        component = Counter()
        assert component._kernel.deferred
        release = threading.Event()

        def work(should_stop):
            release.wait(5)
            return threading.current_thread().name

        component.count(work)
        assert component.busy and component.button.disabled
        release.set()
        for _ in range(200):  # let the loop run while the worker finishes
            await asyncio.sleep(0.01)
            if component.status == "done":
                break
        outcome.update(loop_thread=loop_thread, seen_on=component.seen_on, busy=component.busy)

    asyncio.run(kernel())
    assert outcome["seen_on"] == [outcome["loop_thread"]]
    assert outcome["busy"] is False


def test_a_cancel_on_the_kernels_thread_wins_over_a_result_on_its_way():
    outcome = {}

    async def kernel():
        component = Counter()
        results = []
        component.on_counted(results.append)
        component.count(lambda should_stop: "late")
        component._work.join(5)  # the result is queued for the loop, not yet shown
        component.cancel_work()
        await asyncio.sleep(0.05)
        outcome.update(results=results, status=component.status)

    asyncio.run(kernel())
    assert outcome["results"] == []
    assert outcome["status"] == "cancelled"


def test_join_delivers_pending_results_when_the_loop_is_blocked():
    """A notebook cell that waits (``component.join()``) sees the result without yielding."""
    outcome = {}

    async def kernel():
        component = Counter()
        component.count(lambda should_stop: 7)
        component.join(5)
        outcome.update(status=component.status, seen_on=list(component.seen_on))

    asyncio.run(kernel())
    assert outcome["status"] == "done" and len(outcome["seen_on"]) == 1


def test_without_a_loop_background_work_still_finishes():
    component = Counter()
    assert not component._kernel.deferred
    component.count(lambda should_stop: 1)
    wait_for(lambda: component.status == "done", what="the count")


def test_kernel_thread_keeps_the_order_of_calls():
    order = []

    async def kernel():
        kernel_thread = KernelThread()
        threads = [
            threading.Thread(target=kernel_thread.call, args=(order.append, i)) for i in range(5)
        ]
        for thread in threads:
            thread.start()
            thread.join()
        kernel_thread.call(order.append, "here")  # on the loop: after the queued ones
        await asyncio.sleep(0.01)

    asyncio.run(kernel())
    assert order == [0, 1, 2, 3, 4, "here"]


def test_an_update_that_updates_does_not_let_later_updates_overtake_it():
    order = []

    async def kernel():
        kernel_thread = KernelThread()

        def first():
            order.append("first")
            kernel_thread.call(order.append, "first's own")  # e.g. a status shown by a result

        worker = threading.Thread(
            target=lambda: [kernel_thread.call(first), kernel_thread.call(order.append, "second")]
        )
        worker.start()
        worker.join()
        await asyncio.sleep(0.01)

    asyncio.run(kernel())
    assert order == ["first", "first's own", "second"]
