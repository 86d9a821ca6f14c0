#!/usr/bin/env python3
"""Known answers for zkfl's batch-index derivation (training/batch_sampler.hpp),
computed with Python's hashlib, independently of the C++ code.
Regenerate: python3 gen_batch_indices_vectors.py > ../batch_indices_vectors.json"""
import hashlib
import json

TAG = b"zkfl-batch-indices-v1"


def u64(v):
    return v.to_bytes(8, "big")


def step_indices(seed, participant, n, batch, step):
    words = []
    counter = 0

    def word():
        nonlocal counter
        if not words:
            block = hashlib.sha256(TAG + seed + u64(participant) + u64(n) + u64(step) + u64(counter)).digest()
            counter += 1
            words.extend(int.from_bytes(block[i : i + 8], "big") for i in range(0, 32, 8))
        return words.pop(0)

    def uniform(bound):
        w = word()
        while w < (1 << 64) % bound:
            w = word()
        return w % bound

    perm = {}
    out = []
    for b in range(batch):
        j = b + uniform(n - b)
        pj, pb = perm.get(j, j), perm.get(b, b)
        perm[j], perm[b] = pb, pj
        out.append(pj)
    return out


def vector(seed_text, participant, n, batch, steps):
    seed = hashlib.sha256(seed_text.encode()).digest()
    indices = []
    for e in range(steps):
        indices += step_indices(seed, participant, n, batch, e)
    return {"seed": seed.hex(), "participant": participant, "rows": n, "batch": batch, "steps": steps,
            "indices": indices}


CASES = [
    ("round-1", 0, 10, 3, 2),
    ("round-1", 1, 10, 3, 2),
    ("round-2", 7, 569, 16, 3),
    ("round-3", 3, 5, 5, 2),          # B = N: each step is a permutation
    ("round-4", 2**63 + 5, 1, 1, 3),  # N = 1
    ("round-5", 42, 3, 2, 4),
    ("round-6", 9, 100000, 8, 2),
]

lines = ",\n  ".join(json.dumps(vector(*c)) for c in CASES)
print('{"vectors": [\n  ' + lines + "\n]}")
