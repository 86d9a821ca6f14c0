#!/usr/bin/env bash
# Makes the .ptau fixtures the importer is tested on, with snarkjs (pinned in
# package.json, from the npm registry). Each run draws fresh randomness (snarkjs
# mixes the OS's random bytes into the entropy given), so it makes different but
# equally valid files; the tests read the expected points from expected.json,
# which extract_expected.mjs writes with snarkjs's curve library (ffjavascript).
#
#   cd tests/data/ptau && npm ci && ./generate.sh
#
# Outputs (power 6: 2^6 = 64 powers in G2, 2^7 - 1 = 127 in G1):
#   pot6_contributed.ptau  `new` + one `contribute`: sections 1-7 only
#   pot6_prepared.ptau     + `beacon` + `prepare phase2`: also the Lagrange
#                          sections 12-15, as in the Hermez *_final_* files
#   expected.json          some points of both files (tauG1, tauG2, and the
#                          Lagrange tauG1 of the prepared one) as decimal
#                          affine coordinates
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

snarkjs() { npx --no-install snarkjs "$@"; }

snarkjs powersoftau new bn128 6 "$work/pot6_0000.ptau"
snarkjs powersoftau contribute "$work/pot6_0000.ptau" pot6_contributed.ptau \
  --name="zkfl test contribution" -e="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
snarkjs powersoftau beacon pot6_contributed.ptau "$work/pot6_beacon.ptau" \
  0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 10 -n="zkfl test beacon"
snarkjs powersoftau prepare phase2 "$work/pot6_beacon.ptau" pot6_prepared.ptau
snarkjs powersoftau verify pot6_prepared.ptau

snarkjs powersoftau verify pot6_contributed.ptau
node extract_expected.mjs pot6_contributed.ptau pot6_prepared.ptau > expected.json
echo "wrote pot6_contributed.ptau pot6_prepared.ptau expected.json"
