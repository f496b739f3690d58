#!/usr/bin/env python3
"""A Codex-like WebSocket client for bench/added.sh (the standard library only: no WebSocket package is installed).

One socket to ws://127.0.0.1:PORT/v1/responses, `response.create` frames sent one at a time, each read to its
terminal event, as Codex uses the relay. Prints one line like bench/post.lua's for wrk:
  RESULT requests=N rps=R p50_us=P p99_us=Q errors=E non2xx=0
--count N frames, or --seconds S of frames (a warm series); --body a Responses request (JSON) sent as the frame.
"""
import argparse
import base64
import json
import os
import socket
import struct
import time

TERMINAL = (b'"type":"response.completed"', b'"type":"response.incomplete"')
FAILED = (b'"type":"response.failed"', b'"type":"error"')


class Socket:
    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit("no upgrade: " + head.decode(errors="replace")[:300])

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the relay closed the socket")
        self.buffer += chunk

    def _take(self, n):
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send(self, opcode, data):
        n = len(data)
        if n < 126:
            header = struct.pack(">BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            header = struct.pack(">BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            header = struct.pack(">BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        stream = (mask * (n // 4 + 1))[:n]
        masked = (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(n, "big") if n else b""
        self.sock.sendall(header + mask + masked)

    def send_text(self, data):
        self._send(0x1, data)

    def receive(self):
        """One whole message (fragments joined); answers pings on the way."""
        message = b""
        while True:
            b0, b1 = self._take(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._take(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._take(8))[0]
            payload = self._take(n)
            opcode = b0 & 0x0F
            if opcode == 0x9:
                self._send(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("the relay closed the socket")
            if opcode == 0xA:
                continue
            message += payload
            if b0 & 0x80:
                return message


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=0)
    args = parser.parse_args()
    frame = json.load(open(args.body))
    frame.update({"type": "response.create", "stream": True, "store": False})
    data = json.dumps(frame, separators=(",", ":")).encode()
    ws = Socket(args.port, "/v1/responses")
    times, errors = [], 0
    started = time.perf_counter()
    while (args.count and len(times) < args.count) or (args.seconds and time.perf_counter() - started < args.seconds):
        sent = time.perf_counter()
        ws.send_text(data)
        while True:
            message = ws.receive()
            if any(t in message for t in TERMINAL):
                break
            if any(t in message for t in FAILED):
                errors += 1
                break
        times.append(time.perf_counter() - sent)
    elapsed = time.perf_counter() - started
    ordered = sorted(times)
    p50 = ordered[len(ordered) // 2] * 1e6
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e6
    print(f"RESULT requests={len(times)} rps={len(times) / elapsed:.1f} p50_us={p50:.0f} p99_us={p99:.0f} errors={errors} non2xx=0")


if __name__ == "__main__":
    main()
