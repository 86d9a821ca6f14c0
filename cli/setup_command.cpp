#include "cli/setup_command.hpp"

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "plonk/base/hex.hpp"
#include "plonk/base/random.hpp"
#include "plonk/kzg/ceremony.hpp"
#include "plonk/kzg/file_io.hpp"
#include "plonk/kzg/ptau_import.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::cli {

namespace {

using plonk::CeremonyState;
using plonk::SecureRng;
using plonk::Srs;

struct SetupOptions {
  std::string ptau;
  std::string in;
  std::string out;
  std::string from;
  std::string name;
  uint32_t k = 0;
};

void print_srs(const Srs& srs) {
  std::cout << "k:          " << srs.k() << " (" << srs.size() << " powers)\n"
            << "origin:     " << Srs::origin_name(srs.origin()) << "\n"
            << "provenance: " << srs.provenance() << "\n";
}

void print_ceremony(const CeremonyState& state) {
  std::cout << "k:          " << state.current.k() << " (" << state.current.size() << " powers)\n"
            << "start:      " << state.start_provenance << "\n"
            << "contributions: " << state.contributions.size() << "\n";
  plonk::Sha256::Digest hash = plonk::ceremony_start_hash(state);
  for (size_t j = 0; j < state.contributions.size(); ++j) {
    hash = plonk::contribution_hash(hash, state.contributions[j]);
    std::cout << "  " << j + 1 << ". \"" << state.contributions[j].name << "\"  " << plonk::to_hex(hash) << "\n";
  }
  std::cout << "ceremony hash: " << plonk::to_hex(hash) << "\n";
}

void warn_insecure() {
  std::cerr << "WARNING: this is an INSECURE development SRS. Its secret tau came from this machine's\n"
               "random generator in a single process, so whoever ran it could know tau and forge proofs.\n"
               "Use it only for development and tests; for real use import a .ptau file or run a\n"
               "ceremony (zkfl setup new / contribute / finish).\n";
}

void run_import(const SetupOptions& o, CliContext& ctx) {
  auto pool = ctx.make_pool();
  SecureRng rng;
  auto srs = plonk::import_ptau_file(o.ptau, o.k, rng, pool);
  if (!srs) return ctx.fail(srs.error());
  if (auto s = srs->write_file(o.out); !s) return ctx.fail(s.message());
  std::cout << "imported and verified " << srs->size() << " powers into " << o.out << "\n";
  print_srs(*srs);
}

void run_dev(const SetupOptions& o, CliContext& ctx) {
  warn_insecure();
  auto pool = ctx.make_pool();
  SecureRng rng;
  const Srs srs = Srs::insecure_development(o.k, rng, pool);
  if (auto s = srs.write_file(o.out); !s) return ctx.fail(s.message());
  std::cout << "wrote an INSECURE development SRS of " << srs.size() << " powers to " << o.out << "\n";
  print_srs(srs);
}

void run_new(const SetupOptions& o, CliContext& ctx) {
  auto pool = ctx.make_pool();
  SecureRng rng;
  std::unique_ptr<CeremonyState> state;
  if (o.from.empty()) {
    if (o.k == 0) return ctx.fail("setup new needs --k (or --from an existing SRS)");
    state = std::make_unique<CeremonyState>(plonk::start_ceremony(o.k));
  } else {
    auto srs = Srs::read_file(o.from, rng, pool);
    if (!srs) return ctx.fail(srs.error());
    if (o.k != 0 && o.k != srs->k()) {
      auto trimmed = srs->trim(o.k);
      if (!trimmed) return ctx.fail(trimmed.error());
      state = std::make_unique<CeremonyState>(plonk::start_ceremony_from(*trimmed));
    } else {
      state = std::make_unique<CeremonyState>(plonk::start_ceremony_from(*srs));
    }
  }
  if (auto s = plonk::write_ceremony_file(o.out, *state); !s) return ctx.fail(s.message());
  std::cout << "started a ceremony of " << state->current.size() << " powers in " << o.out << "\n"
            << "next: each participant runs `zkfl setup contribute IN OUT` on the latest state;\n"
            << "the result is secure if at least one of them is honest.\n";
  print_ceremony(*state);
}

void run_contribute(const SetupOptions& o, CliContext& ctx) {
  auto pool = ctx.make_pool();
  SecureRng rng;
  auto state = plonk::read_ceremony_file(o.in, rng, pool);
  if (!state) return ctx.fail(state.error());
  auto hash = plonk::contribute(*state, o.name, rng, pool);
  if (!hash) return ctx.fail(hash.error());
  if (auto s = plonk::write_ceremony_file(o.out, *state); !s) return ctx.fail(s.message());
  std::cout << "added contribution " << state->contributions.size() << " (\"" << o.name << "\") to " << o.out
            << "\ncontribution hash: " << plonk::to_hex(*hash)
            << "\nPublish this hash: anyone can check with `zkfl setup verify` that it is in the ceremony.\n";
}

void run_finish(const SetupOptions& o, CliContext& ctx) {
  auto pool = ctx.make_pool();
  SecureRng rng;
  auto state = plonk::read_ceremony_file(o.in, rng, pool);
  if (!state) return ctx.fail(state.error());
  auto srs = plonk::finish_ceremony(*state, rng, pool);
  if (!srs) return ctx.fail(srs.error());
  if (auto s = srs->write_file(o.out); !s) return ctx.fail(s.message());
  std::cout << "wrote the ceremony's SRS to " << o.out << "\n";
  print_srs(*srs);
}

void run_trim(const SetupOptions& o, CliContext& ctx) {
  auto pool = ctx.make_pool();
  SecureRng rng;
  auto srs = Srs::read_file(o.in, rng, pool);
  if (!srs) return ctx.fail(srs.error());
  auto trimmed = srs->trim(o.k);
  if (!trimmed) return ctx.fail(o.in + ": " + trimmed.error());
  if (auto s = trimmed->write_file(o.out); !s) return ctx.fail(s.message());
  std::cout << "wrote the first " << trimmed->size() << " powers to " << o.out << "\n";
  print_srs(*trimmed);
}

void run_verify(const SetupOptions& o, CliContext& ctx) {
  auto pool = ctx.make_pool();
  SecureRng rng;
  auto bytes = plonk::read_file_bytes(o.in);
  if (!bytes) return ctx.fail(bytes.error());
  const auto starts_with = [&](std::string_view magic) {
    return bytes->size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes->begin());
  };
  if (starts_with(plonk::kCeremonyMagic)) {
    auto state = plonk::decode_ceremony(*bytes, pool);
    if (!state) return ctx.fail(o.in + ": " + state.error());
    if (auto s = plonk::verify_ceremony(*state, rng, pool); !s) return ctx.fail(o.in + ": " + s.message());
    std::cout << o.in << ": valid ceremony state\n";
    print_ceremony(*state);
    return;
  }
  if (!starts_with(Srs::kMagic)) {
    return ctx.fail(o.in + ": neither a zkfl SRS file nor a ceremony state (for a .ptau file use `zkfl setup import`)");
  }
  auto srs = Srs::from_bytes(*bytes, pool);
  if (!srs) return ctx.fail(o.in + ": " + srs.error());
  if (auto s = srs->verify(rng, pool); !s) return ctx.fail(o.in + ": " + s.message());
  std::cout << o.in << ": valid SRS\n";
  print_srs(*srs);
  if (srs->origin() == Srs::Origin::kInsecureDevelopment) warn_insecure();
}

CLI::Option* add_k(CLI::App* cmd, SetupOptions& o, bool required) {
  auto* opt = cmd->add_option("--k", o.k, "log2 of the number of powers (1 to 28)")->check(CLI::Range(1, 28));
  if (required) opt->required();
  return opt;
}

}  // namespace

void add_setup_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<SetupOptions>();
  SetupOptions& o = *options;
  CLI::App* setup = app.add_subcommand("setup", "the structured reference string (SRS) for KZG commitments");
  setup->require_subcommand(1);

  CLI::App* import = setup->add_subcommand("import", "take the first 2^k powers of a snarkjs/Hermez .ptau file");
  import->add_option("--ptau", o.ptau, "the .ptau file")->required()->check(CLI::ExistingFile);
  add_k(import, o, true);
  import->add_option("--out", o.out, "the SRS file to write")->required();
  import->callback([options, &context] { run_import(*options, context); });

  CLI::App* dev = setup->add_subcommand("dev", "write an INSECURE single-party SRS, for development and tests only");
  add_k(dev, o, true);
  dev->add_option("--out", o.out, "the SRS file to write")->required();
  dev->callback([options, &context] { run_dev(*options, context); });

  CLI::App* start = setup->add_subcommand("new", "start a multi-party powers-of-tau ceremony");
  add_k(start, o, false);
  start->add_option("--from", o.from, "continue from this SRS (e.g. an imported .ptau) instead of tau = 1")
      ->check(CLI::ExistingFile);
  start->add_option("--out", o.out, "the ceremony state file to write")->required();
  start->callback([options, &context] { run_new(*options, context); });

  CLI::App* contribute = setup->add_subcommand("contribute", "add a contribution (fresh secret randomness) to a ceremony");
  contribute->add_option("IN", o.in, "the current ceremony state")->required()->check(CLI::ExistingFile);
  contribute->add_option("OUT", o.out, "where to write the new state")->required();
  contribute->add_option("--name", o.name, "a public name for this contribution (at most 256 bytes)");
  contribute->callback([options, &context] { run_contribute(*options, context); });

  CLI::App* finish = setup->add_subcommand("finish", "verify a ceremony and write its result as an SRS");
  finish->add_option("IN", o.in, "the final ceremony state")->required()->check(CLI::ExistingFile);
  finish->add_option("--out", o.out, "the SRS file to write")->required();
  finish->callback([options, &context] { run_finish(*options, context); });

  CLI::App* trim = setup->add_subcommand("trim", "keep the first 2^k powers of an SRS");
  trim->add_option("IN", o.in, "the SRS file")->required()->check(CLI::ExistingFile);
  add_k(trim, o, true);
  trim->add_option("--out", o.out, "the SRS file to write")->required();
  trim->callback([options, &context] { run_trim(*options, context); });

  CLI::App* verify = setup->add_subcommand("verify", "check an SRS file or a ceremony state file");
  verify->add_option("FILE", o.in, "the file to check")->required()->check(CLI::ExistingFile);
  verify->callback([options, &context] { run_verify(*options, context); });
}

}  // namespace zkfl::cli
