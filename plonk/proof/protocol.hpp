// Steps that the prover and the verifier share verbatim: the transcript's
// opening, the check of the public inputs' shape, and rotated points.
#pragma once

#include <string_view>
#include <vector>

#include "plonk/poly/domain.hpp"
#include "plonk/proof/verifying_key.hpp"
#include "plonk/transcript/transcript.hpp"

namespace zkfl::plonk {

inline constexpr std::string_view kPlonkTranscriptDomain = "zkfl-plonk-v1";

// Public inputs: one vector per instance column, each at most usable_rows long.
using Instance = std::vector<std::vector<Fr>>;

// Ok when `instance` has one column per instance column of `vk` and fits its usable rows.
Status check_instance_shape(const VerifyingKey& vk, const Instance& instance);

// A transcript that has absorbed the key's digest and the public inputs.
Transcript begin_transcript(const VerifyingKey& vk, const Instance& instance);

// x·ω^rotation (rotation may be negative or exceed n).
Fr rotate_point(const EvaluationDomain& domain, const Fr& x, int64_t rotation);

}  // namespace zkfl::plonk
