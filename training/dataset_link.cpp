#include "training/dataset_link.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <string>

#include "plonk/base/byte_io.hpp"
#include "plonk/base/sha256.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/poly/basis_conversion.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt.hpp"
#include "plonk/proof/verifier.hpp"
#include "plonk/transcript/transcript.hpp"
#include "training/table_vanishing.hpp"

namespace zkfl::training {

using plonk::Coeff;
using plonk::Fr;
using plonk::G1Affine;
using plonk::LagrangeEval;
using plonk::Polynomial;
using plonk::Status;

namespace {

// For each data column, the position of its commitment in proof.advice
// (commitments are in phase order, then by index), after checking that the
// statement's parts fit together.
Result<std::vector<size_t>> data_commitment_positions(const DatasetLinkStatement& st) {
  const plonk::ConstraintSystem& cs = st.vk.constraint_system();
  const RegistrationRecord& record = st.registration;
  if (Status s = record.validate(); !s) return Status::error("dataset link: " + s.message());
  if (st.data_columns.size() != static_cast<size_t>(record.layout.columns)) {
    return Status::error("dataset link: the registration has " + std::to_string(record.layout.columns) +
                         " data columns, the statement names " + std::to_string(st.data_columns.size()));
  }
  if (record.k != st.vk.k()) {
    return Status::error("dataset link: the dataset was registered for a domain of 2^" + std::to_string(record.k) +
                         " rows, the circuit has 2^" + std::to_string(st.vk.k()));
  }
  if (static_cast<size_t>(record.layout.table_rows()) > st.vk.layout().usable_rows) {
    return Status::error("dataset link: the table's " + std::to_string(record.layout.table_rows()) +
                         " rows exceed the circuit's " + std::to_string(st.vk.layout().usable_rows) + " usable rows");
  }
  if (st.proof.advice.size() != cs.num_advice_columns()) {
    return Status::error("dataset link: the proof's advice commitments do not match the verifying key");
  }
  std::vector<size_t> position_of(cs.num_advice_columns());
  size_t next = 0;
  for (uint8_t phase = 0; phase < cs.num_phases(); ++phase) {
    for (uint32_t i = 0; i < cs.num_advice_columns(); ++i) {
      if (cs.advice_phase(i) == phase) position_of[i] = next++;
    }
  }
  std::vector<size_t> positions;
  for (size_t j = 0; j < st.data_columns.size(); ++j) {
    const uint32_t c = st.data_columns[j];
    if (c >= cs.num_advice_columns() || cs.advice_phase(c) != 0) {
      return Status::error("dataset link: data column " + std::to_string(j) + " (advice column " + std::to_string(c) +
                           ") is not a phase-0 advice column of the circuit");
    }
    if (std::count(st.data_columns.begin(), st.data_columns.end(), c) != 1) {
      return Status::error("dataset link: advice column " + std::to_string(c) + " is named twice");
    }
    positions.push_back(position_of[c]);
  }
  return positions;
}

// The link's transcript up to (not including) γ.
plonk::Transcript begin_link_transcript(const DatasetLinkStatement& st) {
  plonk::Transcript t(kDatasetLinkDomain);
  t.absorb_bytes("vk", st.vk.digest());
  t.absorb_bytes("proof", plonk::Sha256::hash(st.proof.encode()));
  t.absorb_bytes("registration", st.registration.digest());
  plonk::ByteWriter columns;
  for (uint32_t c : st.data_columns) columns.u32(c);
  t.absorb_bytes("data_columns", columns.data());
  return t;
}

std::vector<Fr> powers(const Fr& x, size_t count) {
  std::vector<Fr> out(count);
  Fr p = Fr::one();
  for (Fr& v : out) {
    v = p;
    p *= x;
  }
  return out;
}

// The first table cell where a data column differs from its registered
// polynomial, for the prover's error message.
std::string first_difference(const DatasetLinkStatement& st,
                             std::span<const Polynomial<LagrangeEval>> advice_values,
                             std::span<const Polynomial<LagrangeEval>> registered) {
  const DataTableLayout& layout = st.registration.layout;
  for (int64_t t = 0; t < layout.table_rows(); ++t) {
    for (size_t j = 0; j < st.data_columns.size(); ++j) {
      const auto row = static_cast<size_t>(t);
      if (advice_values[st.data_columns[j]][row] != registered[j][row]) {
        return "data column " + std::to_string(j) + " differs from the registered table at circuit row " +
               std::to_string(t) + " (dataset row " + std::to_string(t / layout.chunks()) + ", chunk " +
               std::to_string(t % layout.chunks()) + ")";
      }
    }
  }
  return "the data columns differ from the registered table";  // only if γ cancelled a difference
}

}  // namespace

Result<LinkProof> prove_dataset_link(const plonk::Srs& srs, const DatasetLinkStatement& statement,
                                     std::span<const Polynomial<LagrangeEval>> advice_values,
                                     std::span<const Polynomial<LagrangeEval>> registered, plonk::ThreadPool& pool) {
  auto positions = data_commitment_positions(statement);
  if (!positions) return positions.status();
  const plonk::ConstraintSystem& cs = statement.vk.constraint_system();
  const plonk::ProofLayout& layout = statement.vk.layout();
  const size_t n = layout.n;
  const auto table_rows = static_cast<size_t>(statement.registration.layout.table_rows());
  if (srs.k() < layout.k) return Status::error("dataset link: the SRS is smaller than the circuit's domain");
  if (advice_values.size() != cs.num_advice_columns() || registered.size() != statement.data_columns.size()) {
    return Status::error("dataset link: expected the values of " + std::to_string(cs.num_advice_columns()) +
                         " advice columns and " + std::to_string(statement.data_columns.size()) +
                         " registered columns");
  }
  for (const auto* group : {&advice_values, &registered}) {
    for (const Polynomial<LagrangeEval>& p : *group) {
      if (p.size() != n) return Status::error("dataset link: a column does not have one value per row of the domain");
    }
  }
  // Zero knowledge (docs/DATASET_LINK.md): the proof system's rule for blinding
  // rows already covers a data column's commitment, its openings and z.
  size_t rotations = 0;
  for (uint32_t c : statement.data_columns) {
    rotations = std::max(rotations, cs.rotations(plonk::Column{plonk::ColumnKind::kAdvice, c}).size());
  }
  assert(layout.blinding_rows >= dataset_link_blinding_rows(rotations));

  plonk::Transcript transcript = begin_link_transcript(statement);
  const std::vector<Fr> gamma = powers(transcript.challenge_scalar("gamma"), statement.data_columns.size());

  // δ = Σ_j γ^j·(d_j − d_j^reg) on H.
  Polynomial<LagrangeEval> delta_values = Polynomial<LagrangeEval>::zero(n);
  pool.parallel_for(
      n,
      [&](size_t begin, size_t end) {
        for (size_t j = 0; j < statement.data_columns.size(); ++j) {
          const Polynomial<LagrangeEval>& round = advice_values[statement.data_columns[j]];
          for (size_t i = begin; i < end; ++i) delta_values[i] += gamma[j] * (round[i] - registered[j][i]);
        }
      },
      1024);
  auto domain = plonk::EvaluationDomain::create(layout.k);
  if (!domain) return domain.status();
  const Polynomial<Coeff> delta = plonk::lagrange_to_coeff(*domain, std::move(delta_values), pool);

  // s = δ / Z_T on the coset g·H, back to coefficients. deg δ < n and
  // deg Z_T = T, so an exact quotient has degree < n − T; conversely, if the
  // interpolated s has degree < n − T, then s·Z_T − δ has degree < n and
  // vanishes on the n coset points, so s·Z_T = δ. The top T coefficients
  // being zero is therefore exactly "δ vanishes on the table rows".
  std::vector<Fr> s(delta.values().begin(), delta.values().end());
  plonk::coset_ntt(*domain, s, pool);
  std::vector<Fr> z_t = table_vanishing_on_coset(*domain, table_rows, pool);
  Fr::batch_inverse(z_t);  // non-zero: g·H is disjoint from H ⊇ the table rows
  pool.parallel_for(n, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) s[i] *= z_t[i];
  });
  plonk::coset_intt(*domain, s, pool);
  if (std::any_of(s.begin() + static_cast<std::ptrdiff_t>(n - table_rows), s.end(),
                  [](const Fr& c) { return !c.is_zero(); })) {
    return Status::error("dataset link: " + first_difference(statement, advice_values, registered) +
                         ": the data changed since registration, or the registration secret belongs to other data");
  }
  s.resize(n - table_rows);
  const Polynomial<Coeff> quotient(std::move(s));

  LinkProof link;
  link.quotient = plonk::commit(srs, quotient.values(), pool).to_affine();
  transcript.absorb_point("link_s", link.quotient);
  const Fr z = transcript.challenge_scalar("z");
  link.quotient_eval = plonk::evaluate(quotient, z, pool);
  transcript.absorb_scalar("link_s_eval", link.quotient_eval);
  const std::vector<plonk::ProverQuery> queries = {
      {delta.values(), z, plonk::evaluate(delta, z, pool)},
      {quotient.values(), z, link.quotient_eval},
  };
  link.opening = plonk::open_multi(srs, queries, transcript, pool).front();
  return link;
}

Result<plonk::PairingAccumulator> verify_dataset_link_to_accumulator(const DatasetLinkStatement& statement,
                                                                     const LinkProof& link, plonk::ThreadPool& pool) {
  auto positions = data_commitment_positions(statement);
  if (!positions) return positions.status();
  auto domain = plonk::EvaluationDomain::create(statement.vk.k());
  if (!domain) return domain.status();
  const auto table_rows = static_cast<size_t>(statement.registration.layout.table_rows());

  plonk::Transcript transcript = begin_link_transcript(statement);
  const std::vector<Fr> gamma = powers(transcript.challenge_scalar("gamma"), statement.data_columns.size());
  transcript.absorb_point("link_s", link.quotient);
  const Fr z = transcript.challenge_scalar("z");
  transcript.absorb_scalar("link_s_eval", link.quotient_eval);

  // [δ] = Σ_j γ^j·([d_j] − C_reg_j), claimed to open to Z_T(z)·s(z).
  plonk::VerifierQuery delta{{}, z, evaluate_table_vanishing(*domain, table_rows, z) * link.quotient_eval};
  for (size_t j = 0; j < positions->size(); ++j) {
    delta.commitment.push_back({gamma[j], statement.proof.advice[(*positions)[j]]});
    delta.commitment.push_back({-gamma[j], statement.registration.commitments[j]});
  }
  const std::vector<plonk::VerifierQuery> queries = {
      std::move(delta),
      plonk::VerifierQuery{{{Fr::one(), link.quotient}}, z, link.quotient_eval},
  };
  const std::array<G1Affine, 1> witness = {link.opening};
  return plonk::verify_multi(queries, witness, transcript, pool);
}

Result<bool> verify_dataset_link(const DatasetLinkStatement& statement, const LinkProof& link,
                                 plonk::ThreadPool& pool) {
  auto acc = verify_dataset_link_to_accumulator(statement, link, pool);
  if (!acc) return acc.status();
  return plonk::holds(statement.vk, *acc);
}

Result<bool> verify_proof_with_dataset_link(const DatasetLinkStatement& statement, const plonk::Instance& instance,
                                            const LinkProof& link, plonk::Rng& rng, plonk::ThreadPool& pool) {
  auto proof_acc = plonk::verify_to_accumulator(statement.vk, instance, statement.proof, pool);
  if (!proof_acc) return proof_acc.status();
  auto link_acc = verify_dataset_link_to_accumulator(statement, link, pool);
  if (!link_acc) return link_acc.status();
  const std::array<plonk::PairingAccumulator, 2> both = {*proof_acc, *link_acc};
  return plonk::check_batch(both, statement.vk.g2_prepared(), statement.vk.tau_g2_prepared(), rng, pool);
}

}  // namespace zkfl::training
