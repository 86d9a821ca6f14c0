// The batched multi-point KZG opening of PLONK (Gabizon, Williamson,
// Ciobotaru, "PLONK", ePrint 2019/953, §3.1), as docs/PROOF_SYSTEM.md §Opening
// specifies it, with many polynomials per point and many points.
//
// Queries are grouped by point in first-seen order: group j has point z_j and
// polynomials p_{j,0}, p_{j,1}, … (in query order) with claimed values y_{j,k}.
// Transcript, after everything the caller absorbed:
//   challenge "v";  absorb "opening_w" W_0, W_1, …;  challenge "u"
// with F_j = Σ_k v^k·p_{j,k} (the powers of v restart at v^0 in each group),
// W_j = [(F_j(X) − F_j(z_j))/(X − z_j)]₁, and the verifier accepts when
//   e(Σ_j u^j·W_j, [τ]₂) = e(Σ_j u^j·(z_j·W_j + [F_j] − F_j(z_j)·G1), [1]₂).
// Soundness: a false value in group j leaves a non-zero remainder in F_j
// except with probability (#queries)/r over v, and the groups cannot cancel
// except with probability (#points)/r over u (GWC19 §3.1; KZG10 under q-SDH).
#pragma once

#include <span>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/kzg/pairing_accumulator.hpp"
#include "plonk/kzg/srs.hpp"
#include "plonk/transcript/transcript.hpp"

namespace zkfl::plonk {

// A prover's query: the polynomial (coefficients, not owned), the point, and
// the value claimed at it. A wrong value is not detected here; it makes a
// proof that the verifier rejects.
struct ProverQuery {
  std::span<const Fr> poly;
  Fr point;
  Fr eval;
};

// One term of a commitment that the verifier knows only as a linear
// combination, e.g. [h] = Σ x^{in}·[h_i]: scalar·point.
struct CommitmentTerm {
  Fr scalar;
  G1Affine point;
};

// A verifier's query: the commitment as Σ scalar·point over its terms, the
// point, and the claimed value.
struct VerifierQuery {
  std::vector<CommitmentTerm> commitment;
  Fr point;
  Fr eval;
};

// The distinct points of `queries` in first-seen order: W_j's order.
std::vector<Fr> distinct_points(std::span<const ProverQuery> queries);
std::vector<Fr> distinct_points(std::span<const VerifierQuery> queries);

// Prover: draws v, computes one W_j per distinct point, absorbs them as
// "opening_w", draws u, and returns the W_j (the proof's opening part, to be
// written in this order). Asserts as commit() does when a polynomial has more
// coefficients than the SRS has powers.
std::vector<G1Affine> open_multi(const Srs& srs, std::span<const ProverQuery> queries, Transcript& transcript,
                                 ThreadPool& pool);

// Verifier: given the W_j read from the proof (one per distinct point, in
// first-seen order), draws the same challenges and reduces all queries to one
// pairing check, returned as an accumulator (check() / check_batch()); the
// right-hand side is one MSM over every term, W_j and G1. An error when the
// number of W_j does not match the number of distinct points. The W_j must
// be points of G1 (decoded with point_encoding.hpp).
Result<PairingAccumulator> verify_multi(std::span<const VerifierQuery> queries, std::span<const G1Affine> w,
                                        Transcript& transcript, ThreadPool& pool);

}  // namespace zkfl::plonk
