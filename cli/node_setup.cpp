#include "cli/node_setup.hpp"

namespace zkfl::cli {

plonk::Result<RunData> load_run_data(const federation::FederationConfig& config) {
  auto plan = federation::plan_federation_data(config);
  if (!plan) return plan.status();
  std::vector<int64_t> training_rows;
  for (const auto& p : plan->participants) training_rows.insert(training_rows.end(), p.rows.begin(), p.rows.end());
  auto scaler = training::Standardizer::fit(plan->data, training_rows);
  if (!scaler) return scaler.status();
  auto standardized = scaler->apply(plan->data);
  if (!standardized) return standardized.status();
  RunData d{std::move(*plan), std::move(*scaler), training::quantize_dataset(*standardized), {}};
  d.test = training::select_rows(d.all, d.plan.split.test);
  return d;
}

plonk::Result<protocol::PublicIdentity> public_identity(const std::optional<std::filesystem::path>& path,
                                                        const std::string& what) {
  if (!path) return plonk::Status::error(what + ": the config names no curve_public_key file (make one with zkfl keygen)");
  return protocol::read_public_identity(*path);
}

}  // namespace zkfl::cli
