#include "training/dataset_registration.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "plonk/base/sha256.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/poly/basis_conversion.hpp"
#include "plonk/poly/domain.hpp"

namespace zkfl::training {

using plonk::Fr;
using plonk::LagrangeEval;
using plonk::Polynomial;

namespace {

constexpr std::string_view kMaskDomain = "zkfl-dataset-mask-v1";

// mask_j(t) as the header defines it.
Fr mask(const RegistrationSecret& secret, uint32_t column, uint64_t row, plonk::Sha256& h) {
  std::array<uint8_t, 64> wide{};
  for (uint8_t half = 0; half < 2; ++half) {
    h.update(kMaskDomain).update(secret.seed).update_be(column, 4).update_be(row, 8).update_be(half, 1);
    const plonk::Sha256::Digest d = h.finish();
    std::copy(d.begin(), d.end(), wide.begin() + 32 * half);
  }
  return Fr::from_wide_bytes_be(wide);
}

Status check_domain(const DataTableLayout& layout, uint32_t k) {
  if (k < 1 || k > plonk::Srs::kMaxLogSize) {
    return Status::error("dataset registration: the domain size 2^k needs 1 ≤ k ≤ 28, got k = " + std::to_string(k));
  }
  if (static_cast<uint64_t>(layout.table_rows()) >= (uint64_t{1} << k)) {
    return Status::error("dataset registration: " + std::to_string(layout.table_rows()) +
                         " table rows need a domain of more than 2^" + std::to_string(k) + " rows");
  }
  return Status::ok();
}

// The registered polynomials' values on H: the table, then the masks.
Result<std::vector<Polynomial<LagrangeEval>>> registered_values(const DataTableLayout& layout, uint32_t k,
                                                                const DatasetView& data,
                                                                const RegistrationSecret& secret,
                                                                plonk::ThreadPool& pool) {
  if (Status s = check_dataset_shape(layout, data); !s) return Status::error("dataset registration: " + s.message());
  if (Status s = check_domain(layout, k); !s) return s;
  const size_t n = size_t{1} << k;
  auto table = data_table_columns(layout, data, n);
  if (!table) return Status::error("dataset registration: " + table.error());
  const auto first_masked = static_cast<size_t>(layout.table_rows());
  std::vector<Polynomial<LagrangeEval>> out;
  for (size_t j = 0; j < table->size(); ++j) {
    Polynomial<LagrangeEval> column(std::move((*table)[j]));
    pool.parallel_for(
        n - first_masked,
        [&](size_t begin, size_t end) {
          plonk::Sha256 h;
          for (size_t t = first_masked + begin; t < first_masked + end; ++t) {
            column[t] = mask(secret, static_cast<uint32_t>(j), t, h);
          }
        },
        256);
    out.push_back(std::move(column));
  }
  return out;
}

// C_reg_j for each registered polynomial.
std::vector<plonk::G1Affine> commit_columns(const plonk::Srs& srs, uint32_t k,
                                            const std::vector<Polynomial<LagrangeEval>>& columns,
                                            plonk::ThreadPool& pool) {
  auto domain = plonk::EvaluationDomain::create(k);  // k ≤ 28 was checked
  std::vector<plonk::G1Affine> out;
  for (const Polynomial<LagrangeEval>& column : columns) {
    const Polynomial<plonk::Coeff> coeffs = plonk::lagrange_to_coeff(*domain, column, pool);
    out.push_back(plonk::commit(srs, coeffs.values(), pool).to_affine());
  }
  return out;
}

Status check_schema(const DataTableLayout& layout, const DatasetSchema& schema) {
  if (static_cast<int64_t>(schema.feature_names.size()) != layout.values_per_row - 1) {
    return Status::error("dataset registration: the schema names " + std::to_string(schema.feature_names.size()) +
                         " features, the data has " + std::to_string(layout.values_per_row - 1));
  }
  return Status::ok();
}

}  // namespace

Result<Registration> register_dataset(const plonk::Srs& srs, const DataTableLayout& layout, uint32_t k,
                                      const DatasetView& data, const DatasetSchema& schema, plonk::Rng& rng,
                                      plonk::ThreadPool& pool) {
  if (Status s = layout.validate(); !s) return Status::error("dataset registration: " + s.message());
  if (Status s = check_schema(layout, schema); !s) return s;
  auto digest = schema_digest(schema);
  if (!digest) return digest.status();
  if (Status s = check_domain(layout, k); !s) return s;
  if (k > srs.k()) {
    return Status::error("dataset registration: the SRS has 2^" + std::to_string(srs.k()) +
                         " powers, the domain needs 2^" + std::to_string(k));
  }
  Registration reg;
  rng.fill(reg.secret.seed);
  auto values = registered_values(layout, k, data, reg.secret, pool);
  if (!values) return values.status();
  reg.record.layout = layout;
  reg.record.k = k;
  reg.record.schema = *digest;
  reg.record.commitments = commit_columns(srs, k, *values, pool);
  return reg;
}

Result<std::vector<Polynomial<LagrangeEval>>> registered_columns(const RegistrationRecord& record,
                                                                 const DatasetView& data,
                                                                 const RegistrationSecret& secret,
                                                                 plonk::ThreadPool& pool) {
  if (Status s = record.validate(); !s) return s;
  return registered_values(record.layout, record.k, data, secret, pool);
}

Status check_registration(const plonk::Srs& srs, const RegistrationRecord& record, const DatasetView& data,
                          const DatasetSchema& schema, const RegistrationSecret& secret, plonk::ThreadPool& pool) {
  if (Status s = record.validate(); !s) return s;
  if (Status s = check_schema(record.layout, schema); !s) return s;
  auto digest = schema_digest(schema);
  if (!digest) return digest.status();
  if (*digest != record.schema) return Status::error("dataset registration: the schema differs from the registered one");
  if (record.k > srs.k()) return Status::error("dataset registration: the SRS is smaller than the registered domain");
  auto values = registered_values(record.layout, record.k, data, secret, pool);
  if (!values) return values.status();
  const std::vector<plonk::G1Affine> commitments = commit_columns(srs, record.k, *values, pool);
  for (size_t j = 0; j < commitments.size(); ++j) {
    if (!(commitments[j] == record.commitments[j])) {
      return Status::error("dataset registration: data column " + std::to_string(j) +
                           " does not match its registered commitment: the data changed since registration, or "
                           "the secret belongs to another registration");
    }
  }
  return Status::ok();
}

}  // namespace zkfl::training
