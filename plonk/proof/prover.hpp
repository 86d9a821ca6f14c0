// The PLONK prover (docs/PROOF_SYSTEM.md): commits the witness, runs the
// permutation, lookup and vanishing arguments and opens everything at x.
#pragma once

#include "plonk/base/random.hpp"
#include "plonk/proof/proof.hpp"
#include "plonk/proof/protocol.hpp"
#include "plonk/proof/proving_key.hpp"

namespace zkfl::plonk {

// A proof that `circuit` (whose witness the caller has set up) is satisfied
// with public inputs `instance`. Blinding comes from `rng` (use SecureRng).
// Errors: a circuit that does not match the key, public inputs of the wrong
// shape, synthesis failures, a lookup input missing from its table. A
// witness that violates a gate yields a proof the verifier rejects; run the
// MockProver to find out why.
// Where the prover's time went, in seconds (filled when requested).
struct ProverProfile {
  double commitments = 0;  // MSMs of the witness and quotient commitments
  double transforms = 0;   // NTTs between bases
  double quotient = 0;     // constraint evaluation on the extended coset, division, interpolation
  double openings = 0;     // evaluations at x and the multi-open (its MSMs included)
  double total = 0;
};

// Optional outputs of create_proof, for tests and benchmarks.
struct ProverObservers {
  std::vector<std::string>* manifest = nullptr;  // the transcript's operations
  ProverProfile* profile = nullptr;
  // Adversarial provers in tests: build the proof even when a lookup input is
  // missing from its table (the verifier must reject it). Never set in production.
  bool skip_lookup_check = false;
  // Every advice column's values on H exactly as committed (blinding rows
  // included), by advice-column index: what an argument layered on top of the
  // proof (e.g. training/dataset_link) needs to open the same polynomials.
  std::vector<Polynomial<LagrangeEval>>* advice_values = nullptr;
};

Result<Proof> create_proof(const ProvingKey& pk, const Srs& srs, Circuit& circuit, const Instance& instance,
                           Rng& rng, ThreadPool& pool, ProverObservers observers = {});

}  // namespace zkfl::plonk
