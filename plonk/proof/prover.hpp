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
// `manifest`, when given, receives the transcript's operations (for tests).
Result<Proof> create_proof(const ProvingKey& pk, const Srs& srs, Circuit& circuit, const Instance& instance,
                           Rng& rng, ThreadPool& pool, std::vector<std::string>* manifest = nullptr);

}  // namespace zkfl::plonk
