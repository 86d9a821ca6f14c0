#include "cli/bench_command.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/node_setup.hpp"
#include "plonk/base/random.hpp"
#include "training/batch_sampler.hpp"
#include "training/step_batch_verifier.hpp"

namespace zkfl::cli {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct BenchOptions {
  std::string config;
  size_t repetitions = 3;
};

void run_bench(const BenchOptions& o, CliContext& ctx) {
  auto config = federation::load_federation_config(o.config);
  if (!config) return ctx.fail(config.error());
  auto data = load_run_data(*config);
  if (!data) return ctx.fail(data.error());
  const auto& member = data->plan.participants.front();
  const training::StepSpec& spec = member.spec;
  plonk::ThreadPool pool = ctx.make_pool();
  plonk::SecureRng rng;
  std::cout << "zkfl bench: " << spec.shape.name() << ", B = " << spec.hyper.batch_size << ", E = "
            << spec.hyper.local_steps << ", N = " << spec.dataset_rows << ", 2^" << spec.k() << " rows, "
            << pool.size() << " threads (development SRS)\n" << std::flush;

  auto t = Clock::now();
  const plonk::Srs srs = plonk::Srs::insecure_development(spec.k(), rng, pool);
  auto pk = training::generate_step_key(srs, spec, pool);
  if (!pk) return ctx.fail(pk.error());
  const double keygen = since(t);
  const training::QuantizedDataset rows = training::select_rows(data->all, member.rows);
  auto registration = training::register_dataset(
      srs, spec.data_layout(), spec.k(), training::DatasetView{rows.x, rows.labels},
      training::DatasetSchema{data->plan.data.feature_names, config->data.classes, training::kFractionBits}, rng, pool);
  if (!registration) return ctx.fail(registration.error());

  const training::QuantizedModel model = training::QuantizedModel::glorot(spec.shape, config->run.seed);
  std::vector<training::StepClaim> claims;
  double prove_total = 0;
  size_t proof_bytes = 0;
  for (size_t i = 0; i < std::max<size_t>(1, o.repetitions); ++i) {
    std::array<uint8_t, 32> seed{};
    rng.fill(seed);
    auto indices = training::sample_batch_indices(seed, 0, spec.dataset_rows, spec.hyper.batch_size,
                                                  spec.hyper.local_steps);
    if (!indices) return ctx.fail(indices.error());
    t = Clock::now();
    auto proved = training::prove_registered_step(*pk, srs, spec, {model, rows.x, rows.labels, *indices, {}},
                                                  *registration, i + 1, 0, rng, pool);
    if (!proved) return ctx.fail(proved.error());
    prove_total += since(t);
    proof_bytes = proved->proof.size() + proved->link.size();
    claims.push_back({&pk->vk(), &spec, &registration->record,
                      training::StepPublic{i + 1, 0, model, proved->w_out, *indices}, proved->proof, proved->link});
  }
  t = Clock::now();
  for (const auto& c : claims) {
    auto ok = training::verify_registered_step(*c.vk, spec, c.pub, *c.record, c.proof, c.link, rng, pool);
    if (!ok || !*ok) return ctx.fail("a proof did not verify");
  }
  const double verify_one = since(t) / static_cast<double>(claims.size());
  std::vector<training::StepClaim> batch;
  while (batch.size() < 32) batch.push_back(claims[batch.size() % claims.size()]);
  t = Clock::now();
  for (const auto& v : training::verify_step_claims(batch, rng, pool)) {
    if (!v.accepted) return ctx.fail("a batched proof did not verify");
  }
  const double batched = since(t);

  std::cout << std::fixed << std::setprecision(3) << "  keygen (with SRS)      " << keygen << " s\n"
            << "  prove (with link)      " << prove_total / static_cast<double>(claims.size()) << " s\n"
            << "  verify one             " << 1000 * verify_one << " ms\n"
            << "  verify 32 batched      " << 1000 * batched << " ms (" << std::setprecision(0) << 32 / batched
            << " proofs/s)\n"
            << "  proof + link           " << proof_bytes << " bytes\n";
}

}  // namespace

void add_bench_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench", "measure keygen, proving, verification (one and batched) and proof size for a federation's model");
  cmd->add_option("config", options->config, "the federation config (TOML)")->required();
  cmd->add_option("--repetitions", options->repetitions, "proofs to make (default 3)");
  cmd->callback([options, &context] { run_bench(*options, context); });
}

}  // namespace zkfl::cli
