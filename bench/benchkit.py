"""Pieces the benchmark scripts share: a percentile and a fake Slack Web API."""

from __future__ import annotations

import time
from collections import Counter

from aiohttp import web


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank; NaN when there is nothing to rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class FakeSlackWebApi:
    """Enough of the Slack Web API for the adapter, on 127.0.0.1: it records when each
    answer (by thread) is posted to `channel`, and how often each method is called."""

    def __init__(self, bot_user: str, team_id: str, channel: str) -> None:
        self.bot_user, self.team_id, self.channel = bot_user, team_id, channel
        self.answered_at: dict[str, list[float]] = {}
        self.calls: Counter[str] = Counter()
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        host, port = self.runner.addresses[0][:2]
        self.url = f"http://{host}:{port}/api/"

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls[method] += 1
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": self.bot_user, "bot_id": "BBENCH",
                                      "team_id": self.team_id, "team": "MSP", "user": "bot",
                                      "url": "https://msp.slack.com/"})
        if method == "chat.postMessage":
            params = await request.json()
            if params.get("channel") == self.channel:
                stamp = time.perf_counter()
                self.answered_at.setdefault(str(params.get("thread_ts")), []).append(stamp)
            return web.json_response({"ok": True, "ts": f"{time.time():.6f}"})
        if method == "chat.getPermalink":
            return web.json_response({"ok": True, "permalink": "https://msp.slack.com/x"})
        return web.json_response({"ok": True})

    def reset(self) -> None:
        self.answered_at.clear()
        self.calls.clear()

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
