#include "training/step_prover.hpp"

#include "plonk/base/byte_io.hpp"
#include "plonk/base/hex.hpp"
#include "plonk/kzg/file_io.hpp"
#include "plonk/proof/prover.hpp"
#include "plonk/proof/verifier.hpp"
#include "training/dataset_link.hpp"

namespace zkfl::training {

namespace {
constexpr uint64_t kStepCircuitVersion = 1;
}

plonk::Sha256::Digest step_spec_digest(const StepSpec& spec) {
  plonk::ByteWriter w;
  w.bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("zkfl-step-spec"), 14));
  w.u64(kStepCircuitVersion);
  w.u64(static_cast<uint64_t>(kFractionBits));
  w.u64(static_cast<uint64_t>(spec.shape.output));
  w.u64(spec.shape.widths.size());
  for (int64_t x : spec.shape.widths) w.u64(static_cast<uint64_t>(x));
  for (int64_t x : {spec.hyper.learning_rate_q, spec.hyper.batch_size, spec.hyper.local_steps, spec.dataset_rows,
                    spec.data_columns}) {
    w.u64(static_cast<uint64_t>(x));
  }
  return plonk::Sha256::hash(w.data());
}

Result<plonk::ProvingKey> generate_step_key(const plonk::Srs& srs, const StepSpec& spec, plonk::ThreadPool& pool) {
  if (Status s = spec.validate(); !s.is_ok()) return s;
  StepCircuit circuit(spec);
  return plonk::ProvingKey::generate(srs, circuit, spec.k(), pool);
}

Result<plonk::ProvingKey> load_or_generate_step_key(const std::filesystem::path& dir, const plonk::Srs& srs,
                                                    const StepSpec& spec, plonk::ThreadPool& pool) {
  if (Status s = spec.validate(); !s.is_ok()) return s;
  const auto path = dir / ("step-" + plonk::to_hex(step_spec_digest(spec)) + ".pk");
  if (std::filesystem::exists(path)) {
    auto bytes = plonk::read_file_bytes(path);
    if (bytes) {
      auto pk = plonk::ProvingKey::decode(*bytes, pool);
      // The file name carries the spec's digest; the key must also come from this SRS.
      if (pk && pk->vk().k() == spec.k() && pk->vk().tau_g2() == srs.tau_g2() &&
          pk->vk().fixed_commitments().size() > 0) {
        return pk;
      }
    }
  }
  auto pk = generate_step_key(srs, spec, pool);
  if (!pk) return pk.status();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::error("cannot create the key cache " + dir.string() + ": " + ec.message());
  const auto bytes = pk->encode();
  if (Status s = plonk::write_file_atomically(path, bytes); !s.is_ok()) return s;
  return pk;
}

Result<StepProof> prove_step(const plonk::ProvingKey& pk, const plonk::Srs& srs, const StepSpec& spec,
                             StepWitness witness, uint64_t round, uint64_t participant, plonk::Rng& rng,
                             plonk::ThreadPool& pool, plonk::ProverObservers observers) {
  if (Status s = spec.validate(); !s.is_ok()) return s;
  StepPublic pub{round, participant, witness.w_in, {}, witness.indices};
  StepCircuit circuit(spec, std::move(witness));
  auto w_out = circuit.compute_output();
  if (!w_out) return w_out.status();
  pub.w_out = *w_out;
  auto instance = step_instance(spec, pub);
  if (!instance) return instance.status();
  auto proof = plonk::create_proof(pk, srs, circuit, *instance, rng, pool, observers);
  if (!proof) return proof.status();
  return StepProof{std::move(pub.w_out), proof->encode(), {}};
}

Result<bool> verify_step(const plonk::VerifyingKey& vk, const StepSpec& spec, const StepPublic& pub,
                         std::span<const uint8_t> proof, plonk::ThreadPool& pool) {
  auto instance = step_instance(spec, pub);
  if (!instance) return instance.status();
  return plonk::verify_proof(vk, *instance, proof, pool);
}

Result<StepProof> prove_registered_step(const plonk::ProvingKey& pk, const plonk::Srs& srs, const StepSpec& spec,
                                        StepWitness witness, const Registration& registration, uint64_t round,
                                        uint64_t participant, plonk::Rng& rng, plonk::ThreadPool& pool,
                                        bool adversarial) {
  if (!(registration.record.layout == spec.data_layout()) || registration.record.k != spec.k()) {
    return Status::error("the dataset registration was made for another data layout or circuit size");
  }
  const DatasetView view{witness.x, witness.labels};
  auto registered = registered_columns(registration.record, view, registration.secret, pool);
  if (!registered) return registered.status();
  std::vector<plonk::Polynomial<plonk::LagrangeEval>> advice_values;
  plonk::ProverObservers observers;
  observers.advice_values = &advice_values;
  observers.skip_lookup_check = adversarial;
  auto proved = prove_step(pk, srs, spec, std::move(witness), round, participant, rng, pool, observers);
  if (!proved) return proved.status();
  auto proof = plonk::Proof::decode(proved->proof, pk.vk());
  if (!proof) return proof.status();
  const auto columns = spec.data_column_indices();
  const DatasetLinkStatement statement{pk.vk(), *proof, columns, registration.record};
  auto link = prove_dataset_link(srs, statement, advice_values, *registered, pool);
  if (!link) return link.status();
  proved->link = link->encode();
  return proved;
}

Result<bool> verify_registered_step(const plonk::VerifyingKey& vk, const StepSpec& spec, const StepPublic& pub,
                                    const RegistrationRecord& record, std::span<const uint8_t> proof,
                                    std::span<const uint8_t> link, plonk::Rng& rng, plonk::ThreadPool& pool) {
  if (!(record.layout == spec.data_layout()) || record.k != vk.k()) {
    return Status::error("the dataset registration does not match the step specification");
  }
  auto instance = step_instance(spec, pub);
  if (!instance) return instance.status();
  auto decoded = plonk::Proof::decode(proof, vk);
  if (!decoded) return decoded.status();
  auto link_proof = LinkProof::decode(link);
  if (!link_proof) return link_proof.status();
  const auto columns = spec.data_column_indices();
  const DatasetLinkStatement statement{vk, *decoded, columns, record};
  return verify_proof_with_dataset_link(statement, *instance, *link_proof, rng, pool);
}

}  // namespace zkfl::training

