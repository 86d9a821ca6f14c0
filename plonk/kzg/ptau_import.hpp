// Import of snarkjs / Hermez powers-of-tau files (".ptau", the iden3 binfile
// format written by `snarkjs powersoftau`; e.g. the Hermez ceremony's
// powersOfTau28_hez_final_XX.ptau): the first 2^k points [τ^i]₁ and [τ]₂.
//
// Layout (every integer little-endian):
//   "ptau", u32 version (1), u32 section count, then sections of
//   u32 type, u64 size, size bytes. The ones read here:
//     1 header:  u32 n8 (32 for BN254), n8-byte prime p, u32 power, u32 ceremonyPower
//     2 tauG1:   2^(power+1) − 1 G1 points [τ^i]₁
//     3 tauG2:   2^power G2 points [τ^i]₂
//     7 contributions: starts with their u32 count (reported, not checked)
//   Sections 4–6 (α/β terms for Groth16) and, after `prepare phase2`, 12–15
//   (Lagrange bases) are skipped. Points are uncompressed affine x ‖ y, each
//   coordinate in "LEM" form: n8 bytes little-endian of the Montgomery
//   representative a·2^256 mod p (Fq2 as c0 ‖ c1); all-zero is the point at
//   infinity. (ffjavascript's toRprLEM; checked against snarkjs-made files in
//   tests/data/ptau.)
// Every decoded coordinate must be < p, every point on its curve (G2 also in
// the subgroup) and not at infinity; [τ^0]₁ and [τ^0]₂ must be the generators;
// the imported SRS must pass Srs::verify. The file is read by seeking, so only
// the imported points are loaded, whatever the file's size. The ceremony's own
// transcript (its contributions' hashes and proofs) is not re-verified: check
// the file's published hash against the ceremony's announcement.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>

#include "plonk/base/random.hpp"
#include "plonk/base/status.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

// What a .ptau file's header says.
struct PtauInfo {
  uint32_t power = 0;           // the file holds 2^power powers in G2 (twice as many in G1)
  uint32_t ceremony_power = 0;  // the size of the ceremony the file was truncated from
  uint32_t contributions = 0;   // from section 7; 0 when the file has none
};

// Parses the header and section table and checks the section sizes; errors
// for: not a .ptau file, another version, another curve, truncated or
// duplicated sections, sizes that disagree with the power.
Result<PtauInfo> read_ptau_info(std::istream& in);

// Imports the first 2^k powers (1 ≤ k ≤ the file's power) and verifies them.
// `source_name` goes into the SRS's provenance and error messages.
Result<Srs> import_ptau(std::istream& in, uint32_t k, const std::string& source_name, Rng& rng, ThreadPool& pool);
Result<Srs> import_ptau_file(const std::filesystem::path& path, uint32_t k, Rng& rng, ThreadPool& pool);

}  // namespace zkfl::plonk
