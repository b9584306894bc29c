"""The stages: decode an event, run an engine off the event loop, emit the result or a dead letter.

Stages are plain classes with an async ``handle(source)``; the Faust wiring in ``agents.worker``
only feeds them messages, so they are tested with a list-collecting ``emit`` and no broker.
"""

from collections.abc import Awaitable, Callable

# (topic, key, value) -> awaits the broker's acknowledgement
Emit = Callable[[str, str | None, bytes], Awaitable[None]]
