#include "federation/cheat.hpp"

namespace zkfl::federation {
namespace {

struct CheatName {
  Cheat cheat;
  std::string_view name;
};

constexpr std::array<CheatName, 10> kNames = {{
    {Cheat::kGradient, "gradient"},
    {Cheat::kLearningRate, "learning_rate"},
    {Cheat::kSkipStep, "skip_step"},
    {Cheat::kScaledUpdate, "scaled_update"},
    {Cheat::kForeignRow, "foreign_row"},
    {Cheat::kOtherIndices, "other_indices"},
    {Cheat::kFlippedLabel, "flipped_label"},
    {Cheat::kStaleModel, "stale_model"},
    {Cheat::kChangedData, "changed_data"},
    {Cheat::kRotate, "rotate"},
}};

}  // namespace

std::string_view cheat_name(Cheat cheat) {
  for (const auto& entry : kNames) {
    if (entry.cheat == cheat) return entry.name;
  }
  return "none";
}

std::optional<Cheat> parse_cheat(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name == name) return entry.cheat;
  }
  return std::nullopt;
}

std::string_view cheat_names_list() {
  return "gradient, learning_rate, skip_step, scaled_update, foreign_row, other_indices, flipped_label, "
         "stale_model, changed_data, rotate";
}

Cheat cheat_in_round(Cheat cheat, uint64_t round) {
  if (cheat != Cheat::kRotate) return cheat;
  return kRotation[round % kRotation.size()];
}

std::optional<training::StepTamper> step_tamper(Cheat cheat) {
  using training::StepTamper;
  switch (cheat) {
    case Cheat::kGradient: return StepTamper::kGradientEntry;
    case Cheat::kLearningRate: return StepTamper::kLearningRate;
    case Cheat::kSkipStep: return StepTamper::kSkipLastStep;
    case Cheat::kScaledUpdate: return StepTamper::kScaledUpdate;
    case Cheat::kForeignRow: return StepTamper::kForeignBatchRow;
    case Cheat::kOtherIndices: return StepTamper::kOtherIndices;
    case Cheat::kFlippedLabel: return StepTamper::kFlippedLabel;
    case Cheat::kNone:
    case Cheat::kStaleModel:
    case Cheat::kChangedData:
    case Cheat::kRotate: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace zkfl::federation
