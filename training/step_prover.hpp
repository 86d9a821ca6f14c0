// Proving and verifying training steps, and the on-disk cache of step keys
// (keyed by a digest of everything a key depends on).
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "plonk/base/sha256.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/kzg/srs.hpp"
#include "plonk/proof/prover.hpp"
#include "plonk/proof/proving_key.hpp"
#include "training/circuit/step_circuit.hpp"
#include "training/dataset_registration.hpp"
#include "training/link_proof.hpp"

namespace zkfl::training {

// SHA-256 over the spec's canonical encoding (shape, output kind, learning
// rate, B, E, N, P, fraction bits and the circuit version).
plonk::Sha256::Digest step_spec_digest(const StepSpec& spec);

// A proving key for `spec` (keygen runs the circuit without a witness).
// Errors: an invalid spec, an SRS too small for the circuit.
Result<plonk::ProvingKey> generate_step_key(const plonk::Srs& srs, const StepSpec& spec, plonk::ThreadPool& pool);

// The key cached as DIR/step-<digest>.pk, generated and written when absent
// or unreadable; a cached key made for another spec or SRS is regenerated.
Result<plonk::ProvingKey> load_or_generate_step_key(const std::filesystem::path& dir, const plonk::Srs& srs,
                                                    const StepSpec& spec, plonk::ThreadPool& pool);

struct StepProof {
  QuantizedModel w_out;
  std::vector<uint8_t> proof;
  std::vector<uint8_t> link;  // the dataset link (empty from prove_step)
};

// Trains E local steps in the circuit's integer semantics and proves it.
// `witness.w_in` and `witness.indices` are the announced model and batch.
// Errors: values out of the quantization range, a witness that does not
// match the spec, prover failures.
Result<StepProof> prove_step(const plonk::ProvingKey& pk, const plonk::Srs& srs, const StepSpec& spec,
                             StepWitness witness, uint64_t round, uint64_t participant, plonk::Rng& rng,
                             plonk::ThreadPool& pool, plonk::ProverObservers observers = {});

// prove_step, plus the link of the proof's data columns to the participant's
// registered dataset (docs/DATASET_LINK.md): what a participant submits.
// Errors as prove_step, and data that no longer matches the registration.
// `adversarial` (simulated dishonest participants only) proves even when a
// batch row is missing from the table and links data that was changed after
// registration, so that the verifier, not the prover, rejects the cheat.
Result<StepProof> prove_registered_step(const plonk::ProvingKey& pk, const plonk::Srs& srs, const StepSpec& spec,
                                        StepWitness witness, const Registration& registration, uint64_t round,
                                        uint64_t participant, plonk::Rng& rng, plonk::ThreadPool& pool,
                                        bool adversarial = false);

// True when the proof and its link show pub.w_out = SGD^E(pub.w_in, rows
// pub.indices of the dataset registered in `record` (one pairing check,
// weights from `rng`). An error for malformed inputs or a record that does
// not match the spec.
Result<bool> verify_registered_step(const plonk::VerifyingKey& vk, const StepSpec& spec, const StepPublic& pub,
                                    const RegistrationRecord& record, std::span<const uint8_t> proof,
                                    std::span<const uint8_t> link, plonk::Rng& rng, plonk::ThreadPool& pool);

// True when `proof` shows pub.w_out = SGD^E(pub.w_in, rows pub.indices of
// the prover's dataset). An error for malformed public inputs or proof bytes.
Result<bool> verify_step(const plonk::VerifyingKey& vk, const StepSpec& spec, const StepPublic& pub,
                         std::span<const uint8_t> proof, plonk::ThreadPool& pool);

}  // namespace zkfl::training
