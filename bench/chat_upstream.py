#!/usr/bin/env python3
"""A Chat Completions upstream built on Python's http.server, the kind of small self-hosted server many people run
(bench/added.sh, docs/performance.md). Standard library only.

ThreadingHTTPServer, HTTP/1.1 keep-alive. POST with "stream": true answers the SSE file with chunked transfer
encoding, each SSE event its own chunk, written and flushed on its own; "stream": false answers a blocking
chat.completion JSON (the same 20 words) with Content-Length. GET /v1/models lists "fake-model". TCP_NODELAY is set
on each connection (--nagle leaves Nagle on, http.server's default: then the headers and the first body write are
two small segments, the second waits for the client's delayed ACK, and every request, direct or relayed, takes
~44 ms on Linux loopback — measured, docs/performance.md). --capture DIR saves the first --capture-count request bodies as DIR/req-N.json.

    chat_upstream.py --port P --sse FILE [--capture DIR --capture-count N]
"""
import argparse
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--sse", required=True)
parser.add_argument("--capture")
parser.add_argument("--capture-count", type=int, default=0)
parser.add_argument("--nagle", action="store_true")
args = parser.parse_args()

EVENTS = [e + b"\n\n" for e in open(args.sse, "rb").read().split(b"\n\n") if e.strip()]
WORDS = "".join(f"w{i} " for i in range(20))
BLOCKING = json.dumps({"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": WORDS}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30}}, separators=(",", ":")).encode()
MODELS = b'{"object":"list","data":[{"id":"fake-model","object":"model"}]}'
captured = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = not args.nagle

    def log_message(self, *_):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(MODELS)))
        self.end_headers()
        self.wfile.write(MODELS)

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_POST(self):
        global captured
        body = self.read_body()
        if args.capture:
            with lock:
                if captured < args.capture_count:
                    captured += 1
                    open(os.path.join(args.capture, f"req-{captured}.json"), "wb").write(body)
        try:
            stream = json.loads(body).get("stream", False) is True
        except ValueError:
            self.send_error(400)
            return
        if not stream:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(BLOCKING)))
            self.end_headers()
            self.wfile.write(BLOCKING)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for event in EVENTS:  # each SSE event its own chunk, its own write, flushed
            self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request, client_address):
        pass  # a client that hangs up mid-answer (curl | head) is not an upstream error


Server(("127.0.0.1", args.port), Handler).serve_forever()
