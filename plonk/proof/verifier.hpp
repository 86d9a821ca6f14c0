// The PLONK verifier. Verification answers three ways: malformed input (a
// proof of the wrong length, a non-canonical scalar, a point off the curve,
// public inputs of the wrong shape) is an error with a reason; a
// well-formed proof of a false statement is `false`; otherwise `true`.
#pragma once

#include <span>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/kzg/pairing_accumulator.hpp"
#include "plonk/proof/proof.hpp"
#include "plonk/proof/protocol.hpp"

namespace zkfl::plonk {

// Reduces a decoded proof to its pairing check; an error for public inputs
// of the wrong shape. The proof is valid iff holds(vk, accumulator).
// `manifest`, when given, receives the transcript's operations (for tests).
Result<PairingAccumulator> verify_to_accumulator(const VerifyingKey& vk, const Instance& instance, const Proof& proof,
                                                 ThreadPool& pool, std::vector<std::string>* manifest = nullptr);

// e(lhs, [τ]₂) = e(rhs, [1]₂) with the key's G2 points.
bool holds(const VerifyingKey& vk, const PairingAccumulator& acc);

// Decodes and verifies one proof.
Result<bool> verify_proof(const VerifyingKey& vk, const Instance& instance, std::span<const uint8_t> proof_bytes,
                          ThreadPool& pool);

// One proof of a batch: its public inputs and its bytes.
struct ProofToVerify {
  Instance instance;
  std::vector<uint8_t> proof;
};

// Verifies many proofs for one key with a single pairing check (random
// weights from `rng`, drawn after every proof is fixed). An error names the
// first malformed proof; `false` means at least one proof is invalid (call
// verify_proof on each to find which).
Result<bool> verify_batch(const VerifyingKey& vk, std::span<const ProofToVerify> proofs, Rng& rng, ThreadPool& pool);

}  // namespace zkfl::plonk
