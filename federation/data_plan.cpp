#include "federation/data_plan.hpp"

#include <algorithm>
#include <sstream>

namespace zkfl::federation {
namespace {

std::string participant_label(const FederationConfig& config, size_t p) {
  return "participants[" + std::to_string(p) + "] (\"" + config.participants[p].name + "\")";
}

std::string partition_hint(const FederationConfig& config) {
  if (config.data.partition == PartitionKind::kDirichlet) {
    std::ostringstream alpha;
    alpha << config.data.alpha;
    return "lower training.batch_size, raise data.alpha (now " + alpha.str() +
           ") for a more even split, or use fewer participants";
  }
  return "lower training.batch_size or use fewer participants";
}

}  // namespace

Result<std::vector<training::StepSpec>> derive_step_specs(const FederationConfig& config, int64_t features,
                                                          std::span<const int64_t> dataset_rows) {
  const std::string file = config.source.string() + ": ";
  if (config.model.inputs != 0 && config.model.inputs != features) {
    return Status::error(file + "model.inputs = " + std::to_string(config.model.inputs) + ", but " +
                         config.data.csv.string() + " has " + std::to_string(features) + " features");
  }
  if (dataset_rows.size() != config.participants.size()) {
    return Status::error(file + "the partition has " + std::to_string(dataset_rows.size()) + " parts for " +
                         std::to_string(config.participants.size()) + " participants");
  }
  const training::ModelShape shape = config.model.shape(features);
  if (Status s = shape.validate(); !s.is_ok()) {
    return Status::error(file + "model " + shape.name() + " for " + config.data.csv.string() + ": " + s.message());
  }
  std::vector<training::StepSpec> specs;
  for (size_t p = 0; p < dataset_rows.size(); ++p) {
    training::StepSpec spec{shape, config.training.hyper, dataset_rows[p], config.training.data_columns};
    if (spec.dataset_rows < spec.hyper.batch_size) {
      return Status::error(file + participant_label(config, p) + " holds " + std::to_string(spec.dataset_rows) +
                           " training rows, fewer than training.batch_size = " +
                           std::to_string(spec.hyper.batch_size) + "; " + partition_hint(config));
    }
    if (Status s = spec.validate(); !s.is_ok()) {
      return Status::error(file + participant_label(config, p) + ": " + s.message());
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

Result<DataPlan> plan_federation_data(const FederationConfig& config) {
  DataPlan plan;
  auto data = training::load_csv(config.data.csv.string(), training::CsvSchema{.num_classes = config.data.classes});
  if (!data) return Status::error(config.source.string() + ": data.csv: " + data.error());
  plan.data = std::move(*data);

  auto split = training::train_test_split(plan.data.rows, config.run.seed, config.data.test_fraction);
  if (!split) return Status::error(config.source.string() + ": data.test_fraction: " + split.error());
  plan.split = std::move(*split);

  const auto& train = plan.split.train;
  const auto participants = static_cast<int64_t>(config.participants.size());
  Result<training::Partition> partition = Status::error("no partition");
  if (config.data.partition == PartitionKind::kIid) {
    partition = training::partition_iid(static_cast<int64_t>(train.size()), participants, config.run.seed);
  } else {
    std::vector<int64_t> labels;
    labels.reserve(train.size());
    for (int64_t row : train) labels.push_back(plan.data.labels[static_cast<size_t>(row)]);
    partition = training::partition_dirichlet(labels, config.data.classes, participants, config.data.alpha,
                                              config.run.seed);
  }
  if (!partition) {
    return Status::error(config.source.string() + ": cannot partition the " + std::to_string(train.size()) +
                         " training rows of " + config.data.csv.string() + " among " + std::to_string(participants) +
                         " participants: " + partition.error());
  }

  // The partition indexes the training rows; map it back to rows of the file.
  std::vector<int64_t> sizes;
  for (const auto& part : *partition) {
    ParticipantData pd;
    pd.rows.reserve(part.size());
    for (int64_t i : part) pd.rows.push_back(train[static_cast<size_t>(i)]);
    std::sort(pd.rows.begin(), pd.rows.end());
    sizes.push_back(static_cast<int64_t>(pd.rows.size()));
    plan.participants.push_back(std::move(pd));
  }
  auto specs = derive_step_specs(config, plan.data.features, sizes);
  if (!specs) return specs.status();
  for (size_t p = 0; p < specs->size(); ++p) plan.participants[p].spec = std::move((*specs)[p]);
  plan.shape = config.model.shape(plan.data.features);
  return plan;
}

}  // namespace zkfl::federation
