#include "cli/keygen_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "plonk/base/hex.hpp"
#include "plonk/base/random.hpp"
#include "protocol/identity_file.hpp"

namespace zkfl::cli {

namespace {

struct KeygenOptions {
  std::string out;
  std::string name;
};

void run_keygen(const KeygenOptions& o, CliContext& ctx) {
  plonk::SecureRng rng;
  auto identity = protocol::generate_identity(o.name, rng);
  if (!identity) return ctx.fail(identity.error());
  if (auto s = protocol::write_identity_files(o.out, *identity); !s) return ctx.fail(s.message());
  const std::filesystem::path dir(o.out);
  const protocol::PublicIdentity pub = identity->public_identity();
  std::cout << "wrote " << (dir / (o.name + ".secret")).string() << "  (SECRET, mode 0600: keep it private)\n"
            << "wrote " << (dir / (o.name + ".public")).string() << "  (share it with the coordinator)\n"
            << "ed25519_public: " << plonk::to_hex(pub.identity_key) << "\n"
            << "curve_public:   " << protocol::to_z85(pub.curve_public_key) << "\n";
}

}  // namespace

void add_keygen_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<KeygenOptions>();
  CLI::App* keygen = app.add_subcommand(
      "keygen",
      "create a member identity: an Ed25519 signing key and a ZeroMQ CURVE key pair, written to NAME.secret "
      "(mode 0600) and NAME.public; existing files are never overwritten");
  keygen->add_option("--out", options->out, "directory for the key files (created, mode 0700, if missing)")
      ->required();
  keygen->add_option("--name", options->name, "the member's name, also the files' base name (A-Z a-z 0-9 . _ -)")
      ->required();
  keygen->callback([options, &context] { run_keygen(*options, context); });
}

}  // namespace zkfl::cli
