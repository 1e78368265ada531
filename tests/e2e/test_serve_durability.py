#!/usr/bin/env python3
"""E2E: an acknowledged write survives a crash. A client POSTs small batches as fast
as it can while the server is killed with SIGKILL at a random moment; after a restart
every event of every acknowledged batch is in the store and in the served report, and
no event is there twice. Unacknowledged batches are re-sent after the restart (as a
client would), which must not create duplicates either. Bounded: a few rounds."""

import json
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
import unittest

from serve_support import Server, event

ROUNDS = 4
BATCH = 7


class ServeDurabilityTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rapport-serve-dur-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.db = os.path.join(self.tmp, "r.db")

    def test_acknowledged_events_survive_sigkill(self):
        rng = random.Random(int(os.environ.get("RAPPORT_TEST_SEED", "20261125")))
        acked = set()
        next_id = 0
        unacked_batches = []
        started = time.monotonic()
        for round_no in range(ROUNDS):
            server = Server(self.db, ["--token", "t"])
            self.addCleanup(server.kill)
            # Batches not acknowledged before the last crash are sent again first.
            for batch in unacked_batches:
                status, out = server.post_events([event(i) for i in batch], "t")
                self.assertEqual(status, 200, out)
                acked.update(batch)
            unacked_batches = []
            stop = threading.Event()
            in_flight = []

            def client():
                nonlocal next_id
                while not stop.is_set():
                    batch = list(range(next_id, next_id + BATCH))
                    next_id += BATCH
                    in_flight[:] = [batch]
                    try:
                        status, _ = server.post_events([event(i, likes=i) for i in batch], "t")
                    except Exception:  # the server died under us: not acknowledged
                        unacked_batches.append(batch)
                        return
                    if status == 200:
                        acked.update(batch)
                        in_flight[:] = []
                    else:
                        unacked_batches.append(batch)

            t = threading.Thread(target=client)
            t.start()
            time.sleep(rng.uniform(0.2, 1.2))
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait(10)
            stop.set()
            t.join(30)
            self.assertFalse(t.is_alive())
            server.kill()
            if in_flight and in_flight[0] not in unacked_batches:
                unacked_batches.append(in_flight[0])
            self.assertGreater(len(acked), round_no * BATCH, "no batch was acknowledged in round %d" % round_no)

            # After the crash: every acknowledged event is stored, exactly once.
            con = sqlite3.connect(self.db)
            rows = con.execute("SELECT id FROM events").fetchall()
            con.close()
            ids = [r[0] for r in rows]
            self.assertEqual(len(ids), len(set(ids)), "duplicate rows")
            stored = {int(i[1:]) for i in ids}
            self.assertTrue(acked <= stored, "lost acknowledged events: %s" % sorted(acked - stored)[:10])

        # A last restart: the server loads the store and reports exactly what is there.
        server = Server(self.db, ["--token", "t"])
        self.addCleanup(server.kill)
        for batch in unacked_batches:
            self.assertEqual(server.post_events([event(i) for i in batch], "t")[0], 200)
            acked.update(batch)
        health = server.get_json("/v1/health")
        report = server.get_json("/v1/report")
        con = sqlite3.connect(self.db)
        n, distinct = con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM events").fetchone()
        self.assertEqual(n, distinct)
        self.assertEqual(health["events"], n)
        self.assertEqual(report["input"]["events"], n)
        self.assertTrue(acked <= {int(r[0][1:]) for r in con.execute("SELECT id FROM events")})
        # Everything stored was sent: stored ids are a subset of those sent.
        self.assertLessEqual(n, next_id)
        code, err = server.stop(signal.SIGTERM)
        self.assertEqual(code, 0, err)
        print("durability: %d rounds, %d events acknowledged, %d stored, %.1fs"
              % (ROUNDS, len(acked), n, time.monotonic() - started))
        self.assertLess(time.monotonic() - started, 60)


if __name__ == "__main__":
    unittest.main()
