"""What the councils engine tells the apps built on it (it never imports them).

``round_closed`` is sent by ``services.close_round`` inside the closing transaction, after every result is
written: a listener (e.g. ``research`` moving a project on) sees the results, and if it raises, the closing
is rolled back as a whole, so a round is never closed without its consequences.

    round_closed.send(sender=Round, round=rnd, entries=[Entry, ...])
"""

from __future__ import annotations

from django.dispatch import Signal

round_closed = Signal()
