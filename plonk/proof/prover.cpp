#include "plonk/proof/prover.hpp"

#include <chrono>

#include "plonk/circuit/constraint_system_codec.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/kzg/multi_open.hpp"
#include "plonk/poly/basis_conversion.hpp"
#include "plonk/proof/evaluation_plan.hpp"
#include "plonk/proof/lookup_prover.hpp"
#include "plonk/proof/permutation_prover.hpp"
#include "plonk/proof/quotient.hpp"

namespace zkfl::plonk {

namespace {

std::vector<uint8_t> encoded(const ConstraintSystem& cs) {
  ByteWriter w;
  encode_constraint_system(cs, w);
  return w.take();
}

// A committed witness polynomial in the forms the rest of the proof reads.
struct WitnessPolynomial {
  Polynomial<LagrangeEval> values;
  Polynomial<Coeff> coeffs;
  Polynomial<ExtendedLagrangeEval> extended;
  G1Affine commitment;
};

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

WitnessPolynomial commit_witness(const ProvingKey& pk, const Srs& srs, Polynomial<LagrangeEval> values,
                                 ThreadPool& pool, ProverProfile& profile) {
  WitnessPolynomial w;
  w.values = values;
  const Stopwatch transform;
  w.coeffs = lagrange_to_coeff(pk.domain(), std::move(values), pool);
  profile.transforms += transform.seconds();
  const Stopwatch msm;
  w.commitment = commit(srs, w.coeffs.values(), pool).to_affine();
  profile.commitments += msm.seconds();
  return w;
}

void extend(const ProvingKey& pk, WitnessPolynomial& w, ThreadPool& pool, ProverProfile& profile) {
  const Stopwatch transform;
  w.extended = coeff_to_extended(pk.extended_domain(), w.coeffs, pool);
  profile.transforms += transform.seconds();
}

}  // namespace

Result<Proof> create_proof(const ProvingKey& pk, const Srs& srs, Circuit& circuit, const Instance& instance,
                           Rng& rng, ThreadPool& pool, ProverObservers observers) {
  ProverProfile profile;
  const Stopwatch total;
  const VerifyingKey& vk = pk.vk();
  const ConstraintSystem& cs = vk.constraint_system();
  const ProofLayout& layout = pk.layout();
  const size_t n = layout.n;
  {
    ConstraintSystem configured;
    circuit.configure(configured);
    if (encoded(configured) != encoded(cs)) {
      return Status::error("prover: the circuit's constraint system differs from the proving key's");
    }
  }
  if (Status s = check_instance_shape(vk, instance); !s) return Status::error("prover: " + s.message());
  if (srs.k() < layout.k) return Status::error("prover: the SRS is smaller than the proving key's domain");

  Transcript transcript = begin_transcript(vk, instance);
  Proof proof;

  // Public inputs as columns on H and on the extended coset.
  std::vector<Polynomial<LagrangeEval>> instance_values;
  std::vector<Polynomial<ExtendedLagrangeEval>> instance_extended;
  for (const std::vector<Fr>& column : instance) {
    Polynomial<LagrangeEval> v = Polynomial<LagrangeEval>::zero(n);
    std::copy(column.begin(), column.end(), v.values().begin());
    instance_values.push_back(v);
    const Stopwatch transform;
    instance_extended.push_back(lagrange_to_extended(pk.domain(), pk.extended_domain(), std::move(v), pool));
    profile.transforms += transform.seconds();
  }

  // Advice, phase by phase; the circuit's challenges follow each phase.
  std::vector<WitnessPolynomial> advice(cs.num_advice_columns());
  std::vector<Value> challenge_values(cs.num_challenges());
  for (uint8_t phase = 0; phase < cs.num_phases(); ++phase) {
    CircuitTable table(cs, SynthesisPass{layout.k, phase, true, instance, challenge_values});
    Layouter layouter(table);
    Status s = circuit.synthesize(layouter);
    if (!s.is_ok()) return Status::error("prover: synthesis failed in phase " + std::to_string(phase) + ": " + s.message());
    if (!table.status().is_ok()) return Status::error("prover: " + table.status().message());
    std::vector<std::vector<Fr>> columns = table.take_advice();
    for (uint32_t i = 0; i < cs.num_advice_columns(); ++i) {
      if (cs.advice_phase(i) != phase) continue;
      Polynomial<LagrangeEval> values(std::move(columns[i]));
      for (size_t row = layout.usable_rows; row < n; ++row) values[row] = Fr::random(rng);
      advice[i] = commit_witness(pk, srs, std::move(values), pool, profile);
      transcript.absorb_point("advice", advice[i].commitment);
      proof.advice.push_back(advice[i].commitment);
    }
    for (uint32_t c = 0; c < cs.num_challenges(); ++c) {
      if (cs.challenge_phase(c) == phase) challenge_values[c] = Value::known(transcript.challenge_scalar("challenge"));
    }
  }
  ArgumentChallenges ch;
  for (const Value& v : challenge_values) ch.circuit.push_back(v.get());

  // Row-wise access to every column on H.
  std::vector<const Fr*> advice_rows, fixed_rows, instance_rows;
  for (const WitnessPolynomial& a : advice) advice_rows.push_back(a.values.values().data());
  for (const PreprocessedPolynomial& f : pk.fixed()) fixed_rows.push_back(f.values.values().data());
  for (const Polynomial<LagrangeEval>& i : instance_values) instance_rows.push_back(i.values().data());
  const ColumnEvaluator rows(advice_rows, fixed_rows, instance_rows, ch.circuit, n, 1);

  // Lookups: multiplicities after θ.
  ch.theta = transcript.challenge_scalar("theta");
  std::vector<WitnessPolynomial> multiplicities;
  for (const LookupArgument& lookup : cs.lookups()) {
    auto m = lookup_multiplicities(lookup, rows, ch.theta, layout, rng, observers.skip_lookup_check);
    if (!m) return Status::error("prover: " + m.error());
    multiplicities.push_back(commit_witness(pk, srs, std::move(*m), pool, profile));
    transcript.absorb_point("lookup_m", multiplicities.back().commitment);
    proof.lookup_multiplicities.push_back(multiplicities.back().commitment);
  }

  // Permutation products and lookup sums after β, γ.
  ch.beta = transcript.challenge_scalar("beta");
  ch.gamma = transcript.challenge_scalar("gamma");
  std::vector<const Fr*> equality_rows, sigma_rows;
  for (const Column& c : cs.equality_columns()) {
    equality_rows.push_back(c.kind == ColumnKind::kAdvice  ? advice_rows[c.index]
                            : c.kind == ColumnKind::kFixed ? fixed_rows[c.index]
                                                           : instance_rows[c.index]);
  }
  for (const PreprocessedPolynomial& s : pk.sigma()) sigma_rows.push_back(s.values.values().data());
  std::vector<WitnessPolynomial> products;
  for (Polynomial<LagrangeEval>& z :
       permutation_products(equality_rows, sigma_rows, pk.domain(), layout, ch.beta, ch.gamma, rng)) {
    products.push_back(commit_witness(pk, srs, std::move(z), pool, profile));
    transcript.absorb_point("permutation_z", products.back().commitment);
    proof.permutation_products.push_back(products.back().commitment);
  }
  std::vector<WitnessPolynomial> sums;
  for (size_t l = 0; l < cs.lookups().size(); ++l) {
    sums.push_back(commit_witness(
        pk, srs, lookup_running_sum(cs.lookups()[l], rows, multiplicities[l].values, ch.theta, ch.beta, layout, rng,
                               observers.skip_lookup_check),
        pool, profile));
    transcript.absorb_point("lookup_phi", sums.back().commitment);
    proof.lookup_sums.push_back(sums.back().commitment);
  }

  // Vanishing argument after y.
  ch.y = transcript.challenge_scalar("y");
  ExtendedWitness extended;
  for (auto* group : {&advice, &products, &multiplicities, &sums}) {
    for (WitnessPolynomial& w : *group) extend(pk, w, pool, profile);
  }
  for (const WitnessPolynomial& a : advice) extended.advice.push_back(a.extended.values().data());
  for (const auto& i : instance_extended) extended.instance.push_back(i.values().data());
  for (const WitnessPolynomial& z : products) extended.products.push_back(z.extended.values().data());
  for (const WitnessPolynomial& m : multiplicities) extended.multiplicities.push_back(m.extended.values().data());
  for (const WitnessPolynomial& s : sums) extended.sums.push_back(s.extended.values().data());
  const Stopwatch quotient;
  std::vector<Polynomial<Coeff>> pieces = quotient_pieces(pk, extended, ch, pool);
  profile.quotient += quotient.seconds();
  const Stopwatch quotient_msm;
  for (const Polynomial<Coeff>& piece : pieces) {
    proof.quotient_pieces.push_back(commit(srs, piece.values(), pool).to_affine());
    transcript.absorb_point("vanishing_h", proof.quotient_pieces.back());
  }
  profile.commitments += quotient_msm.seconds();

  // Evaluations at x.
  const Stopwatch openings;
  const Fr x = transcript.challenge_scalar("x");
  const EvaluationPlan plan(cs, layout);
  std::vector<ProverQuery> queries;
  for (const PlannedEvaluation& e : plan.entries()) {
    const Polynomial<Coeff>* poly = nullptr;
    switch (e.source) {
      case PlannedEvaluation::Source::kAdvice:
        poly = &advice[e.index].coeffs;
        break;
      case PlannedEvaluation::Source::kFixed:
        poly = &pk.fixed()[e.index].coeffs;
        break;
      case PlannedEvaluation::Source::kSigma:
        poly = &pk.sigma()[e.index].coeffs;
        break;
      case PlannedEvaluation::Source::kPermutationProduct:
        poly = &products[e.index].coeffs;
        break;
      case PlannedEvaluation::Source::kLookupMultiplicity:
        poly = &multiplicities[e.index].coeffs;
        break;
      case PlannedEvaluation::Source::kLookupSum:
        poly = &sums[e.index].coeffs;
        break;
    }
    const Fr point = rotate_point(pk.domain(), x, e.rotation);
    const Fr value = evaluate(*poly, point, pool);
    proof.evaluations.push_back(value);
    transcript.absorb_scalar("eval", value);
    queries.push_back(ProverQuery{poly->values(), point, value});
  }

  // The quotient, recombined at x: h = Σ x^{in}·h_i.
  Polynomial<Coeff> h = Polynomial<Coeff>::zero(n);
  const Fr x_n = x.pow(static_cast<uint64_t>(n));
  Fr scale = Fr::one();
  for (const Polynomial<Coeff>& piece : pieces) {
    h.add_scaled(piece, scale);
    scale *= x_n;
  }
  queries.push_back(ProverQuery{h.values(), x, evaluate(h, x, pool)});
  proof.opening_witnesses = open_multi(srs, queries, transcript, pool);
  profile.openings += openings.seconds();
  if (observers.manifest != nullptr) *observers.manifest = transcript.manifest();
  if (observers.advice_values != nullptr) {
    observers.advice_values->clear();
    for (const WitnessPolynomial& a : advice) observers.advice_values->push_back(a.values);
  }
  profile.total = total.seconds();
  if (observers.profile != nullptr) *observers.profile = profile;
  return proof;
}

}  // namespace zkfl::plonk
