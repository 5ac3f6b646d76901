"""Make any network use in this process fail loudly and be counted.

A test that claims "no network" calls `block_network(monkeypatch)` and asserts that the returned
list of attempts is empty: a connection or a name lookup raises NetworkUsed and is recorded,
even when the code under test catches the exception.
"""
from __future__ import annotations

import socket


class NetworkUsed(OSError):
    """Raised instead of any socket connection or DNS lookup."""


def block_network(monkeypatch) -> list[str]:
    attempts: list[str] = []

    def refuse(what):
        def _refuse(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkUsed(f"network use in a test: {what}")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts
