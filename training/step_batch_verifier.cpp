#include "training/step_batch_verifier.hpp"

#include <array>
#include <optional>

#include "plonk/kzg/pairing_accumulator.hpp"
#include "plonk/proof/verifier.hpp"
#include "training/dataset_link.hpp"

namespace zkfl::training {

namespace {

// A claim's two accumulators (proof and link), or the reason it is malformed.
Result<std::array<plonk::PairingAccumulator, 2>> accumulate(const StepClaim& c, plonk::ThreadPool& pool) {
  if (c.vk == nullptr || c.spec == nullptr || c.record == nullptr) return Status::error("incomplete claim");
  if (!(c.record->layout == c.spec->data_layout()) || c.record->k != c.vk->k()) {
    return Status::error("the dataset registration does not match the step specification");
  }
  auto instance = step_instance(*c.spec, c.pub);
  if (!instance) return instance.status();
  auto proof = plonk::Proof::decode(c.proof, *c.vk);
  if (!proof) return proof.status();
  auto link = LinkProof::decode(c.link);
  if (!link) return link.status();
  auto proof_acc = plonk::verify_to_accumulator(*c.vk, *instance, *proof, pool);
  if (!proof_acc) return proof_acc.status();
  const auto columns = c.spec->data_column_indices();
  const DatasetLinkStatement statement{*c.vk, *proof, columns, *c.record};
  auto link_acc = verify_dataset_link_to_accumulator(statement, *link, pool);
  if (!link_acc) return link_acc.status();
  return std::array<plonk::PairingAccumulator, 2>{*proof_acc, *link_acc};
}

// Marks the claims in `ids` rejected unless their accumulators pass, bisecting on failure.
void bisect(const std::vector<size_t>& ids, const std::vector<std::array<plonk::PairingAccumulator, 2>>& accs,
            const plonk::VerifyingKey& g2_source, std::vector<StepVerdict>& verdicts, plonk::Rng& rng,
            plonk::ThreadPool& pool) {
  if (ids.empty()) return;
  std::vector<plonk::PairingAccumulator> batch;
  for (size_t id : ids) batch.insert(batch.end(), accs[id].begin(), accs[id].end());
  if (plonk::check_batch(batch, g2_source.g2_prepared(), g2_source.tau_g2_prepared(), rng, pool)) {
    for (size_t id : ids) verdicts[id] = StepVerdict{true, ""};
    return;
  }
  if (ids.size() == 1) {
    // Name the part that fails: the training step itself or the link to the registered data.
    const auto& pair = accs[ids[0]];
    const bool step_ok = plonk::check_batch(std::span<const plonk::PairingAccumulator>(&pair[0], 1),
                                            g2_source.g2_prepared(), g2_source.tau_g2_prepared(), rng, pool);
    verdicts[ids[0]] = StepVerdict{
        false, step_ok ? std::string(kLinkRejected) : std::string(kStepRejected)};
    return;
  }
  const auto mid = ids.begin() + static_cast<std::ptrdiff_t>(ids.size() / 2);
  bisect(std::vector<size_t>(ids.begin(), mid), accs, g2_source, verdicts, rng, pool);
  bisect(std::vector<size_t>(mid, ids.end()), accs, g2_source, verdicts, rng, pool);
}

}  // namespace

std::vector<StepVerdict> verify_step_claims(std::span<const StepClaim> claims, plonk::Rng& rng,
                                            plonk::ThreadPool& pool) {
  std::vector<StepVerdict> verdicts(claims.size());
  std::vector<std::array<plonk::PairingAccumulator, 2>> accs(claims.size());
  std::vector<size_t> well_formed;
  const plonk::VerifyingKey* g2_source = nullptr;
  // Claims are reduced to accumulators in parallel, one claim per task (each
  // task's own MSMs then run serially on its thread); a lone claim keeps the
  // whole pool for its MSMs.
  std::vector<std::optional<Result<std::array<plonk::PairingAccumulator, 2>>>> reduced(claims.size());
  pool.run(claims.size(), [&](size_t i) { reduced[i].emplace(accumulate(claims[i], pool)); });
  for (size_t i = 0; i < claims.size(); ++i) {
    const auto& acc = *reduced[i];
    if (!acc) {
      verdicts[i] = StepVerdict{false, "malformed: " + acc.error()};
      continue;
    }
    // Every key must share the SRS's G2 points for one combined check.
    if (g2_source != nullptr && !(claims[i].vk->tau_g2() == g2_source->tau_g2())) {
      verdicts[i] = StepVerdict{false, "malformed: the key was made from another SRS"};
      continue;
    }
    g2_source = claims[i].vk;
    accs[i] = *acc;
    well_formed.push_back(i);
  }
  if (g2_source != nullptr) bisect(well_formed, accs, *g2_source, verdicts, rng, pool);
  return verdicts;
}

}  // namespace zkfl::training
