// KZG polynomial commitments (Kate, Zaverucha, Goldberg, Asiacrypt 2010, §3.2)
// over BN254: [p] = [p(τ)]₁ = Σ c_i·[τ^i]₁, and an opening of p at z to
// y = p(z) is W = [q(τ)]₁ with q(X) = (p(X) − y)/(X − z), accepted when
// e(W, [τ]₂ − z·[1]₂) = e([p] − y·G1, [1]₂).
//
// This header is the entry point: it brings in the Lagrange-basis commitment
// (lagrange.hpp), the GWC multi-point opening PLONK uses (multi_open.hpp) and
// the deferred pairing checks (pairing_accumulator.hpp).
#pragma once

#include <span>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/kzg/lagrange.hpp"
#include "plonk/kzg/multi_open.hpp"
#include "plonk/kzg/pairing_accumulator.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

// [p(τ)]₁ for p = Σ coeffs[i]·X^i (one MSM). Asserts (aborts with a message,
// in every build) when there are more coefficients than the SRS has powers.
G1 commit(const Srs& srs, std::span<const Fr> coeffs, ThreadPool& pool);

// A single-point opening: the value and the witness W = [(p − p(z))/(X − z)]₁.
struct KzgOpening {
  Fr value;
  G1Affine witness;
};

// Opens p at z; asserts as commit() does.
KzgOpening open(const Srs& srs, std::span<const Fr> coeffs, const Fr& z, ThreadPool& pool);

// Whether `witness` proves that the polynomial committed in `commitment` takes
// `value` at `z`: e(W, [τ]₂)·e(−(C − y·G1 + z·W), [1]₂) = 1. Points must be in G1
// (decoded or computed).
bool verify_opening(const Srs& srs, const G1Affine& commitment, const Fr& z, const Fr& value,
                    const G1Affine& witness);

}  // namespace zkfl::plonk
