"""Drive the Microsoft 365 Agents Playground against a real `mspbot serve`, in headless
Chromium, and save a screenshot after each step.

    python tools/playground.py [--out bench/out/playground] [--tenant acme-dental]

What runs, all on 127.0.0.1 and stopped at the end:
- `mspbot serve` on a free port, with its own MSPBOT_HOME in a temporary folder, the
  example agreements imported, MSPBOT_TEAMS_DEV_ANONYMOUS=true (the playground sends no
  Bot Framework token) and the playground's team channel as the staff channel;
- the playground (tools/playground/, `npm ci --prefix tools/playground`) pointed at the
  bot's /api/messages; it also plays the Bot Connector service the bot replies to;
- Chromium (Debian's, /usr/bin/chromium) driven by Playwright for Python.

The bot answers with the LLM composer against the fake OpenAI-compatible server
(`python -m bot.llm.fakeserver`, streaming slowly enough to watch), so a personal-chat
answer streams. The steps: the staff channel, a client question caught while it streams
(the informative update, then text), the final answer with its citation and AI label, the
citation opened, the feedback loop's form and its submission, "Talk to a person" (its card
replaced), two more client messages, and the staff alert delivered in the staff channel;
then (unless --no-probe) suggested actions, posted to the playground's connector itself.

Into --out go the screenshots (NN-step.png), summary.json (per step: what the bot sent,
the invoke responses, the playground's warnings, errors), the bot's and the playground's
logs, every websocket frame the web UI received (frames.jsonl) and the browser console.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # Playwright is a dev dependency, imported when the run starts
    from playwright.sync_api import ViewportSize, WebSocket

REPO = Path(__file__).resolve().parent.parent
PLAYGROUND_DIR = REPO / "tools" / "playground"
PLAYGROUND_BIN = PLAYGROUND_DIR / "node_modules" / ".bin" / "agentsplayground"
DEFAULT_OUT = REPO / "bench" / "out" / "playground"
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google services, which
# the closed network refuses; the profile is a fresh temporary folder each run.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1440, "height": 1200}

# The playground's default mock data (its built-in configuration file, version 0.1.1).
PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001"
PLAYGROUND_BOT_ID = "00000000-0000-0000-0000-00000000000011"
STAFF_CONVERSATION = "team-id"  # the General channel of the mock team "My Team"
PERSONAL_CHAT = "Personal Chat"
STAFF_CHANNEL = "My Team - General"

MESSAGES = (
    ("email", "why isn't my email fixed yet? it's been 4 hours"),
    ("printer", "the printer in reception stopped printing"),
    ("ransomware", "everything on the server has a strange extension and a note asking "
                   "for bitcoin"),
)
CITATION_MARKER = "text=/^1$/"  # the superscript the playground draws for citation [1]
QUIET_S = 1.5  # a step is over when the UI has received nothing new for this long
LLM_CHUNK_DELAY_S = 0.5  # the fake model writes slowly enough to screenshot the stream
PROGRESS_TEXT = "Checking your agreement"  # the start of the bot's informative update


class PlaygroundError(RuntimeError):
    """Something the run needs is missing or did not start; the message says which."""


# -- processes -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mspbot_command() -> list[str]:
    script = Path(sys.executable).with_name("mspbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def wait_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text("utf-8", "replace")[-2000:]
            raise PlaygroundError(f"{url} did not start (exit {process.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise PlaygroundError(f"{url} did not answer within {timeout_s:.0f} s (log: {log})")


def warm(url: str, timeout_s: float = 300) -> None:
    """/readyz builds the retrieval index, so the first question is not timed with it."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise PlaygroundError(f"{url} did not say ready: {exc}") from None


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def import_tenants(env: dict[str, str], work: Path, tenant: str | None) -> None:
    """The example agreements, then (with --tenant) a copy of one that claims the
    playground's mock Microsoft tenant, so answers quote that client's agreement."""
    examples = sorted((REPO / "examples" / "tenants").glob("*.yaml"))
    files = [str(p) for p in examples]
    if tenant is not None:
        source = REPO / "examples" / "tenants" / f"{tenant}.yaml"
        if not source.exists():
            known = ", ".join(p.stem for p in examples)
            raise PlaygroundError(f"no example tenant {tenant!r} (known: {known})")
        data = yaml.safe_load(source.read_text("utf-8"))
        data["teams_tenant_ids"] = [PLAYGROUND_TENANT]
        copy = work / f"{tenant}-playground.yaml"
        copy.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
        files.append(str(copy))
    result = subprocess.run([*mspbot_command(), "tenants", "import", *files], env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PlaygroundError(f"mspbot tenants import failed: {result.stderr.strip()}")


@dataclass
class Services:
    bot_url: str
    playground_url: str
    connector_url: str


@contextlib.contextmanager
def services(out: Path, work: Path, tenant: str | None) -> Iterator[Services]:
    if not PLAYGROUND_BIN.exists():
        raise PlaygroundError(
            f"the playground is not installed: run `npm ci --prefix {PLAYGROUND_DIR}`"
        )
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MICROSOFT_APP_", "MSPBOT_", "SLACK_"))}
    env.update({
        "MSPBOT_HOME": str(work / "home"),
        "MSPBOT_COMPOSER": "llm",
        "MSPBOT_LLM_MODEL": "fake-model",
        "MSPBOT_LLM_API_KEY": "not-a-real-key",
        "MSPBOT_EMERGENCY_CONTACT": "+1 555 0100 (Northwind IT, 24/7)",
        "MSPBOT_TEAMS_DEV_ANONYMOUS": "true",
        "MSPBOT_TEAMS_STAFF_CONVERSATION_ID": STAFF_CONVERSATION,
        "MSPBOT_LOG_FORMAT": "json",
    })
    import_tenants(env, work, tenant)
    bot_port, playground_port, llm_port = free_port(), free_port(), free_port()
    bot_log, playground_log = out / "bot.log", out / "playground.log"
    processes: list[subprocess.Popen[bytes]] = []
    try:
        with (out / "llm.log").open("wb") as sink:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "bot.llm.fakeserver", "--port", str(llm_port),
                 "--chunk-delay", str(LLM_CHUNK_DELAY_S)],
                stdout=sink, stderr=subprocess.STDOUT, cwd=REPO))
        env["MSPBOT_LLM_BASE_URL"] = f"http://127.0.0.1:{llm_port}/v1"
        with bot_log.open("wb") as sink:
            processes.append(subprocess.Popen(
                [*mspbot_command(), "serve", "--host", "127.0.0.1", "--port", str(bot_port)],
                env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=work))
        bot_url = f"http://127.0.0.1:{bot_port}"
        wait_http(f"{bot_url}/healthz", processes[1], bot_log, 60)
        warm(f"{bot_url}/readyz")
        playground_env = {
            **os.environ,
            "TEAMSAPPTESTER_BROWSER": "none",  # it would open a browser of its own
            "M365_AGENTS_PLAYGROUND_LOGFILE": str(out / "playground-tool.log"),
        }
        with playground_log.open("wb") as sink:
            processes.append(subprocess.Popen(
                [str(PLAYGROUND_BIN), "--app-endpoint", f"{bot_url}/api/messages",
                 "--channel-id", "msteams", "--port", str(playground_port),
                 "--disable-telemetry"],
                env=playground_env, stdout=sink, stderr=subprocess.STDOUT, cwd=work))
        playground_url = f"http://127.0.0.1:{playground_port}"
        wait_http(playground_url, processes[2], playground_log, 60)
        yield Services(bot_url, playground_url, f"{playground_url}/_connector")
    finally:
        for process in reversed(processes):
            stop(process)


# -- what the web UI receives ----------------------------------------------------------


@dataclass
class Recorder:
    """Every websocket frame the playground's web UI receives, plus the browser's console,
    page errors and refused requests. The frames are the ground truth of a step: the
    conversation stream carries each message the bot sent, the log stream each HTTP
    exchange between the playground and the bot (with its status code)."""

    frames: list[dict[str, Any]] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    http_errors: list[str] = field(default_factory=list)  # the web UI's own failed requests
    last_frame_at: float = field(default_factory=time.monotonic)

    def on_frame(self, stream: str, payload: str | bytes) -> None:
        try:
            data = json.loads(payload)
        except ValueError:
            return
        if isinstance(data, dict):
            self.frames.append({"stream": stream, "at": time.time(), **data})
            self.last_frame_at = time.monotonic()

    def bot_messages(self, since: int = 0) -> list[dict[str, Any]]:
        """Messages the bot created (deduplicated: a message may come on both streams)."""
        seen: set[str] = set()
        out = []
        for frame in self.frames[since:]:
            message = frame.get("message")
            if frame.get("action") != "createMessage" or not isinstance(message, dict):
                continue
            key = str(message.get("messageId"))
            if key in seen or (message.get("from") or {}).get("id") != PLAYGROUND_BOT_ID:
                continue
            seen.add(key)
            out.append({"conversation": frame.get("actionConversationId"), **message})
        return out

    def exchanges(self, since: int = 0) -> list[dict[str, Any]]:
        """The log panel's entries from `since` on: activities both ways and notices."""
        out, seen = [], set()
        for frame in self.frames[since:]:
            entry = frame.get("log")
            if frame.get("logAction") != "appendLog" or not isinstance(entry, dict):
                continue
            if entry.get("id") in seen:
                continue
            seen.add(entry.get("id"))
            out.append(entry)
        return out

    def conversation_ids(self) -> dict[str, str]:
        """conversationType -> id, from the activities the playground sent the bot."""
        ids: dict[str, str] = {}
        for entry in self.exchanges():
            body = ((entry.get("request") or {}).get("body") or {})
            conversation = body.get("conversation") or {}
            if entry.get("from") == "Microsoft 365 Agents Playground" and conversation.get("id"):
                ids.setdefault(str(conversation.get("conversationType")), conversation["id"])
        return ids


def summarise_exchange(entry: dict[str, Any]) -> dict[str, Any]:
    request = (entry.get("request") or {}).get("body") or {}
    response = entry.get("response") or {}
    out: dict[str, Any] = {
        "direction": f"{entry.get('from')} -> {entry.get('to')}",
        "activity": entry.get("activityName") or entry.get("type"),
        "status": response.get("statusCode"),
        "text": entry.get("displayText") or None,
    }
    if entry.get("activityName") == "invoke":
        out["invoke_name"] = request.get("name")
        out["response_body"] = response.get("body")
    return out


def card_text(message: dict[str, Any]) -> dict[str, Any]:
    """What a reader sees of a message: its text, the text blocks and buttons of cards."""
    texts: list[str] = []
    buttons: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock" and isinstance(node.get("text"), str):
                texts.append(node["text"])
            if isinstance(node.get("type"), str) and node["type"].startswith("Action."):
                buttons.append(str(node.get("title")))
            if node.get("type") == "FactSet":
                texts.extend(f"{f.get('title')}: {f.get('value')}" for f in node.get("facts", []))
            for key, value in node.items():
                if key != "facts":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("attachments") or [])
    out: dict[str, Any] = {"conversation": message.get("conversation")}
    if message.get("text"):
        out["text"] = message["text"]
    if texts:
        out["card_text"] = texts
    if buttons:
        out["buttons"] = buttons
    for key in ("aiEntity", "feedbackLoopEnabled", "streamEntity", "suggestedActions"):
        if message.get(key):
            out[key] = message[key]
    return out


# -- the browser session ---------------------------------------------------------------


@dataclass
class Step:
    name: str
    screenshot: str
    bot_messages: list[dict[str, Any]]
    exchanges: list[dict[str, Any]]
    warnings: list[str]
    errors: list[str]


class Session:
    def __init__(self, page: Any, recorder: Recorder, out: Path, timeout_s: float) -> None:
        self.page = page
        self.recorder = recorder
        self.out = out
        self.timeout_s = timeout_s
        self.steps: list[Step] = []
        self.mark = 0

    def wait_for(self, what: str, done: Callable[[], bool],
                 timeout_s: float | None = None) -> None:
        """Until `done()`, then until the UI has been quiet for QUIET_S (replies can come
        in several messages, and the web UI needs a moment to render them)."""
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        while not done():
            if time.monotonic() > deadline:
                raise PlaygroundError(f"timed out after {self.timeout_s:.0f} s waiting for {what}")
            self.page.wait_for_timeout(100)
        while time.monotonic() - self.recorder.last_frame_at < QUIET_S:
            self.page.wait_for_timeout(100)
        self.page.wait_for_timeout(300)

    def new_bot_messages(self) -> int:
        return len(self.recorder.bot_messages(self.mark))

    def step(self, name: str) -> Step:
        """Screenshot, and what happened since the previous step."""
        path = self.out / f"{len(self.steps) + 1:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        exchanges = self.recorder.exchanges(self.mark)
        warnings = [str(e.get("displayText")) for e in exchanges
                    if e.get("type") == "warning" or "Warning" in str(e.get("displayText"))]
        errors = [f"{e.get('activityName')}: HTTP {(e.get('response') or {}).get('statusCode')}"
                  for e in exchanges
                  if int((e.get("response") or {}).get("statusCode") or 0) >= 400]
        step = Step(
            name=name,
            screenshot=str(path),
            bot_messages=[card_text(m) for m in self.recorder.bot_messages(self.mark)],
            exchanges=[summarise_exchange(e) for e in exchanges if e.get("activityName")],
            warnings=warnings,
            errors=errors,
        )
        self.steps.append(step)
        self.mark = len(self.recorder.frames)
        print(f"{path.name}: {len(step.bot_messages)} bot message(s)"
              + (f", errors: {errors}" if errors else ""), file=sys.stderr)
        return step

    def open_chat(self, label: str) -> None:
        self.page.get_by_role("treeitem", name=label, exact=True).click()
        self.page.wait_for_timeout(500)
        while time.monotonic() - self.recorder.last_frame_at < QUIET_S:
            self.page.wait_for_timeout(100)

    def send(self, text: str) -> None:
        before = self.new_bot_messages()
        editor = self.page.locator('[data-lexical-editor="true"]')
        editor.click()
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")
        self.wait_for(f"the bot's reply to {text!r}", lambda: self.replied(before))

    def replied(self, before: int) -> bool:
        """A new bot message since `before` and, if the reply streams (its first message
        is the informative update), the stream's final message as well."""
        return self.new_bot_messages() > before and (
            not self.seen(PROGRESS_TEXT) or self.seen('"final"') or self.seen("feedbackLoop"))

    def seen(self, needle: str) -> bool:
        """`needle` in a frame the web UI received since the step began."""
        return any(needle in json.dumps(frame, ensure_ascii=False)
                   for frame in self.recorder.frames[self.mark:])

    def until(self, what: str, done: Callable[[], bool]) -> None:
        """Until `done()`, without waiting for quiet (to catch a stream mid-way)."""
        deadline = time.monotonic() + self.timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise PlaygroundError(f"timed out after {self.timeout_s:.0f} s waiting for {what}")
            self.page.wait_for_timeout(50)
        self.page.wait_for_timeout(200)  # let the web UI draw it

    def send_streamed(self, text: str, name: str, first_text: str) -> None:
        """Send `text`; screenshot the informative update, the first streamed text and
        the final message (`first_text` is a phrase of the answer's released part)."""
        editor = self.page.locator('[data-lexical-editor="true"]')
        editor.click()
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")
        self.until("the informative update", lambda: self.seen(PROGRESS_TEXT))
        self.step(f"{name}-streaming-informative")
        self.until("streamed text", lambda: self.seen(first_text))
        self.step(f"{name}-streaming-text")
        self.wait_for("the final message", lambda: self.seen('"final"')
                      or self.seen("feedbackLoop"))
        self.step(f"{name}-final-citations-ai-label")

    def click(self, button: str) -> None:
        """Click the newest card button with exactly this title and wait for the invoke."""
        def invokes() -> int:
            return sum(1 for e in self.recorder.exchanges(self.mark)
                       if e.get("activityName") == "invoke")

        before = invokes()
        self.page.get_by_role("button", name=button, exact=True).last.click()
        self.wait_for(f"the invoke of {button!r}", lambda: invokes() > before)


# -- the feature probe: activities posted to the playground's connector ----------------


def post_activity(connector: str, conversation: str, activity: dict[str, Any]) -> str:
    body = {"from": {"id": PLAYGROUND_BOT_ID, "name": "Test Bot"}, **activity}
    request = urllib.request.Request(
        f"{connector}/v3/conversations/{conversation}/activities",
        data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return str(json.loads(response.read() or b"{}").get("id", ""))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:500]
        raise PlaygroundError(f"the connector refused the probe ({exc.code}): {detail}") from None


def probe_features(session: Session, connector: str, conversation: str) -> None:
    """Suggested actions (which the bot does not send), posted to the connector by this
    script, to see how the playground renders them."""
    page = session.page
    post_activity(connector, conversation, {
        "type": "message", "text": "[probe, posted by tools/playground.py, not by mspbot] "
        "Was that what you needed?",
        "suggestedActions": {"to": ["user-id-0"], "actions": [
            {"type": "imBack", "title": "Is the weekend covered?",
             "value": "is the weekend covered?"},
            {"type": "imBack", "title": "Talk to a person", "value": "talk to a person"},
        ]},
    })
    page.wait_for_timeout(1500)
    session.step("probe-suggested-actions")


def click_feedback_loop(session: Session) -> None:
    """The feedback loop's thumbs up: the playground asks for a comment, then sends the
    bot an invoke (message/submitAction)."""
    page = session.page
    buttons = page.locator('button[aria-label*="ike" i], button[title*="ike" i]')
    if buttons.count() == 0:
        session.step("feedback-loop-no-buttons")
        return
    buttons.first.click()
    page.wait_for_timeout(800)
    session.step("feedback-loop-form")
    submit = page.get_by_role("button", name="Submit")
    if submit.count():
        before = len(session.recorder.exchanges(session.mark))
        textbox = page.get_by_role("dialog").get_by_role("textbox")
        if textbox.count():
            textbox.first.fill("this answered my question")
        submit.last.click()
        with contextlib.suppress(PlaygroundError):
            session.wait_for("the feedback invoke",
                             lambda: len(session.recorder.exchanges(session.mark)) > before)
    session.step("feedback-loop-submitted")
    close = page.get_by_role("dialog").get_by_role("button", name="Close")
    if close.count():
        close.first.click()
        page.wait_for_timeout(300)


# -- the run ---------------------------------------------------------------------------


def drive(session: Session, svc: Services, probe: bool) -> None:
    page = session.page
    page.goto(svc.playground_url)
    # A personal chat gets no welcome card (the manifest's prompt starters instead);
    # the staff channel's installation may still be welcomed.
    with contextlib.suppress(PlaygroundError):
        session.wait_for("an installation welcome", lambda: session.new_bot_messages() > 0,
                         timeout_s=5)
    session.step("opened")

    session.open_chat(STAFF_CHANNEL)  # the bot learns its staff channel on installation
    session.step("staff-channel")
    session.open_chat(PERSONAL_CHAT)
    session.mark = len(session.recorder.frames)

    first, *others = MESSAGES
    session.send_streamed(first[1], first[0], first_text="In short")
    marker = page.locator(CITATION_MARKER).last
    if marker.count():
        marker.click()
        page.wait_for_timeout(800)
        session.step("citation-opened")
        page.keyboard.press("Escape")
    click_feedback_loop(session)
    session.click("Talk to a person")
    session.step("clicked-talk-to-a-person")
    for name, text in others:
        session.send(text)
        session.step(name)

    session.open_chat(STAFF_CHANNEL)
    session.step("staff-alert-delivered")
    rejected = page.get_by_text(re.compile(r"^message 4\d\d$"))
    if rejected.count():  # the log panel's entry of a refused post: open its details
        rejected.last.click()
        page.wait_for_timeout(800)
        session.step("rejected-post-details")

    if probe:
        session.open_chat(PERSONAL_CHAT)
        session.mark = len(session.recorder.frames)
        personal = session.recorder.conversation_ids().get("personal")
        if personal is None:
            raise PlaygroundError("no personal conversation id seen in the playground's log")
        probe_features(session, svc.connector_url, personal)
        before = session.new_bot_messages()
        page.get_by_role("button", name="Is the weekend covered?", exact=True).last.click()
        with contextlib.suppress(PlaygroundError):
            session.wait_for("the reply to a suggested action",
                             lambda: session.replied(before))
        session.step("probe-suggested-action-clicked")


def run(out: Path, tenant: str | None, timeout_s: float, chromium: str, probe: bool) -> int:
    try:
        from playwright.sync_api import Error as BrowserError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PlaygroundError(
            "Playwright for Python is missing: pip install -e '.[dev]'") from None
    if not Path(chromium).exists():
        raise PlaygroundError(f"no Chromium at {chromium}: apt-get install -y chromium")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    recorder = Recorder()
    failure: str | None = None
    steps: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="mspbot-playground-") as tmp:
        work = Path(tmp)
        with services(out, work, tenant) as svc, sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(work / "chromium-profile"), executable_path=chromium, headless=True,
                args=CHROMIUM_FLAGS, viewport=VIEWPORT)
            try:
                page = context.pages[0] if context.pages else context.new_page()
                # The web UI asks a CDN for fonts and an animation worklet; the network
                # is closed, so refuse those at once instead of waiting on DNS.
                def refuse(route: Any) -> None:
                    recorder.blocked.add(route.request.url.split("/")[2])
                    route.abort()

                page.route("https://**/*", refuse)
                page.on("console", lambda m: recorder.console.append(f"{m.type}: {m.text}"))
                page.on("pageerror", lambda e: recorder.page_errors.append(str(e)))
                page.on("response", lambda r: recorder.http_errors.append(
                    f"{r.status} {r.request.method} {r.url}") if r.status >= 400 else None)

                def watch(ws: WebSocket) -> None:
                    stream = ws.url.split("/")[3]  # _ws_conversation or _ws
                    ws.on("framereceived", lambda payload: recorder.on_frame(stream, payload))

                page.on("websocket", watch)
                session = Session(page, recorder, out, timeout_s)
                steps = session.steps
                try:
                    drive(session, svc, probe)
                except (PlaygroundError, BrowserError) as exc:
                    failure = str(exc).splitlines()[0]
                    session.step("failed")
                (out / "dom.html").write_text(page.content(), "utf-8")  # for selectors
            finally:
                context.close()
    write_summary(out, steps, recorder, failure)
    if failure:
        print(f"playground: {failure}", file=sys.stderr)
        return 1
    return 0


def write_summary(out: Path, steps: list[Step], recorder: Recorder, failure: str | None) -> None:
    with (out / "frames.jsonl").open("w", encoding="utf-8") as sink:
        for frame in recorder.frames:
            sink.write(json.dumps(frame, ensure_ascii=False) + "\n")
    (out / "console.log").write_text("\n".join(recorder.console) + "\n", "utf-8")
    bot_log = (out / "bot.log").read_text("utf-8", "replace").splitlines()
    summary = {
        "failure": failure,
        "steps": [step.__dict__ for step in steps],
        "bot_log_warnings_and_errors": [
            line for line in bot_log
            if '"level": "warning"' in line or '"level": "error"' in line
            if "App ID is not provided" not in line
        ],
        "page_errors": recorder.page_errors,
        "web_ui_http_errors": recorder.http_errors,
        "console_errors": [c for c in recorder.console if c.startswith("error")
                           and "Failed to load resource" not in c],
        "blocked_external_hosts": sorted(recorder.blocked),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False)
                                      + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"where screenshots and logs go (default {DEFAULT_OUT})")
    parser.add_argument("--tenant", default="acme-dental",
                        help="example client the playground's mock tenant belongs to; "
                             "'none' leaves it unknown (default acme-dental)")
    parser.add_argument("--timeout", type=float, default=45.0,
                        help="seconds to wait for each reply (default 45)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser (default {CHROMIUM})")
    parser.add_argument("--no-probe", action="store_true",
                        help="skip the probe of streaming, citations and the feedback loop")
    args = parser.parse_args(argv)
    if shutil.which("node") is None:
        print("playground: Node.js is missing (the playground is an npm package)",
              file=sys.stderr)
        return 2
    tenant = None if args.tenant.lower() == "none" else args.tenant
    try:
        return run(args.out.resolve(), tenant, args.timeout, args.chromium, not args.no_probe)
    except PlaygroundError as exc:
        print(f"playground: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
