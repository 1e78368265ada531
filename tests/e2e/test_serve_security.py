#!/usr/bin/env python3
"""E2E: what `rapport serve` refuses. Writes without the token (401), with a wrong one
(401), or on a server started without one (403); bodies over --max-body (413);
malformed records reported one by one and never stored; the default address is
loopback only (read from the kernel's socket table); SIGTERM stops it cleanly."""

import gzip
import http.client
import json
import os
import shutil
import signal
import sqlite3
import tempfile
import unittest

from e2e_support import run
from serve_support import Server, event


def listening_addresses(port):
    """Local addresses of listening TCP sockets on `port`, from /proc/net/tcp{,6}."""
    found = []
    for name in ["/proc/net/tcp", "/proc/net/tcp6"]:
        if not os.path.exists(name):
            continue
        with open(name) as f:
            next(f)
            for line in f:
                fields = line.split()
                addr, hexport = fields[1].rsplit(":", 1)
                if int(hexport, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                    found.append(addr)
    return found


class ServeSecurityTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-serve-sec-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.db = os.path.join(self.tmp, "r.db")

    def start(self, args=(), env=None):
        server = Server(self.db, args, env)
        self.addCleanup(server.kill)
        return server

    @staticmethod
    def peak_kb(server):
        with open("/proc/%d/status" % server.proc.pid) as f:
            return int(next(line for line in f if line.startswith("VmHWM")).split()[1])

    def stored(self):
        return sqlite3.connect(self.db).execute("SELECT COUNT(*) FROM events").fetchone()[0]

    def test_writes_need_the_token(self):
        server = self.start(["--token", "correct-horse"])
        body = (event(1) + "\n").encode()
        for headers in [{}, {"Authorization": "Bearer wrong-horse"}, {"Authorization": "Bearer correct-hors"},
                        {"Authorization": "Bearer correct-horse-battery"}, {"Authorization": "correct-horse"},
                        {"Authorization": "Basic Y29ycmVjdC1ob3JzZQ=="}]:
            status, resp_headers, out = server.request("POST", "/v1/events", body, headers)
            self.assertEqual(status, 401, headers)
            self.assertEqual(resp_headers.get("WWW-Authenticate"), 'Bearer realm="rapport"')
            self.assertIn("Bearer", json.loads(out)["error"])
        self.assertEqual(self.stored(), 0)
        status, out = server.post_events([event(1)], "correct-horse")
        self.assertEqual(status, 200, out)
        self.assertEqual(self.stored(), 1)
        # reading needs no token
        self.assertEqual(server.get_json("/v1/health")["events"], 1)

    def test_token_from_the_environment(self):
        server = self.start(env={"RAPPORT_TOKEN": "from-env"})
        self.assertEqual(server.post_events([event(1)], "nope")[0], 401)
        self.assertEqual(server.post_events([event(1)], "from-env")[0], 200)

    def test_no_token_configured_refuses_every_write(self):
        server = self.start()
        self.assertIn("writes disabled", server.stderr.decode())
        for token in ["", "anything"]:
            status, out = server.post_events([event(1)], token)
            self.assertEqual(status, 403, out)
            self.assertIn("--token", json.loads(out)["error"])
        self.assertEqual(server.get_json("/v1/health")["writes"], False)
        self.assertEqual(self.stored(), 0)

    def test_oversized_bodies_are_413_and_not_stored(self):
        server = self.start(["--token", "t", "--max-body", "4KiB"])
        lines = [event(i) for i in range(40)]  # about 10 kB
        self.assertGreater(len("\n".join(lines)), 4096)
        status, _ = server.post_events(lines, "t")
        self.assertEqual(status, 413)
        self.assertEqual(self.stored(), 0)
        status, out = server.post_events(lines[:10], "t")  # about 2.5 kB
        self.assertEqual(status, 200, out)
        self.assertEqual(self.stored(), 10)

    def test_chunked_bodies_need_a_content_length(self):
        # cpp-httplib 0.11.4 does not hold chunked bodies to --max-body: refused (411).
        server = self.start(["--token", "t", "--max-body", "4KiB"])
        lines = [event(i) for i in range(40)]
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("POST", "/v1/events", body=iter([("\n".join(lines) + "\n").encode()]),
                     headers={"Authorization": "Bearer t"}, encode_chunked=True)
        r = conn.getresponse()
        self.assertEqual(r.status, 411, r.read())
        conn.close()
        self.assertEqual(self.stored(), 0)

    def test_compressed_bodies_are_refused_before_inflating(self):
        server = self.start(["--token", "t", "--max-body", "1MiB"])
        bomb = gzip.compress(b"\0" * (64 << 20))  # 64 MiB of zeros in about 64 kB
        self.assertLess(len(bomb), 1 << 20)
        before_kb = self.peak_kb(server)
        status, _, out = server.request("POST", "/v1/events", bomb,
                                        {"Authorization": "Bearer t", "Content-Encoding": "gzip"})
        self.assertEqual(status, 415, out)
        self.assertIn("Content-Encoding", json.loads(out)["error"])
        self.assertLess(self.peak_kb(server) - before_kb, 16 << 10, "the body was inflated")
        self.assertEqual(self.stored(), 0)

    def test_malformed_records_are_reported_per_record_and_never_stored(self):
        server = self.start(["--token", "t"])
        good = [event(1), event(2), event(3)]
        missing_author = json.loads(event(4))
        del missing_author["author"]
        bad_time = json.loads(event(5))
        bad_time["created_at"] = "yesterday"
        body = [good[0], "{not json", good[1], json.dumps(missing_author), "", json.dumps(bad_time),
                "[1,2]", good[2], '{"platform":"x","id":"\xff"}']
        status, out = server.post_events(body, "t")
        self.assertEqual(status, 200, out)
        r = json.loads(out)
        self.assertEqual((r["received"], r["stored"], r["rejected"]), (8, 3, 5))
        self.assertEqual([(e["line"], e["reason"]) for e in r["errors"]],
                         [(2, "invalid_json"), (4, "missing_field"), (6, "bad_timestamp"),
                          (7, "invalid_json"), (9, "missing_field")])
        self.assertIn("author", r["errors"][1]["message"])
        self.assertFalse(r["errors_truncated"])
        ids = [row[0] for row in sqlite3.connect(self.db).execute("SELECT id FROM events ORDER BY seq")]
        self.assertEqual(ids, ["e1", "e2", "e3"])
        self.assertEqual(server.get_json("/v1/report")["input"]["events"], 3)

    def test_default_address_is_loopback_only(self):
        server = self.start()
        self.assertEqual(server.host, "127.0.0.1")
        self.assertEqual(listening_addresses(server.port), ["0100007F"])  # 127.0.0.1, nothing else
        # told otherwise, it listens where told
        other = self.start(["--host", "0.0.0.0"])
        self.assertEqual(listening_addresses(other.port), ["00000000"])

    def test_sigterm_stops_cleanly_and_the_store_stays_usable(self):
        server = self.start(["--token", "t"])
        self.assertEqual(server.post_events([event(1), event(2)], "t")[0], 200)
        code, err = server.stop(signal.SIGTERM)
        self.assertEqual(code, 0, err)
        self.assertIn("rapport: stopped", err)
        code, out, err = run(["report", "--db", self.db, "--format", "json"])
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["input"]["events"], 2)


if __name__ == "__main__":
    unittest.main()
