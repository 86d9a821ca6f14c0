// A deferred KZG pairing check: a verifier reduces its openings to two G1
// points with the proof valid iff e(lhs, [τ]₂) = e(rhs, [1]₂). Keeping the two
// points instead of pairing at once lets many proofs share one pairing check
// (check_batch).
#pragma once

#include <span>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/pairing.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

struct PairingAccumulator {
  G1 lhs;  // paired with [τ]₂
  G1 rhs;  // paired with [1]₂
};

// e(lhs, [τ]₂) = e(rhs, [1]₂), as one two-pair product with precomputed G2 lines.
bool check(const PairingAccumulator& acc, const Srs& srs);
// The same for a verifier that holds only [1]₂ and [τ]₂ (e.g. in its verifying key).
bool check(const PairingAccumulator& acc, const G2Prepared& g2, const G2Prepared& tau_g2);

// Whether every accumulator holds, with one pairing check: with random
// non-zero weights r_i from `rng`, e(Σ r_i·lhs_i, [τ]₂) = e(Σ r_i·rhs_i, [1]₂).
// If some accumulator is false, this passes with probability at most 1/r over
// the weights (the weights must be drawn after the accumulators are fixed,
// hence the caller's rng). True for an empty span.
bool check_batch(std::span<const PairingAccumulator> accs, const Srs& srs, Rng& rng, ThreadPool& pool);
// The same on the calling thread alone (for a handful of accumulators).
bool check_batch(std::span<const PairingAccumulator> accs, const Srs& srs, Rng& rng);
// The same with [1]₂ and [τ]₂ given directly.
bool check_batch(std::span<const PairingAccumulator> accs, const G2Prepared& g2, const G2Prepared& tau_g2, Rng& rng,
                 ThreadPool& pool);

}  // namespace zkfl::plonk
