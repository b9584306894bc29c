"""Free loopback ports for the embedded stack's servers: the one place that probes for them.

A port found free is free only until someone binds it; ``hold_port`` keeps one bound (not
listening) until the server that is to listen there starts.
"""

from __future__ import annotations

import socket


def hold_port() -> socket.socket:
    """A loopback port, bound (not listening) until the socket is closed: no other socket is
    given it meanwhile. Close it just before the server that is to listen there starts."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def free_port() -> int:
    with hold_port() as sock:
        port: int = sock.getsockname()[1]
        return port


def bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_pair(offset: int, taken: set[int] | None = None) -> int:
    """A free port whose ``+offset`` twin is free too (SeaweedFS puts each server's gRPC port
    at HTTP + 10000), neither of them in ``taken``."""
    taken = taken or set()
    for _ in range(200):
        port = free_port()
        twin = port + offset
        if twin < 65536 and not {port, twin} & taken and bindable(twin):
            return port
    raise OSError(f"no free pair of loopback ports {offset} apart")


def free_port_pairs(names: tuple[str, ...], offset: int) -> dict[str, int]:
    """A port pair per name, all the ports distinct: one server's port was another's gRPC
    twin once, and weed died with 'bind: address already in use' (a CI run)."""
    taken: set[int] = set()
    ports = {}
    for name in names:
        ports[name] = port = free_port_pair(offset, taken)
        taken |= {port, port + offset}
    return ports
