"""A TCP relay in front of a real Tansu, on an event loop of its own thread.

``with Relay(port, upstream, cert, key) as relay`` accepts connections on ``port`` (terminating
TLS when given a certificate: the embedded Tansu cannot serve TLS itself, see test_tls.py) and
forwards each one byte for byte to the broker on ``upstream``. A subclass decides what a
connection must do before it is relayed by overriding ``admit`` (``sasl_proxy.SaslProxy`` runs
a SCRAM login there)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import ssl
import struct
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from streams.broker import find_tansu, wait_for_port
from streams.ports import free_port

# what a client that breaks off or garbles its greeting raises while ``admit`` reads it
GREETING_ERRORS = (asyncio.IncompleteReadError, OSError, ValueError, KeyError, struct.error)


class Relay:
    def __init__(self, port: int, upstream: int, cert: str | Path | None = None,
                 key: str | Path | None = None) -> None:
        self.port, self.upstream = port, upstream
        self.context: ssl.SSLContext | None = None
        if cert and key:
            self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self.context.load_cert_chain(cert, key)
        self.connections = 0  # accepted (with TLS: each after a completed handshake)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def admit(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    up_reader: asyncio.StreamReader, up_writer: asyncio.StreamWriter) -> bool:
        """Whether to relay this connection; may talk to the client and the broker first."""
        return True

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream)
        try:
            admitted = await self.admit(reader, writer, up_reader, up_writer)
        except GREETING_ERRORS:
            admitted = False
        if not admitted:
            writer.close()
            up_writer.close()
            return
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    def __enter__(self) -> Relay:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(asyncio.start_server(
            self._serve, "127.0.0.1", self.port, ssl=self.context), self.loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(cancel_all(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@contextlib.contextmanager
def tansu(storage: str = "memory://tansu/", env: dict[str, str] | None = None, *flags: str,
          advertised: int | None = None) -> Iterator[int]:
    """A real Tansu on a free port; yields that port. Behind a relay it advertises the relay's
    port (``advertised``), so clients that read the cluster's metadata come back through it."""
    port = free_port()
    process = subprocess.Popen(
        [find_tansu(), "broker", "--listener-url", f"tcp://127.0.0.1:{port}",
         "--advertised-listener-url", f"tcp://127.0.0.1:{advertised or port}",
         "--storage-engine", storage, *flags],
        env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL)
    try:
        wait_for_port("127.0.0.1", port, 10, process)
        yield port
    finally:
        process.terminate()
        process.wait(10)
