// The ways a dishonest participant of a simulated federation departs from the
// honest protocol (configs' `cheat` key), and the schedule of `rotate`, which
// tries a different one every round. Every cheat is one the proofs must catch
// (DESIGN §1): the coordinator rejects the submission and names the reason.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "training/circuit/step_circuit.hpp"

namespace zkfl::federation {

enum class Cheat : uint8_t {
  kNone,           // an honest participant
  kGradient,       // "gradient": one gradient entry altered
  kLearningRate,   // "learning_rate": the update made with another learning rate
  kSkipStep,       // "skip_step": the last local step skipped
  kScaledUpdate,   // "scaled_update": the update boosted (the last step applied twice)
  kForeignRow,     // "foreign_row": a batch row that is not in the registered dataset
  kOtherIndices,   // "other_indices": batch rows other than the ones the round seed assigns
  kFlippedLabel,   // "flipped_label": a batch label flipped
  kStaleModel,     // "stale_model": trained from an older global model than the announced one
  kChangedData,    // "changed_data": trained on data changed after registration
  kRotate,         // "rotate": the concrete cheats in turn, one per round
};

// The concrete cheats in the order `rotate` uses them (every Cheat but kNone and kRotate).
inline constexpr std::array<Cheat, 9> kRotation = {
    Cheat::kGradient,     Cheat::kLearningRate, Cheat::kSkipStep,   Cheat::kScaledUpdate, Cheat::kForeignRow,
    Cheat::kOtherIndices, Cheat::kFlippedLabel, Cheat::kStaleModel, Cheat::kChangedData,
};

// The config name of a cheat ("none" for kNone).
std::string_view cheat_name(Cheat cheat);

// The cheat a config names (any name cheat_name gives except "none");
// nullopt for anything else, including a different case.
std::optional<Cheat> parse_cheat(std::string_view name);

// "gradient, learning_rate, …, rotate": the names a config may use, for error messages.
std::string_view cheat_names_list();

// What a participant configured with `cheat` does in round `round`: kRotate
// gives kRotation[round mod 9] (so it never starts with stale_model, which
// needs an older model); any other cheat is returned unchanged.
Cheat cheat_in_round(Cheat cheat, uint64_t round);

// The step circuit's tamper mode that carries out a concrete cheat inside the
// proof; nullopt for cheats made outside the circuit (stale_model,
// changed_data), for kNone and for kRotate (resolve it with cheat_in_round first).
std::optional<training::StepTamper> step_tamper(Cheat cheat);

}  // namespace zkfl::federation
