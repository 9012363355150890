"""One owner for a model at a time: the lease every piece of work on a bundle's model takes.

Training, estimating, generating, evaluating and copying the base model all use the bundle's
one model object. Run at the same time from different threads (a notebook's estimate still
measuring when training starts, a comparison asked for while a run trains) they would change
each other's work: ``model.eval()`` switches dropout off in the middle of a run, an estimate
moves the weights and flips ``requires_grad``, generation draws from the random state training
uses. The lease makes that impossible: each piece of work holds the bundle's lease for as long
as it uses the model. The thread that holds it may take it again (training evaluates at its
end; an evaluation generates); any other thread waits up to its own limit and then gets
:class:`ModelBusy`, a message that says what the model is doing.

Standard library only: cheap to import.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

from ..errors import WidgetsLLMError
from ..messages import t

#: What holds the lease, as the messages name it (keys ``lease.purpose.<name>``).
PURPOSES = ("training", "estimate", "generation", "evaluation", "copy", "restore", "saving")

#: How long each kind of work waits for the model before saying it is busy, in seconds.
#: Training waits for a short job to end (an estimate measures for seconds; the studio also
#: cancels it first), and so does saving a run (it runs in the background, after a comparison
#: perhaps); a person's request (a summary, a comparison) gets an answer at once.
WAIT_SECONDS = {
    "training": 120.0,
    "estimate": 1.0,
    "generation": 1.0,
    "evaluation": 1.0,
    "copy": 1.0,
    "restore": 5.0,
    "saving": 120.0,
}
#: Behind short work (an estimate, an evaluation, a save: seconds to a minute) any request
#: waits at least this long, in line, instead of failing: only a training, which may take
#: many minutes, gets the busy message after the request's own limit.
QUEUE_SECONDS = 120.0


class ModelBusy(WidgetsLLMError):
    """The model is in use by other work (``holder``) and ``wanted`` could not wait for it."""

    def __init__(self, holder: str, wanted: str):
        self.holder = holder
        self.wanted = wanted
        super().__init__("lease.busy", holder=holder, wanted=wanted)

    def _named(self, lang: str | None) -> dict[str, str]:
        # The purposes in the reader's language, looked up when shown (as every message is).
        return {
            "holder": t(f"lease.purpose.{self.holder}", lang),
            "wanted": t(f"lease.action.{self.wanted}", lang),
        }

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self._named(lang))

    def suggestion(self, lang: str | None = None) -> str:
        return t(self.suggestion_key, lang, **self._named(lang))


class ModelLease:
    """A re-entrant lease on one model, held by one thread at a time.

    Attributes
    ----------
    holder: what holds it now (one of :data:`PURPOSES`), or ``None`` when it is free.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._owner: int | None = None
        self._depth = 0
        self.holder: str | None = None

    @property
    def busy(self) -> bool:
        """Whether some thread holds the lease now."""
        return self._owner is not None

    def held_by_me(self) -> bool:
        return self._owner == threading.get_ident()

    @contextmanager
    def hold(self, purpose: str, wait: float | None = None) -> Iterator["ModelLease"]:
        """Hold the lease for ``purpose`` inside a ``with`` block.

        Parameters
        ----------
        purpose:
            One of :data:`PURPOSES` (named in the busy message).
        wait:
            Seconds to wait for another holder to finish; ``None``: :data:`WAIT_SECONDS` of the
            purpose. The thread that holds the lease gets it again at once.

        Raises
        ------
        ModelBusy
            Another thread held the lease for longer than ``wait``.
        """
        self._acquire(purpose, WAIT_SECONDS.get(purpose, 1.0) if wait is None else wait)
        try:
            yield self
        finally:
            self._release()

    def _acquire(self, purpose: str, wait: float) -> None:
        me = threading.get_ident()
        started = time.monotonic()
        with self._condition:
            if self._owner == me:
                self._depth += 1
                return
            while self._owner is not None:
                limit = wait if self.holder == "training" else max(wait, QUEUE_SECONDS)
                left = started + max(0.0, limit) - time.monotonic()
                if left <= 0:
                    raise ModelBusy(self.holder or "training", purpose)
                self._condition.wait(min(left, 0.5))  # the holder may change: look again
            self._owner, self._depth, self.holder = me, 1, purpose

    def _release(self) -> None:
        with self._condition:
            self._depth -= 1
            if self._depth == 0:
                self._owner, self.holder = None, None
                self._condition.notify_all()

    def __deepcopy__(self, memo):  # a copied bundle is a new model: it gets its own lease
        return ModelLease()

    def __repr__(self) -> str:
        return f"ModelLease(holder={self.holder!r})"


def hold_model(bundle: object, purpose: str, wait: float | None = None):
    """``bundle.lease.hold(purpose, wait)``; a stand-in with no lease (a test's fake) holds
    nothing."""
    from contextlib import nullcontext

    lease = getattr(bundle, "lease", None)
    return lease.hold(purpose, wait) if isinstance(lease, ModelLease) else nullcontext()
