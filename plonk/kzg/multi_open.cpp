#include "plonk/kzg/multi_open.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "plonk/curve/msm.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/poly/polynomial.hpp"

namespace zkfl::plonk {

namespace {

// For each query, the index of its point among the distinct points.
template <class Query>
std::vector<size_t> group_by_point(std::span<const Query> queries, std::vector<Fr>& points) {
  std::vector<size_t> group(queries.size());
  for (size_t q = 0; q < queries.size(); ++q) {
    auto it = std::find(points.begin(), points.end(), queries[q].point);
    group[q] = static_cast<size_t>(it - points.begin());
    if (it == points.end()) points.push_back(queries[q].point);
  }
  return group;
}

}  // namespace

std::vector<Fr> distinct_points(std::span<const ProverQuery> queries) {
  std::vector<Fr> points;
  group_by_point(queries, points);
  return points;
}

std::vector<Fr> distinct_points(std::span<const VerifierQuery> queries) {
  std::vector<Fr> points;
  group_by_point(queries, points);
  return points;
}

std::vector<G1Affine> open_multi(const Srs& srs, std::span<const ProverQuery> queries, Transcript& transcript,
                                 ThreadPool& pool) {
  std::vector<Fr> points;
  const std::vector<size_t> group = group_by_point(queries, points);
  const Fr v = transcript.challenge_scalar("v");

  std::vector<G1> w(points.size());
  for (size_t j = 0; j < points.size(); ++j) {
    // F_j = Σ_k v^k·p_{j,k}. Synthetic division drops the remainder, so W_j is
    // [(F_j − F_j(z_j))/(X − z_j)]₁ whatever values were claimed; a wrong claim
    // then fails the verifier's equation.
    std::vector<std::pair<std::span<const Fr>, Fr>> members;  // (p_{j,k}, v^k)
    size_t length = 0;
    Fr v_power = Fr::one();
    for (size_t q = 0; q < queries.size(); ++q) {
      if (group[q] != j) continue;
      members.emplace_back(queries[q].poly, v_power);
      length = std::max(length, queries[q].poly.size());
      v_power *= v;
    }
    std::vector<Fr> combined(length, Fr::zero());
    pool.parallel_for(
        length,
        [&](size_t begin, size_t end) {
          for (const auto& [poly, weight] : members) {
            const size_t stop = std::min(end, poly.size());
            for (size_t i = begin; i < stop; ++i) combined[i] += weight * poly[i];
          }
        },
        4096);
    w[j] = commit(srs, divide_by_linear(Polynomial<Coeff>(std::move(combined)), points[j]).values(), pool);
  }
  std::vector<G1Affine> out = G1::batch_to_affine(w);
  for (const G1Affine& wj : out) transcript.absorb_point("opening_w", wj);
  transcript.challenge_scalar("u");
  return out;
}

Result<PairingAccumulator> verify_multi(std::span<const VerifierQuery> queries, std::span<const G1Affine> w,
                                        Transcript& transcript, ThreadPool& pool) {
  std::vector<Fr> points;
  const std::vector<size_t> group = group_by_point(queries, points);
  if (w.size() != points.size()) {
    return Status::error("the opening proof has " + std::to_string(w.size()) + " W commitments, expected " +
                         std::to_string(points.size()) + " (one per distinct opening point)");
  }
  const Fr v = transcript.challenge_scalar("v");
  for (const G1Affine& wj : w) transcript.absorb_point("opening_w", wj);
  const Fr u = transcript.challenge_scalar("u");

  std::vector<Fr> u_powers(points.size());
  Fr u_power = Fr::one();
  for (Fr& p : u_powers) {
    p = u_power;
    u_power *= u;
  }

  // rhs = Σ_j u^j·z_j·W_j + Σ_{j,k,t} u^j·v^k·s_t·P_t − (Σ_j u^j·Σ_k v^k·y_{j,k})·G1.
  size_t term_count = w.size() + 1;
  for (const VerifierQuery& q : queries) term_count += q.commitment.size();
  std::vector<G1Affine> bases;
  std::vector<Fr> scalars;
  bases.reserve(term_count);
  scalars.reserve(term_count);
  for (size_t j = 0; j < w.size(); ++j) {
    bases.push_back(w[j]);
    scalars.push_back(u_powers[j] * points[j]);
  }
  std::vector<Fr> v_powers(points.size(), Fr::one());  // v^k for the next query of each group
  Fr evaluation_sum = Fr::zero();
  for (size_t q = 0; q < queries.size(); ++q) {
    const size_t j = group[q];
    const Fr weight = u_powers[j] * v_powers[j];
    v_powers[j] *= v;
    for (const CommitmentTerm& term : queries[q].commitment) {
      bases.push_back(term.point);
      scalars.push_back(weight * term.scalar);
    }
    evaluation_sum += weight * queries[q].eval;
  }
  bases.push_back(G1Affine::generator());
  scalars.push_back(-evaluation_sum);

  PairingAccumulator acc;
  acc.lhs = msm(w, std::span<const Fr>(u_powers), pool);
  acc.rhs = msm(bases, scalars, pool);
  return acc;
}

}  // namespace zkfl::plonk
