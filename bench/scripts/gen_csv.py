#!/usr/bin/env python3
"""Writes a realistic indicator CSV for import benchmarks: value,type,comment,reference.

Mix: 60% domains (Zipf-like labels under a few hundred TLD+SLD pairs), 15% IPv4, 5% ip:port,
10% sha256, 5% md5, 5% URLs. Deterministic for a given seed.
Usage: gen_csv.py OUT LINES [SEED]
"""
import random
import sys

out, lines = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
tlds = ["com", "net", "org", "info", "biz", "ru", "cn", "top", "xyz", "io"]
words = ["update", "cdn", "mail", "secure", "login", "portal", "news", "cloud", "api", "sync",
         "office", "micro", "soft", "data", "files", "web", "online", "service", "support", "host"]
with open(out, "w") as f:
    f.write("value,type,comment,reference\n")
    for i in range(lines):
        r = rng.random()
        if r < 0.60:
            v = f"{rng.choice(words)}{rng.choice(words)}{i}.{rng.choice(tlds)}"
        elif r < 0.75:
            v = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        elif r < 0.80:
            v = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}:{rng.choice([443, 8080, 8443, 53])}"
        elif r < 0.90:
            v = "%064x" % rng.getrandbits(256)
        elif r < 0.95:
            v = "%032x" % rng.getrandbits(128)
        else:
            v = f"http://{rng.choice(words)}{i}.{rng.choice(tlds)}/{rng.choice(words)}/{i}.php"
        f.write(f"{v},,bench row {i},https://example.org/report/{i % 1000}\n")
