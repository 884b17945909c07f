"""Waiting for a `brug run` process to be ready: its health check answers 200."""

from __future__ import annotations

import asyncio
import socket

import aiohttp

# Generous: importing aiogram alone takes several seconds on a loaded two-core machine.
STARTUP_BOUND = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_until_healthy(port: int, timeout: float = STARTUP_BOUND) -> None:
    """Poll http://127.0.0.1:PORT/healthz until it answers 200; TimeoutError, with the last
    answer, after `timeout` seconds."""
    url = f"http://127.0.0.1:{port}/healthz"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last = "nothing"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        while loop.time() < deadline:
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
                    last = f"{response.status} {await response.text()}".strip()
            except (aiohttp.ClientError, TimeoutError) as error:
                last = repr(error)  # not listening yet
            await asyncio.sleep(0.2)
    raise TimeoutError(f"{url} not healthy within {timeout:.0f} s; last answer: {last}")
