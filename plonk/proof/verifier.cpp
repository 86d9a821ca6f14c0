#include "plonk/proof/verifier.hpp"

#include "plonk/kzg/multi_open.hpp"
#include "plonk/proof/constraints.hpp"
#include "plonk/proof/evaluation_plan.hpp"

namespace zkfl::plonk {

namespace {

// The values combine_constraints reads, at x, from the proof's evaluations.
class PointValues {
 public:
  PointValues(const ConstraintSystem& cs, const EvaluationPlan& plan, const std::vector<Fr>& evaluations,
              const std::vector<std::pair<Query, Fr>>& instance_evals, const Fr& x, const Fr& l0, const Fr& l_last,
              const Fr& l_active, size_t last_row)
      : cs_(cs), plan_(plan), evals_(evaluations), instance_(instance_evals), x_(x), l0_(l0), l_last_(l_last),
        l_active_(l_active), last_row_(last_row) {}

  Fr query(const Query& q) const {
    using Source = PlannedEvaluation::Source;
    switch (q.column.kind) {
      case ColumnKind::kAdvice:
        return evals_[plan_.position(Source::kAdvice, q.column.index, q.rotation)];
      case ColumnKind::kFixed:
        return evals_[plan_.position(Source::kFixed, q.column.index, q.rotation)];
      case ColumnKind::kInstance:
        for (const auto& [query, value] : instance_) {
          if (query == q) return value;
        }
        break;
    }
    return Fr::zero();
  }
  Fr sigma(uint32_t i) const { return evals_[plan_.position(PlannedEvaluation::Source::kSigma, i, 0)]; }
  Fr product(uint32_t j, int which) const {
    const int64_t rotation = which == 0 ? 0 : which == 1 ? 1 : static_cast<int64_t>(last_row_);
    return evals_[plan_.position(PlannedEvaluation::Source::kPermutationProduct, j, rotation)];
  }
  Fr multiplicity(uint32_t l) const {
    return evals_[plan_.position(PlannedEvaluation::Source::kLookupMultiplicity, l, 0)];
  }
  Fr sum(uint32_t l, bool next) const {
    return evals_[plan_.position(PlannedEvaluation::Source::kLookupSum, l, next ? 1 : 0)];
  }
  Fr l0() const { return l0_; }
  Fr l_last() const { return l_last_; }
  Fr l_active() const { return l_active_; }
  Fr x() const { return x_; }

 private:
  const ConstraintSystem& cs_;
  const EvaluationPlan& plan_;
  const std::vector<Fr>& evals_;
  const std::vector<std::pair<Query, Fr>>& instance_;
  Fr x_, l0_, l_last_, l_active_;
  size_t last_row_;
};

}  // namespace

Result<PairingAccumulator> verify_to_accumulator(const VerifyingKey& vk, const Instance& instance, const Proof& proof,
                                                 ThreadPool& pool, std::vector<std::string>* manifest) {
  if (Status s = check_instance_shape(vk, instance); !s) return Status::error("verifier: " + s.message());
  const ConstraintSystem& cs = vk.constraint_system();
  const ProofLayout& layout = vk.layout();
  const EvaluationPlan plan(cs, layout);
  if (proof.advice.size() != cs.num_advice_columns() || proof.lookup_multiplicities.size() != cs.lookups().size() ||
      proof.permutation_products.size() != layout.permutation_chunks ||
      proof.lookup_sums.size() != cs.lookups().size() || proof.quotient_pieces.size() != layout.quotient_pieces ||
      proof.evaluations.size() != plan.entries().size() || proof.opening_witnesses.size() != plan.rotations().size()) {
    return Status::error("verifier: the proof's parts do not match the verifying key");
  }
  auto domain = EvaluationDomain::create(layout.k);
  if (!domain) return domain.status();

  // Replay the transcript.
  Transcript transcript = begin_transcript(vk, instance);
  ArgumentChallenges ch;
  size_t next_advice = 0;
  std::vector<G1Affine> advice_by_column(cs.num_advice_columns());
  for (uint8_t phase = 0; phase < cs.num_phases(); ++phase) {
    for (uint32_t i = 0; i < cs.num_advice_columns(); ++i) {
      if (cs.advice_phase(i) != phase) continue;
      advice_by_column[i] = proof.advice[next_advice++];
      transcript.absorb_point("advice", advice_by_column[i]);
    }
    for (uint32_t c = 0; c < cs.num_challenges(); ++c) {
      if (cs.challenge_phase(c) == phase) ch.circuit.push_back(transcript.challenge_scalar("challenge"));
    }
  }
  ch.theta = transcript.challenge_scalar("theta");
  for (const G1Affine& m : proof.lookup_multiplicities) transcript.absorb_point("lookup_m", m);
  ch.beta = transcript.challenge_scalar("beta");
  ch.gamma = transcript.challenge_scalar("gamma");
  for (const G1Affine& z : proof.permutation_products) transcript.absorb_point("permutation_z", z);
  for (const G1Affine& s : proof.lookup_sums) transcript.absorb_point("lookup_phi", s);
  ch.y = transcript.challenge_scalar("y");
  for (const G1Affine& h : proof.quotient_pieces) transcript.absorb_point("vanishing_h", h);
  const Fr x = transcript.challenge_scalar("x");
  for (const Fr& e : proof.evaluations) transcript.absorb_scalar("eval", e);

  // Public inputs at their queried rotations: Σ_j inst_j·L_j(x·ω^r).
  std::vector<std::pair<Query, Fr>> instance_evals;
  for (const Query& q : cs.queries()) {
    if (q.column.kind != ColumnKind::kInstance) continue;
    const std::vector<Fr>& values = instance[q.column.index];
    const std::vector<Fr> lagrange =
        domain->evaluate_lagrange_range(rotate_point(*domain, x, q.rotation), 0, values.size());
    Fr acc = Fr::zero();
    for (size_t j = 0; j < values.size(); ++j) acc += values[j] * lagrange[j];
    instance_evals.emplace_back(q, acc);
  }
  const Fr l0 = domain->evaluate_lagrange(0, x);
  const Fr l_last = domain->evaluate_lagrange(layout.last_row, x);
  Fr l_blind = Fr::zero();
  for (const Fr& l : domain->evaluate_lagrange_range(x, layout.last_row + 1, layout.n)) l_blind += l;
  const Fr l_active = Fr::one() - l_last - l_blind;

  // C(x) = Z_H(x)·h(x): the claimed h(x) the opening must confirm.
  const PointValues values(cs, plan, proof.evaluations, instance_evals, x, l0, l_last, l_active, layout.last_row);
  const Fr numerator = combine_constraints(cs, layout, values, ch, delta_powers(cs.equality_columns().size()));
  const Fr vanishing = domain->evaluate_vanishing(x);
  const Fr h_at_x = numerator * vanishing.inverse();  // x ∈ H has probability n/r

  // The openings.
  std::vector<VerifierQuery> queries;
  for (size_t i = 0; i < plan.entries().size(); ++i) {
    const PlannedEvaluation& e = plan.entries()[i];
    G1Affine commitment;
    switch (e.source) {
      case PlannedEvaluation::Source::kAdvice:
        commitment = advice_by_column[e.index];
        break;
      case PlannedEvaluation::Source::kFixed:
        commitment = vk.fixed_commitments()[e.index];
        break;
      case PlannedEvaluation::Source::kSigma:
        commitment = vk.permutation_commitments()[e.index];
        break;
      case PlannedEvaluation::Source::kPermutationProduct:
        commitment = proof.permutation_products[e.index];
        break;
      case PlannedEvaluation::Source::kLookupMultiplicity:
        commitment = proof.lookup_multiplicities[e.index];
        break;
      case PlannedEvaluation::Source::kLookupSum:
        commitment = proof.lookup_sums[e.index];
        break;
    }
    queries.push_back(VerifierQuery{{CommitmentTerm{Fr::one(), commitment}},
                                    rotate_point(*domain, x, e.rotation), proof.evaluations[i]});
  }
  VerifierQuery h_query{{}, x, h_at_x};
  const Fr x_n = x.pow(static_cast<uint64_t>(layout.n));
  Fr scale = Fr::one();
  for (const G1Affine& piece : proof.quotient_pieces) {
    h_query.commitment.push_back(CommitmentTerm{scale, piece});
    scale *= x_n;
  }
  queries.push_back(std::move(h_query));
  auto accumulator = verify_multi(queries, proof.opening_witnesses, transcript, pool);
  if (manifest != nullptr) *manifest = transcript.manifest();
  return accumulator;
}

bool holds(const VerifyingKey& vk, const PairingAccumulator& acc) {
  return check(acc, vk.g2_prepared(), vk.tau_g2_prepared());
}

Result<bool> verify_proof(const VerifyingKey& vk, const Instance& instance, std::span<const uint8_t> proof_bytes,
                          ThreadPool& pool) {
  auto proof = Proof::decode(proof_bytes, vk);
  if (!proof) return proof.status();
  auto acc = verify_to_accumulator(vk, instance, *proof, pool);
  if (!acc) return acc.status();
  return holds(vk, *acc);
}

Result<bool> verify_batch(const VerifyingKey& vk, std::span<const ProofToVerify> proofs, Rng& rng, ThreadPool& pool) {
  std::vector<PairingAccumulator> accumulators;
  for (size_t i = 0; i < proofs.size(); ++i) {
    auto proof = Proof::decode(proofs[i].proof, vk);
    if (!proof) return Status::error("proof " + std::to_string(i) + ": " + proof.error());
    auto acc = verify_to_accumulator(vk, proofs[i].instance, *proof, pool);
    if (!acc) return Status::error("proof " + std::to_string(i) + ": " + acc.error());
    accumulators.push_back(*acc);
  }
  return check_batch(accumulators, vk.g2_prepared(), vk.tau_g2_prepared(), rng, pool);
}

}  // namespace zkfl::plonk
