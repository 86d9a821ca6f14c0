// Verifying many registered step proofs at once, as the coordinator does at
// the end of a round: each proof and its dataset link are reduced to pairing
// accumulators, all of them are checked with one random linear combination,
// and a failing batch is bisected to find the culprits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "training/step_prover.hpp"

namespace zkfl::training {

// One submission to check. The key, spec and record are the submitter's (keys
// differ with the dataset size); all keys must come from one SRS.
struct StepClaim {
  const plonk::VerifyingKey* vk = nullptr;
  const StepSpec* spec = nullptr;
  const RegistrationRecord* record = nullptr;
  StepPublic pub;
  std::vector<uint8_t> proof;
  std::vector<uint8_t> link;
};

// The reasons of a well-formed claim that fails.
inline constexpr std::string_view kStepRejected =
    "the training-step proof does not verify (not an honest step of the announced model on the assigned batch)";
inline constexpr std::string_view kLinkRejected =
    "the dataset link does not verify (the data differs from the registered dataset)";

struct StepVerdict {
  bool accepted = false;
  std::string reason;  // why not: "malformed: …", kStepRejected or kLinkRejected
};

// A verdict per claim, in order. Malformed claims are rejected with their
// reason without spoiling the batch; valid claims cost one shared pairing check.
std::vector<StepVerdict> verify_step_claims(std::span<const StepClaim> claims, plonk::Rng& rng,
                                            plonk::ThreadPool& pool);

}  // namespace zkfl::training
