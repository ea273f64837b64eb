"""A scriptable OpenAI-compatible HTTP server, for tests, benchmarks and offline demos.

It speaks enough of the API for the real `openai` client: chat completions (plain and
streamed as server-sent events, with usage), embeddings, and the Azure OpenAI
deployment routes. Replies come from a queue of scripted steps (`enqueue`), else from
a default responder; failures are steps too: an HTTP error with headers (429 with
Retry-After), or a hang until the server is stopped.

    async with FakeOpenAI() as fake:
        fake.enqueue(Fail(429, {"Retry-After": "0.2"}), Say("It is covered [1]."))
        client = openai.AsyncOpenAI(base_url=fake.url, api_key="x")
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import numpy as np
from aiohttp import web


@dataclass(frozen=True)
class Say:
    """A completion. Usage defaults to an estimate from the length of the text."""

    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass(frozen=True)
class Fail:
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "scripted failure"


@dataclass(frozen=True)
class Hang:
    """Never answer (until the server stops)."""


Step = Say | Fail | Hang
Responder = Callable[[dict[str, Any]], Step]


def default_responder(body: dict[str, Any]) -> Step:
    """A well-behaved model: acknowledges, explains from entry [1], cites it."""
    prompt = str(body["messages"][-1]["content"])
    if "STANDALONE QUESTION" in prompt:
        question = re.findall(r'"((?:[^"\\]|\\.)*)"', prompt)
        return Say(f"{question[-1] if question else 'help'} (standalone)")
    titles = re.findall(r"^\[(\d+)\] (.+)$", prompt, flags=re.MULTILINE)
    title = titles[0][1] if titles else "how support works"
    return Say(f"I understand the frustration. In short: {title.lower()} [1]. "
               "If this is holding up your work, tell us and a person will look at it.")


def _tokens(text: str) -> int:
    """About what a real tokenizer counts for English: one token per four characters."""
    return max(1, round(len(text) / 4))


def embedding(text: str, dimensions: int = 64) -> list[float]:
    """A deterministic bag-of-words vector: texts sharing words are similar."""
    vector = np.zeros(dimensions, dtype=np.float64)
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
        vector[int.from_bytes(digest, "little") % dimensions] += 1.0
    return [float(v) for v in vector]


class FakeOpenAI:
    def __init__(self, *, latency_s: float = 0.0, responder: Responder = default_responder,
                 chunk_words: int = 3, dimensions: int = 64,
                 chunk_delay_s: float = 0.0, pace_whole: bool = False) -> None:
        self.latency_s = latency_s
        self.chunk_delay_s = chunk_delay_s  # between streamed pieces, as a model writes
        self.pace_whole = pace_whole  # a completion not streamed takes as long to write
        self.responder = responder
        self.chunk_words = chunk_words
        self.dimensions = dimensions
        self.script: deque[Step] = deque()
        self.requests: list[dict[str, Any]] = []  # every request body, in order
        self.paths: list[str] = []
        self.in_flight = 0  # requests waiting out `latency_s` now...
        self.most_in_flight = 0  # ...and the most there ever were at once
        self.url = ""
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # -- scripting ---------------------------------------------------------------

    def enqueue(self, *steps: Step) -> None:
        self.script.extend(steps)

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if "messages" in r]

    # -- lifecycle ----------------------------------------------------------------

    async def start(self) -> FakeOpenAI:
        return await self.start_at("127.0.0.1", 0)

    async def start_at(self, host: str, port: int) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/embeddings", self._embeddings)
        app.router.add_post("/openai/deployments/{deployment}/chat/completions", self._chat)
        app.router.add_post("/openai/deployments/{deployment}/embeddings", self._embeddings)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        port = int(self._runner.addresses[0][1])
        self.root = f"http://{host}:{port}"
        self.url = f"{self.root}/v1"
        return self

    async def stop(self) -> None:
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeOpenAI:
        return await self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    # -- handlers -----------------------------------------------------------------

    async def _next(self, body: dict[str, Any]) -> Step:
        step = self.script.popleft() if self.script else self.responder(body)
        if self.latency_s:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            try:
                await asyncio.sleep(self.latency_s)
            finally:
                self.in_flight -= 1
        return step

    async def _failure(self, step: Fail | Hang) -> web.Response:
        if isinstance(step, Hang):
            await self._release.wait()
            return web.json_response({"error": {"message": "stopped"}}, status=503)
        error = {"error": {"message": step.message, "type": "scripted", "code": None}}
        return web.json_response(error, status=step.status, headers=step.headers)

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        self.paths.append(request.path)
        step = await self._next(body)
        if not isinstance(step, Say):
            return await self._failure(step)
        prompt_text = " ".join(str(m.get("content", "")) for m in body["messages"])
        usage = {
            "prompt_tokens": step.prompt_tokens or _tokens(prompt_text),
            "completion_tokens": step.completion_tokens or _tokens(step.text),
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        base = {"id": "chatcmpl-fake", "created": int(time.time()), "model": body["model"]}
        if not body.get("stream"):
            if self.chunk_delay_s and self.pace_whole:
                count = -(-len(step.text.split(" ")) // self.chunk_words)
                await asyncio.sleep(self.chunk_delay_s * count)
            return web.json_response({
                **base, "object": "chat.completion", "usage": usage,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": step.text}}],
            })
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        words = step.text.split(" ")
        pieces = [" ".join(words[i : i + self.chunk_words]) + " "
                  for i in range(0, len(words), self.chunk_words)]
        pieces[-1] = pieces[-1].rstrip(" ")
        for piece in pieces:
            chunk = {**base, "object": "chat.completion.chunk", "choices": [
                {"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
            if self.chunk_delay_s:
                await asyncio.sleep(self.chunk_delay_s)
        final = {**base, "object": "chat.completion.chunk", "choices": [
            {"index": 0, "delta": {}, "finish_reason": "stop"}]}
        await response.write(f"data: {json.dumps(final)}\n\n".encode())
        if (body.get("stream_options") or {}).get("include_usage"):
            tail = {**base, "object": "chat.completion.chunk", "choices": [], "usage": usage}
            await response.write(f"data: {json.dumps(tail)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    async def _embeddings(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.paths.append(request.path)
        step = self.script.popleft() if self.script else None
        if isinstance(step, Fail | Hang):
            return await self._failure(step)
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [{"object": "embedding", "index": i,
                 "embedding": embedding(str(text), self.dimensions)}
                for i, text in enumerate(inputs)]
        tokens = sum(_tokens(str(t)) for t in inputs)
        return web.json_response({"object": "list", "data": data, "model": body["model"],
                                  "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})


async def serve(host: str = "127.0.0.1", port: int = 8088, latency_s: float = 0.0,
                count: bool = False, chunk_delay_s: float = 0.0) -> None:
    """Run the default fake until stopped: `python -m bot.llm.fakeserver --port 8088`."""
    fake = FakeOpenAI(latency_s=latency_s, chunk_delay_s=chunk_delay_s)
    await fake.start_at(host, port)
    print(f"fake OpenAI-compatible server on {fake.url} (Ctrl-C stops)", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    try:
        await stop.wait()
    finally:
        await fake.stop()
        if count:
            print(f"requests: {len(fake.chat_requests())}", flush=True)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    parser.add_argument("--count", action="store_true", help="print the requests on exit")
    parser.add_argument("--chunk-delay", type=float, default=0.0,
                        help="seconds between the pieces of a streamed answer")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.latency, args.count, args.chunk_delay))


if __name__ == "__main__":
    main()
