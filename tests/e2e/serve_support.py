"""Helpers of the `rapport serve` end-to-end tests: start the real binary on a free
port (--port 0, the port read from its "serving http://..." line), talk HTTP to it,
stop it with a signal. Every wait is bounded."""

import http.client
import json
import os
import re
import select
import signal
import subprocess
import time

from e2e_support import rapport_bin

SERVING = re.compile(r"serving http://([^ ]+):(\d+) ")


class Server:
    def __init__(self, db, args=(), env=None, start_timeout=60):
        full_env = dict(os.environ)
        full_env.pop("RAPPORT_TOKEN", None)
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            [rapport_bin(), "serve", "--db", db, "--port", "0"] + list(args),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env)
        self.stderr = b""
        deadline = time.monotonic() + start_timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise AssertionError("server did not start in %ss: %r" % (start_timeout, self.stderr))
            ready, _, _ = select.select([self.proc.stderr], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.proc.stderr.fileno(), 4096)
            if not chunk:
                self.proc.wait(5)
                raise AssertionError("server exited %s: %r" % (self.proc.returncode, self.stderr))
            self.stderr += chunk
            m = SERVING.search(self.stderr.decode("utf-8", "replace"))
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                break

    def request(self, method, path, body=None, headers=None, timeout=60):
        """Returns (status, headers dict, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def get_json(self, path):
        status, _, body = self.request("GET", path)
        if status != 200:
            raise AssertionError("GET %s: %s %r" % (path, status, body))
        return json.loads(body)

    def post_events(self, lines, token):
        body = "".join(line + "\n" for line in lines).encode()
        status, _, out = self.request("POST", "/v1/events", body,
                                      {"Authorization": "Bearer " + token,
                                       "Content-Type": "application/x-ndjson"})
        return status, out

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Sends sig, waits; returns (exit code, all of stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rest = self.proc.communicate(timeout=timeout)[1]
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        self.stderr += rest or b""
        return self.proc.returncode, self.stderr.decode("utf-8", "replace")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        if self.proc.stderr and not self.proc.stderr.closed:
            self.proc.stderr.close()


def event(i, text="hello @AcmeHelp", likes=None, author=None, created="2024-06-01T10:00:00Z"):
    """A native event line with id e<i>."""
    return json.dumps({
        "platform": "x", "id": "e%d" % i, "type": "post",
        "author": author or "u%d" % (i % 50), "author_handle": "@user%d" % (i % 50),
        "created_at": created, "parent_id": None, "conversation_id": None,
        "text": text, "metrics": {"likes": likes}, "inbound": True})
