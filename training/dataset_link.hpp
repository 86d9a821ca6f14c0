// The round-to-registration link (DESIGN §1, docs/DATASET_LINK.md): a proof
// that the data columns d_j committed in a round's PLONK proof agree with the
// registered polynomials d_j^reg (dataset_registration.hpp) on every table
// row t < T, while each round's columns carry fresh blinding.
//
// With δ_j = d_j − d_j^reg, the prover shows that δ = Σ_j γ^j·δ_j is divisible
// by Z_T(X) = Π_{t<T} (X − ω^t):
//   transcript "zkfl-dataset-link-v1": absorb the verifying key's digest, the
//     SHA-256 of the proof's encoding, the registration record's digest and
//     the data columns' indices; challenge γ
//   prover: s = δ / Z_T (exact), absorb [s]; challenge z; absorb s(z)
//   open δ and s at z with the GWC multi-open (plonk/kzg/multi_open.hpp),
//     [δ] = Σ_j γ^j·([d_j] − C_reg_j) computed by the verifier from the
//     proof's advice commitments and the registration
//   verifier: accept iff the opening holds with δ(z) = Z_T(z)·s(z).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/kzg/pairing_accumulator.hpp"
#include "plonk/kzg/srs.hpp"
#include "plonk/poly/polynomial.hpp"
#include "plonk/proof/proof.hpp"
#include "plonk/proof/protocol.hpp"
#include "plonk/proof/verifying_key.hpp"
#include "training/link_proof.hpp"
#include "training/registration_record.hpp"

namespace zkfl::training {

inline constexpr std::string_view kDatasetLinkDomain = "zkfl-dataset-link-v1";

// Openings of each data column that the link adds to the PLONK proof's: one, at z.
inline constexpr size_t kDatasetLinkOpenings = 1;

// The blinding rows a circuit with data columns must ask for
// (cs.require_blinding_rows) when its data columns are queried at
// `data_column_rotations` distinct rotations (the most over the data
// columns): their commitment, one opening per rotation and the link's
// opening at z must stay below the number of fresh random rows.
constexpr size_t dataset_link_blinding_rows(size_t data_column_rotations) {
  return 1 + data_column_rotations + kDatasetLinkOpenings;
}

// What the link is about. `data_columns[j]` is the advice column holding data
// column j of the table (all phase 0, distinct); `proof` is the round's
// decoded PLONK proof for `vk`; `registration` is the participant's record.
struct DatasetLinkStatement {
  const plonk::VerifyingKey& vk;
  const plonk::Proof& proof;
  std::span<const uint32_t> data_columns;
  const RegistrationRecord& registration;
};

// Proves the link. `advice_values` are every advice column's values on H as
// committed in `statement.proof` (ProverObservers::advice_values), and
// `registered` the registered polynomials (registered_columns). The link has
// no randomness of its own: its zero knowledge comes from the proof's fresh
// blinding rows. Errors: a statement whose parts disagree (see
// verify_dataset_link_to_accumulator), values of the wrong shape, an SRS
// smaller than the domain, or data columns that differ from the registered
// polynomials on a table row (the message names the first such cell).
Result<LinkProof> prove_dataset_link(const plonk::Srs& srs, const DatasetLinkStatement& statement,
                                     std::span<const plonk::Polynomial<plonk::LagrangeEval>> advice_values,
                                     std::span<const plonk::Polynomial<plonk::LagrangeEval>> registered,
                                     plonk::ThreadPool& pool);

// Reduces the link to its pairing check: it holds iff the link is valid
// (plonk::holds(vk, acc), or folded with the proof's own accumulator by
// plonk::check_batch). Errors: data columns that are not P distinct phase-0
// advice columns of the key, a registration for another domain size, a table
// that does not fit the circuit's usable rows, or a proof whose shape does
// not match the key.
Result<plonk::PairingAccumulator> verify_dataset_link_to_accumulator(const DatasetLinkStatement& statement,
                                                                     const LinkProof& link, plonk::ThreadPool& pool);

// The link alone: an error as above, else whether it holds.
Result<bool> verify_dataset_link(const DatasetLinkStatement& statement, const LinkProof& link,
                                 plonk::ThreadPool& pool);

// The round's proof and its link together, with one pairing check (weights
// from `rng`, drawn after both are fixed): true iff the proof is valid for
// `instance` and the link holds. Errors as verify_to_accumulator and
// verify_dataset_link_to_accumulator.
Result<bool> verify_proof_with_dataset_link(const DatasetLinkStatement& statement, const plonk::Instance& instance,
                                            const LinkProof& link, plonk::Rng& rng, plonk::ThreadPool& pool);

}  // namespace zkfl::training
