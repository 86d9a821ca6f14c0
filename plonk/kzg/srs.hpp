// The structured reference string of KZG (Kate, Zaverucha, Goldberg,
// "Constant-size commitments to polynomials and their applications",
// Asiacrypt 2010): [τ^i]₁ = τ^i·G1 for i < n = 2^k, and [1]₂ = G2, [τ]₂ = τ·G2,
// for a τ nobody may know. Where it comes from is recorded with it (Origin):
// an imported powers-of-tau file, a multi-party ceremony among the consortium,
// or the single-party development setup whose τ came from one rng and is
// therefore known to whoever ran it (insecure: such an SRS lets that party
// forge proofs).
//
// File / byte format, version 1 (all integers big-endian):
//   "ZKFLSRS"                      7 bytes magic
//   u8   version                   1
//   u8   origin                    1 insecure-development, 2 ptau-import, 3 ceremony
//   u32+ provenance                u32-length-prefixed UTF-8 text, at most 4096 bytes
//                                  (e.g. the imported file's SHA-256, the ceremony's final hash)
//   u8   k                         1 ≤ k ≤ 28 (n = 2^k powers)
//   128  [τ]₂                      uncompressed G2 (point_encoding.hpp)
//   n×64 [τ^i]₁, i = 0 … n−1       uncompressed G1
//   32   SHA-256 of all the bytes before it (codec_checksum.hpp)
// and nothing after. [1]₂ is the fixed G2 generator of EIP-197 and is not stored.
// Decoding is strict: wrong magic, version, checksum, origin or k, non-canonical
// coordinates, points off the curve or (G2) outside the subgroup, a point at
// infinity, truncation and trailing bytes are errors. Decoding does not check
// that the points are powers of one τ; Srs::verify does (read_file does both).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/status.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/curve/pairing.hpp"

namespace zkfl::plonk {

class Srs {
 public:
  // Fr has 2-adicity 28: larger domains do not exist, so neither do larger SRSs.
  static constexpr uint32_t kMaxLogSize = 28;
  static constexpr uint8_t kFormatVersion = 1;
  static constexpr std::string_view kMagic = "ZKFLSRS";
  static constexpr size_t kMaxProvenanceBytes = 4096;

  enum class Origin : uint8_t {
    kInsecureDevelopment = 1,  // one party drew τ: it can forge proofs
    kPtauImport = 2,           // a snarkjs / Hermez powers-of-tau file
    kCeremony = 3,             // zkfl's own multi-party ceremony (ceremony.hpp)
  };
  // "insecure-development", "ptau-import" or "ceremony".
  static std::string_view origin_name(Origin origin);

  // An SRS from its parts; asserts 1 ≤ k ≤ kMaxLogSize and g1_powers.size() = 2^k.
  // No consistency check: call verify() on parts that come from outside. A
  // provenance longer than kMaxProvenanceBytes is cut to that length.
  Srs(uint32_t k, std::vector<G1Affine> g1_powers, const G2Affine& tau_g2, Origin origin,
      std::string provenance);

  // INSECURE, for development and tests only: draws τ from `rng`, so whoever
  // knows the rng's output knows τ and can forge any proof under this SRS.
  // The result's origin is Origin::kInsecureDevelopment. Asserts 1 ≤ k ≤ kMaxLogSize.
  static Srs insecure_development(uint32_t k, Rng& rng, ThreadPool& pool);

  uint32_t k() const { return k_; }
  size_t size() const { return g1_powers_.size(); }
  // [τ^i]₁ for i < size().
  std::span<const G1Affine> g1_powers() const { return g1_powers_; }
  const G2Affine& g2() const { return g2_; }
  const G2Affine& tau_g2() const { return tau_g2_; }
  // The two G2 points with their Miller-loop lines precomputed, for verifiers.
  const G2Prepared& g2_prepared() const { return g2_prepared_; }
  const G2Prepared& tau_g2_prepared() const { return tau_g2_prepared_; }
  Origin origin() const { return origin_; }
  const std::string& provenance() const { return provenance_; }

  // The first 2^k powers (same τ, origin and provenance); an error when k is
  // larger than this SRS's or is 0.
  Result<Srs> trim(uint32_t k) const;

  // Checks that the points are the powers of one non-zero τ: [τ^0]₁ = G1,
  // [τ]₂ ≠ O, and, with random ρ from `rng`, the batched pairing equation
  //   e(Σ_{i<n−1} ρ^i·[τ^{i+1}]₁, [1]₂) = e(Σ_{i<n−1} ρ^i·[τ^i]₁, [τ]₂)
  // (two MSMs and a two-pair pairing product). If some P_{i+1} ≠ τ·P_i, the
  // two sides differ except for at most n − 2 values of ρ, so a bad SRS passes
  // with probability below n/r < 2^-225. Errors say what failed.
  Status verify(Rng& rng, ThreadPool& pool) const;

  // The version-1 encoding described at the top of this file.
  std::vector<uint8_t> to_bytes() const;
  // Strict decoding of that encoding (point checks spread over `pool`); does
  // NOT check the powers' consistency (see verify).
  static Result<Srs> from_bytes(std::span<const uint8_t> bytes, ThreadPool& pool);

  // Reads, decodes and verifies an SRS file; an error says which step failed.
  static Result<Srs> read_file(const std::filesystem::path& path, Rng& rng, ThreadPool& pool);
  // Writes the encoding through a temporary file renamed into place.
  Status write_file(const std::filesystem::path& path) const;

 private:
  uint32_t k_;
  std::vector<G1Affine> g1_powers_;
  G2Affine g2_;
  G2Affine tau_g2_;
  G2Prepared g2_prepared_;
  G2Prepared tau_g2_prepared_;
  Origin origin_;
  std::string provenance_;
};

}  // namespace zkfl::plonk
