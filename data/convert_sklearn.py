#!/usr/bin/env python3
"""Converts the two scikit-learn bundled datasets into zkfl's CSV layout.

Run once (the outputs are committed):

    python3 data/convert_sklearn.py [SKLEARN_DATA_DIR]

SKLEARN_DATA_DIR defaults to Debian's python3-sklearn location. Uses the
Python standard library only. Output layout: a header row of feature names
then `label`, one row per sample, the label (an integer class) last.
"""

import csv
import gzip
import os
import sys

DEFAULT_SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
HERE = os.path.dirname(os.path.abspath(__file__))

# The names scikit-learn's load_breast_cancer() gives the 30 columns, with
# spaces replaced by underscores so a header cell is one token.
BREAST_CANCER_FEATURES = [
    "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness",
    "mean compactness", "mean concavity", "mean concave points", "mean symmetry",
    "mean fractal dimension",
    "radius error", "texture error", "perimeter error", "area error", "smoothness error",
    "compactness error", "concavity error", "concave points error", "symmetry error",
    "fractal dimension error",
    "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness",
    "worst compactness", "worst concavity", "worst concave points", "worst symmetry",
    "worst fractal dimension",
]


def check_number(cell, where):
    """Fails loudly on a cell that is not a finite decimal number."""
    value = float(cell)
    if value != value or value in (float("inf"), float("-inf")):
        raise SystemExit(f"{where}: non-finite value {cell!r}")
    return cell


def convert_breast_cancer(source_dir):
    """sklearn's file: a first line `569,30,malignant,benign` (rows, features,
    class names), then 30 features and the target (0 = malignant, 1 = benign)."""
    src = os.path.join(source_dir, "breast_cancer.csv")
    with open(src, newline="") as f:
        rows = list(csv.reader(f))
    n_rows, n_features = int(rows[0][0]), int(rows[0][1])
    if rows[0][2:] != ["malignant", "benign"]:
        raise SystemExit(f"{src}: unexpected class names {rows[0][2:]}")
    if n_features != len(BREAST_CANCER_FEATURES) or len(rows) - 1 != n_rows:
        raise SystemExit(f"{src}: expected {n_rows} rows of {n_features} features")
    out = [[name.replace(" ", "_") for name in BREAST_CANCER_FEATURES] + ["label"]]
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != n_features + 1:
            raise SystemExit(f"{src}:{i}: expected {n_features + 1} cells")
        features = [check_number(c, f"{src}:{i}") for c in row[:-1]]
        label = int(row[-1])
        if label not in (0, 1):
            raise SystemExit(f"{src}:{i}: label {label} is not 0 or 1")
        out.append(features + [str(label)])
    return out


def convert_digits(source_dir):
    """sklearn's file: no header; 64 pixel counts (0..16) then the digit."""
    src = os.path.join(source_dir, "digits.csv.gz")
    with gzip.open(src, "rt", newline="") as f:
        rows = list(csv.reader(f))
    out = [[f"pixel_{i}" for i in range(64)] + ["label"]]
    for i, row in enumerate(rows, start=1):
        if len(row) != 65:
            raise SystemExit(f"{src}:{i}: expected 65 cells")
        # Values are stored as floats ("0.0" or "0"); write them as integers.
        pixels = [str(int(float(c))) for c in row[:-1]]
        label = int(float(row[-1]))
        if not 0 <= label <= 9:
            raise SystemExit(f"{src}:{i}: label {label} is not a digit")
        out.append(pixels + [str(label)])
    return out


def write(name, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    print(f"{path}: {len(rows) - 1} rows, {len(rows[0]) - 1} features")


def main():
    source_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE
    write("breast_cancer.csv", convert_breast_cancer(source_dir))
    write("digits.csv", convert_digits(source_dir))


if __name__ == "__main__":
    main()
