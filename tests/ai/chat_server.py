"""A small but real HTTP server speaking the Chat Completions protocol, for testing the model
engine end to end through the openai client.

It listens on 127.0.0.1 (an ephemeral port) in a background thread, records every request and
answers `POST /v1/chat/completions` from a script: a queue of `Reply`s set by the test. A
request that finds the script empty gets a 500 (and so shows up in the request count)."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

CHAT_PATH = "/v1/chat/completions"
Body = dict | Callable[[dict], dict]  # a JSON body, or one made from the request's body


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Body = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: dict

    def user_messages(self) -> list[str]:
        return [m["content"] for m in self.body.get("messages", []) if m["role"] == "user"]


# --- scripted replies -----------------------------------------------------------------------

def completion(content: str | None, *, refusal: str | None = None, model: str | None = None,
               finish_reason: str = "stop") -> Reply:
    """A 200 chat.completion whose one choice carries `content` (or a refusal). It reports
    `model`, or else the model the request asked for."""
    def body(request: dict) -> dict:
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model or request.get("model"),
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "logprobs": None,
                "finish_reason": finish_reason,
            }],
            "usage": {"prompt_tokens": 120, "completion_tokens": 80, "total_tokens": 200},
        }
    return Reply(body=body)


def answer(data: dict, *, model: str | None = None) -> Reply:
    """The structured output `data`, as the model writes it: a JSON string in the content."""
    return completion(json.dumps(data), model=model)


def refusal(text: str = "I can't help with that.") -> Reply:
    return completion(None, refusal=text)


def error(status: int, message: str = "Something went wrong", *, kind: str = "server_error",
          headers: dict[str, str] | None = None) -> Reply:
    """An OpenAI-style error answer."""
    body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return Reply(status=status, body=body, headers=headers or {})


def rate_limited() -> Reply:
    return error(429, "Rate limit reached, please retry.", kind="rate_limit_exceeded",
                 headers={"Retry-After": "0"})


def slow(reply: Reply, seconds: float) -> Reply:
    return replace(reply, delay=seconds)


# --- the server -----------------------------------------------------------------------------

class ChatServer:
    def __init__(self) -> None:
        self.requests: list[Received] = []
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self.closing = threading.Event()  # cuts the delay of slow replies short at the end
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,),
                                        daemon=True, name="chat-server")

    @property
    def base_url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Reply) -> None:
        """The answers to the next requests, in order."""
        with self._lock:
            self._script.extend(replies)

    def next_reply(self, received: Received) -> Reply:
        with self._lock:
            self.requests.append(received)
            return self._script.popleft() if self._script else error(500, "no scripted reply")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.closing.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the openai client expects

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path != CHAT_PATH:
                self._send(Reply(404, {"error": {"message": f"no route {self.path}"}}), {})
                return
            received = Received(self.path, {k.lower(): v for k, v in self.headers.items()},
                                json.loads(raw or b"{}"))
            reply = server.next_reply(received)
            if reply.delay:
                server.closing.wait(reply.delay)
            self._send(reply, received.body)

        def _send(self, reply: Reply, request: dict) -> None:
            body = reply.body(request) if callable(reply.body) else reply.body
            data = json.dumps(body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # keep the test output quiet

    return Handler


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    server = ChatServer()
    server.start()
    yield server
    server.stop()
