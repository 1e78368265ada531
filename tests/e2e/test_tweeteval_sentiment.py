"""The real folder tweeteval_sentiment_semeval2017 (SemEval-2017 Task 4A tweets, one
per line, with a human class per line): `rapport sentiment` reads every line of both
splits and gives one score per line, and VADER's classes (compound >= 0.05 positive,
<= -0.05 negative, else neutral; METRICS.md) agree with the human labels as recorded
in docs/sentiment.md. The agreement is computed here from the labels; it is a
figure to report, not one the model was tuned to."""

import os
import subprocess
import unittest

from e2e_support import rapport_bin, shared_file

FOLDER = "data/real/tweeteval_sentiment_semeval2017"


def vader_class(compound):
    return 0 if compound <= -0.05 else 2 if compound >= 0.05 else 1  # mapping.txt order


class TweetEval(unittest.TestCase):
    def scores(self, path):
        p = subprocess.run([rapport_bin(), "sentiment", path], capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        return [line.split("\t") for line in p.stdout.decode().splitlines()]

    def test_test_split_agreement_with_the_human_labels(self):
        folder = shared_file(self, FOLDER)
        texts = os.path.join(folder, "test_text.txt")
        labels = [int(x) for x in open(os.path.join(folder, "test_labels.txt"))]
        rows = self.scores(texts)
        self.assertEqual(len(rows), 12284)
        self.assertEqual(len(rows), len(labels))
        self.assertTrue(all(len(r) == 4 for r in rows))
        pred = [vader_class(float(r[3])) for r in rows]
        accuracy = sum(p == l for p, l in zip(pred, labels)) / len(labels)
        recall = [sum(1 for p, l in zip(pred, labels) if l == c and p == c) /
                  sum(1 for l in labels if l == c) for c in (0, 1, 2)]
        self.assertAlmostEqual(accuracy, 0.5300, places=4)
        self.assertAlmostEqual(sum(recall) / 3, 0.5700, places=4)  # SemEval-2017 4A's measure

    def test_validation_split_is_read_line_for_line(self):
        folder = shared_file(self, FOLDER)
        rows = self.scores(os.path.join(folder, "val_text.txt"))
        self.assertEqual(len(rows), sum(1 for _ in open(os.path.join(folder, "val_labels.txt"))))

    def test_a_closed_pipe_is_a_quiet_normal_end(self):
        folder = shared_file(self, FOLDER)
        p = subprocess.Popen([rapport_bin(), "sentiment", os.path.join(folder, "test_text.txt")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdout.readline()
        p.stdout.close()  # like `| head -1`
        err = p.stderr.read()
        self.assertEqual(p.wait(timeout=60), 0)
        self.assertEqual(err, b"")


if __name__ == "__main__":
    unittest.main()
