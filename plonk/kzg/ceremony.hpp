// A multi-party powers-of-tau ceremony among the consortium (Bowe, Gabizon,
// Miers, "Scalable multi-party computation for zk-SNARK parameters in the
// random beacon model", ePrint 2017/1050, §3 and §7 — the scheme of the Zcash
// and Hermez ceremonies, without the α/β terms Groth16 needs and PLONK does not).
//
// The state holds the current powers [τ^i]₁, [τ]₂ and one record per
// contribution. Contributor j draws a secret τ'_j, multiplies every power by
// τ'_j^i (so τ ← τ·τ'_j) and publishes
//   [τ'_j]₁,  π_j = τ'_j·H_j with H_j = hash_to_g2(transcript so far ‖ name ‖ [τ'_j]₁),
//   the new [τ]₁ and [τ]₂.
// Anyone checks, for every j, by pairings:
//   e([τ'_j]₁, H_j) = e(G1, π_j)            π_j is τ'_j·H_j: proof of knowledge of τ'_j
//   e([τ]₁ⱼ, H_j) = e([τ]₁ⱼ₋₁, π_j)          the new τ is the old one times τ'_j
//   e([τ]₁ⱼ, G2) = e(G1, [τ]₂ⱼ)              [τ]₂ agrees with [τ]₁
// and that the final powers are consistent (Srs::verify) and end at the last
// record's [τ]₁. Because H_j is a random oracle output fixed by the transcript
// before τ'_j is used, π_j can only be made by someone who knows τ'_j (BGM17
// §3, in the algebraic group / random oracle model); so the final τ is
// τ_start·Π τ'_j, and it stays unknown to everyone as long as ONE contributor
// drew τ'_j at random and erased it. No other party needs to be trusted, and
// the checks need nobody's cooperation.
//
// Secrets: τ'_j and its powers are used only through constant-time
// operations (field products, mul_secret) and the variables holding them are
// wiped after use (best effort: copies the arithmetic leaves in its own stack
// frames are not, see scalar_mul_secret.cpp).
//
// File / byte format, version 1 (big-endian):
//   "ZKFLCER" 7 bytes, u8 version = 1, u8 k (1 ≤ k ≤ 28)
//   u32+ start provenance (≤ 4096 bytes of text)
//   start [τ]₁ (64, uncompressed G1), start [τ]₂ (128, uncompressed G2)
//   u32 contribution count (≤ 65536), then per contribution:
//     u32+ name (≤ 256 bytes), [τ']₁ (64), π (128), [τ]₁ (64), [τ]₂ (128)
//   2^k × 64 current [τ^i]₁
//   32 SHA-256 of all the bytes before it (codec_checksum.hpp)
// Decoding is as strict as the SRS's (srs.hpp); the current [τ]₂ is the last
// record's (the start's when there is none).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/sha256.hpp"
#include "plonk/base/status.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

// The public record of one contribution.
struct Contribution {
  std::string name;       // chosen by the contributor, at most kMaxContributorName bytes
  G1Affine tau_prime_g1;  // [τ']₁
  G2Affine proof_g2;      // π = τ'·H (proof of knowledge of τ')
  G1Affine tau_g1;        // [τ]₁ after this contribution
  G2Affine tau_g2;        // [τ]₂ after this contribution
};

inline constexpr size_t kMaxContributorName = 256;
inline constexpr size_t kMaxContributions = 65536;
inline constexpr std::string_view kCeremonyMagic = "ZKFLCER";
inline constexpr uint8_t kCeremonyFormatVersion = 1;

struct CeremonyState {
  G1Affine start_tau_g1;   // [τ]₁ before the first contribution
  G2Affine start_tau_g2;   // [τ]₂ before the first contribution
  std::string start_provenance;
  std::vector<Contribution> contributions;
  Srs current;             // the powers after the last contribution
};

// A new ceremony of 2^k powers starting from τ = 1 (every [τ^i]₁ = G1): the
// start is public, so the result is secure only after a contribution.
CeremonyState start_ceremony(uint32_t k);
// A ceremony that continues from an existing SRS (e.g. an imported .ptau), so
// the consortium's contributions add to that ceremony's; `srs` should have
// been verified.
CeremonyState start_ceremony_from(const Srs& srs);

// The transcript hashes: h_0 binds k and the start; h_j = SHA-256(h_{j−1} ‖ record j).
// ceremony_hash is the last one: what contributors publish and compare.
Sha256::Digest ceremony_start_hash(const CeremonyState& state);
Sha256::Digest contribution_hash(const Sha256::Digest& previous, const Contribution& contribution);
Sha256::Digest ceremony_hash(const CeremonyState& state);

// The G2 point H_j of a contribution whose transcript so far hashes to
// `previous`: hash_to_g2 over previous ‖ name ‖ [τ']₁.
G2Affine proof_of_knowledge_base(const Sha256::Digest& previous, const std::string& name,
                                 const G1Affine& tau_prime_g1);

// Adds a contribution with a fresh secret from `rng` (use SecureRng) and
// returns the new ceremony hash. Does not check the state first (call
// verify_ceremony on states from outside); an error for a name that is too
// long or a full ceremony. Costs one constant-time scalar multiplication per power.
Result<Sha256::Digest> contribute(CeremonyState& state, const std::string& name, Rng& rng, ThreadPool& pool);

// Checks the whole chain, from the start through every contribution to the
// current powers (see the top of this file); an error names the first
// contribution or check that fails.
Status verify_ceremony(const CeremonyState& state, Rng& rng, ThreadPool& pool);

// The ceremony's result as an SRS of origin "ceremony", after verify_ceremony;
// an error when the chain does not verify or has no contribution.
Result<Srs> finish_ceremony(const CeremonyState& state, Rng& rng, ThreadPool& pool);

// The version-1 format above; decoding is strict and structural only (no pairings).
std::vector<uint8_t> encode_ceremony(const CeremonyState& state);
Result<CeremonyState> decode_ceremony(std::span<const uint8_t> bytes, ThreadPool& pool);
// File wrappers: read = decode + verify_ceremony; write is atomic (file_io.hpp).
Result<CeremonyState> read_ceremony_file(const std::filesystem::path& path, Rng& rng, ThreadPool& pool);
Status write_ceremony_file(const std::filesystem::path& path, const CeremonyState& state);

}  // namespace zkfl::plonk
