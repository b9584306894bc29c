"""weed mini's ports (streams.ports.free_port_pairs): each server gets a port whose +10000 gRPC
twin is free, and no server's port is another's twin (weed died with 'bind: address already in
use' when the master's gRPC twin was the volume server's port)."""

from __future__ import annotations

from streams.objectstore import GRPC_OFFSET, SERVERS
from streams.ports import free_port_pair, free_port_pairs


def test_the_ten_ports_of_one_weed_are_distinct() -> None:
    for _ in range(50):
        ports = free_port_pairs(SERVERS, GRPC_OFFSET)
        every = [p for port in ports.values() for p in (port, port + GRPC_OFFSET)]
        assert set(ports) == set(SERVERS) and len(set(every)) == 2 * len(SERVERS)


def test_a_pair_avoids_the_ports_already_taken() -> None:
    first = free_port_pair(GRPC_OFFSET)
    for _ in range(50):
        second = free_port_pair(GRPC_OFFSET, {first, first + GRPC_OFFSET})
        assert not {second, second + GRPC_OFFSET} & {first, first + GRPC_OFFSET}
