// ProvingKey::generate: preprocessing of fixed columns and of the permutation.
#include <string>

#include "plonk/base/byte_io.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/poly/basis_conversion.hpp"
#include "plonk/proof/constraints.hpp"
#include "plonk/proof/permutation_assembly.hpp"
#include "plonk/proof/proving_key.hpp"

namespace zkfl::plonk {

namespace {

PreprocessedPolynomial preprocess(Polynomial<LagrangeEval> values, const EvaluationDomain& domain,
                                  const EvaluationDomain& extended, ThreadPool& pool) {
  PreprocessedPolynomial p;
  p.values = values;
  p.coeffs = lagrange_to_coeff(domain, std::move(values), pool);
  p.extended = coeff_to_extended(extended, p.coeffs, pool);
  return p;
}

Polynomial<ExtendedLagrangeEval> indicator_on_extended(const EvaluationDomain& domain,
                                                       const EvaluationDomain& extended, size_t begin, size_t end,
                                                       ThreadPool& pool) {
  Polynomial<LagrangeEval> v = Polynomial<LagrangeEval>::zero(domain.size());
  for (size_t i = begin; i < end; ++i) v[i] = Fr::one();
  return lagrange_to_extended(domain, extended, std::move(v), pool);
}

}  // namespace

std::vector<Polynomial<LagrangeEval>> permutation_sigma_values(const ConstraintSystem& cs,
                                                               const CircuitTable& table,
                                                               const EvaluationDomain& domain, Status& status) {
  const size_t n = domain.size();
  PermutationAssembly assembly(cs.equality_columns(), n);
  for (const auto& [a, b] : table.copies()) {
    Status s = assembly.copy(a, b);
    if (!s.is_ok()) {
      status = s;
      return {};
    }
  }
  const std::vector<Fr> omega_powers = domain.elements();
  const std::vector<Fr> deltas = delta_powers(cs.equality_columns().size());
  std::vector<Polynomial<LagrangeEval>> sigma;
  for (uint32_t c = 0; c < cs.equality_columns().size(); ++c) {
    Polynomial<LagrangeEval> values = Polynomial<LagrangeEval>::zero(n);
    for (uint32_t r = 0; r < n; ++r) {
      PermutationCell next = assembly.sigma(c, r);
      values[r] = deltas[next.column] * omega_powers[next.row];
    }
    sigma.push_back(std::move(values));
  }
  return sigma;
}

Result<ProvingKey> ProvingKey::generate(const Srs& srs, Circuit& circuit, uint32_t k, ThreadPool& pool) {
  ConstraintSystem cs;
  circuit.configure(cs);
  if (k > srs.k()) {
    return Status::error("keygen: the circuit needs 2^" + std::to_string(k) + " rows but the SRS has only 2^" +
                         std::to_string(srs.k()) + " powers");
  }
  if (cs.usable_rows(k) == 0) return Status::error("keygen: 2^" + std::to_string(k) + " rows leave no usable row");
  const ProofLayout layout = ProofLayout::of(cs, k);
  auto domain = EvaluationDomain::create(k);
  auto extended = EvaluationDomain::create(layout.extended_k);
  if (!domain || !extended) return Status::error("keygen: the extended domain exceeds 2^28 points");

  CircuitTable table(cs, SynthesisPass{k, 0, false, {}, {}});
  Layouter layouter(table);
  Status s = circuit.synthesize(layouter);
  if (!s.is_ok()) return Status::error("keygen: synthesis failed: " + s.message());
  if (!table.status().is_ok()) return Status::error("keygen: " + table.status().message());

  Status sigma_status;
  std::vector<Polynomial<LagrangeEval>> sigma_values = permutation_sigma_values(cs, table, *domain, sigma_status);
  if (!sigma_status.is_ok()) return Status::error("keygen: " + sigma_status.message());

  std::vector<PreprocessedPolynomial> fixed, sigma;
  std::vector<G1Affine> fixed_commitments, sigma_commitments;
  for (std::vector<Fr>& column : table.take_fixed()) {
    fixed.push_back(preprocess(Polynomial<LagrangeEval>(std::move(column)), *domain, *extended, pool));
    fixed_commitments.push_back(commit(srs, fixed.back().coeffs.values(), pool).to_affine());
  }
  for (Polynomial<LagrangeEval>& values : sigma_values) {
    sigma.push_back(preprocess(std::move(values), *domain, *extended, pool));
    sigma_commitments.push_back(commit(srs, sigma.back().coeffs.values(), pool).to_affine());
  }

  return assemble(VerifyingKey(k, std::move(cs), std::move(fixed_commitments), std::move(sigma_commitments),
                               srs.g2(), srs.tau_g2()),
                  std::move(*domain), std::move(*extended), std::move(fixed), std::move(sigma), pool);
}

ProvingKey ProvingKey::assemble(VerifyingKey vk, EvaluationDomain domain, EvaluationDomain extended,
                                std::vector<PreprocessedPolynomial> fixed, std::vector<PreprocessedPolynomial> sigma,
                                ThreadPool& pool) {
  const ProofLayout layout = vk.layout();
  ProvingKey pk(std::move(vk), std::move(domain), std::move(extended));
  pk.fixed_ = std::move(fixed);
  pk.sigma_ = std::move(sigma);
  pk.l0_ = indicator_on_extended(pk.domain_, pk.extended_, 0, 1, pool);
  pk.l_last_ = indicator_on_extended(pk.domain_, pk.extended_, layout.last_row, layout.last_row + 1, pool);
  pk.l_active_ = indicator_on_extended(pk.domain_, pk.extended_, 0, layout.usable_rows, pool);
  pk.extended_points_ = pk.extended_.elements();
  for (Fr& x : pk.extended_points_) x *= pk.extended_.coset_shift();
  return pk;
}

namespace {
constexpr std::string_view kProvingKeyMagic = "ZKFLPK";
constexpr uint8_t kProvingKeyVersion = 1;
}  // namespace

std::vector<uint8_t> ProvingKey::encode() const {
  ByteWriter out;
  out.bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(kProvingKeyMagic.data()),
                                     kProvingKeyMagic.size()));
  out.u8(kProvingKeyVersion);
  const std::vector<uint8_t> vk_bytes = vk_.encode();
  out.u64(vk_bytes.size());
  out.bytes(vk_bytes);
  for (const auto* group : {&fixed_, &sigma_}) {
    for (const PreprocessedPolynomial& p : *group) {
      for (const Fr& v : p.values.values()) out.bytes(v.to_bytes_be());
    }
  }
  std::vector<uint8_t> bytes = out.take();
  append_checksum(bytes);
  return bytes;
}

Result<ProvingKey> ProvingKey::decode(std::span<const uint8_t> bytes, ThreadPool& pool) {
  auto body = strip_checksum(bytes, "proving key");
  if (!body) return body.status();
  ByteReader in(*body, "proving key");
  auto magic = in.bytes(kProvingKeyMagic.size(), "magic");
  if (!magic || std::string_view(reinterpret_cast<const char*>(magic->data()), magic->size()) != kProvingKeyMagic) {
    return Status::error("proving key: not a zkfl proving key (bad magic)");
  }
  auto version = in.u8();
  if (!version) return version.status();
  if (*version != kProvingKeyVersion) {
    return Status::error("proving key: unsupported format version " + std::to_string(*version));
  }
  auto vk_length = in.u64();
  if (!vk_length) return vk_length.status();
  auto vk_bytes = in.bytes(*vk_length, "verifying key");
  if (!vk_bytes) return vk_bytes.status();
  auto vk = VerifyingKey::decode(*vk_bytes);
  if (!vk) return Status::error("proving key: " + vk.error());
  auto domain = EvaluationDomain::create(vk->k());
  auto extended = EvaluationDomain::create(vk->layout().extended_k);
  if (!domain || !extended) return Status::error("proving key: domain out of range");
  const size_t n = domain->size();
  auto read_columns = [&](size_t count, const char* what) -> Result<std::vector<PreprocessedPolynomial>> {
    std::vector<PreprocessedPolynomial> out;
    for (size_t c = 0; c < count; ++c) {
      Polynomial<LagrangeEval> values = Polynomial<LagrangeEval>::zero(n);
      for (size_t i = 0; i < n; ++i) {
        auto b = in.bytes(32, what);
        if (!b) return b.status();
        auto v = Fr::from_bytes_be(*b);
        if (!v) return in.error(std::string(what) + ": " + v.error());
        values[i] = *v;
      }
      out.push_back(preprocess(std::move(values), *domain, *extended, pool));
    }
    return out;
  };
  auto fixed = read_columns(vk->constraint_system().num_fixed_columns(), "fixed column value");
  if (!fixed) return fixed.status();
  auto sigma = read_columns(vk->constraint_system().equality_columns().size(), "permutation value");
  if (!sigma) return sigma.status();
  if (Status s = in.finish(); !s) return s;
  return assemble(std::move(*vk), std::move(*domain), std::move(*extended), std::move(*fixed), std::move(*sigma),
                  pool);
}

}  // namespace zkfl::plonk
