"""[classifiers] in rapport.toml reaches the report (docs/classifiers.md, Configuration):
an offer word added to the promotional lexicon makes E3's promotional_share count
the brand post that uses it; a mistake in the table is a usage error naming the line."""

import json
import os
import subprocess
import tempfile
import unittest

from e2e_support import rapport_bin

EVENTS = [
    {"platform": "x", "id": "1", "type": "post", "author": "acme", "author_handle": "@Acme",
     "created_at": "2024-05-01T10:00:00Z", "text": "Freebie Friday https://acme.example/f",
     "inbound": False},
    {"platform": "x", "id": "2", "type": "post", "author": "acme", "author_handle": "@Acme",
     "created_at": "2024-05-01T11:00:00Z", "text": "Our store opens at nine", "inbound": False},
    {"platform": "x", "id": "3", "type": "post", "author": "acme", "author_handle": "@Acme",
     "created_at": "2024-05-01T12:00:00Z", "text": "Shop now https://acme.example/s",
     "inbound": False},
]
BRAND = '[[brand]]\nname = "acme"\naccounts = ["@Acme"]\n'


class ClassifierConfig(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.events = os.path.join(self.dir.name, "e.ndjson")
        with open(self.events, "w") as f:
            for e in EVENTS:
                f.write(json.dumps(e) + "\n")

    def tearDown(self):
        self.dir.cleanup()

    def report(self, toml):
        cfg = os.path.join(self.dir.name, "r.toml")
        with open(cfg, "w") as f:
            f.write(toml)
        return subprocess.run([rapport_bin(), "report", self.events, "-c", cfg, "--format", "json"],
                              capture_output=True)

    def share(self, toml):
        p = self.report(toml)
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)["brands"][0]["total"]["promotional_share"]

    def test_an_added_offer_word_counts(self):
        # Default lexicon: "shop now" is an offer, "freebie" is not: 1 of 3 posts.
        self.assertAlmostEqual(self.share(BRAND), 1 / 3)
        extended = BRAND + '[classifiers.promotional]\nextra_terms = ["freebie"]\n'
        self.assertAlmostEqual(self.share(extended), 2 / 3)
        # Replacing the list drops the defaults: only "freebie" now.
        replaced = BRAND + '[classifiers.promotional]\nterms = ["freebie"]\n'
        self.assertAlmostEqual(self.share(replaced), 1 / 3)

    def test_a_misspelt_setting_is_a_usage_error_with_its_line(self):
        p = self.report(BRAND + '[classifiers.promotional]\nextra_term = ["freebie"]\n')
        self.assertEqual(p.returncode, 64)
        self.assertIn(b'r.toml:5: [classifiers.promotional] has no setting "extra_term"', p.stderr)


if __name__ == "__main__":
    unittest.main()
