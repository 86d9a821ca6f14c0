// Dataset registration (DESIGN §1, docs/DATASET_LINK.md): a participant
// commits once to its dataset, laid out as the step circuit's data table
// (data_table.hpp), over the circuit's domain H of 2^k rows. Registered data
// column j is the polynomial d_j^reg with
//   d_j^reg(ω^t) = the table's value      for t < T (data_table_columns)
//   d_j^reg(ω^t) = mask_j(t), uniform     for T ≤ t < n
// and the record publishes C_reg_j = [d_j^reg(τ)]₁. The random rows hide the
// table (a commitment to a polynomial with random evaluations reveals
// nothing about the others). They are derived from the secret 32-byte seed:
//   mask_j(t) = (SHA-256(tag ‖ seed ‖ u32(j) ‖ u64(t) ‖ 0x00) ‖ SHA-256(tag ‖ seed ‖ u32(j) ‖ u64(t) ‖ 0x01))
//               as a 512-bit big-endian integer mod r,     tag = "zkfl-dataset-mask-v1"
// so the participant keeps 32 bytes, not n·P field elements.
#pragma once

#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/kzg/srs.hpp"
#include "plonk/poly/polynomial.hpp"
#include "training/data_table.hpp"
#include "training/registration_record.hpp"
#include "training/registration_secret.hpp"

namespace zkfl::training {

struct Registration {
  RegistrationRecord record;   // public: goes to the coordinator
  RegistrationSecret secret;   // private: stays with the participant (write_registration_secret)
};

// Registers `data` for a step circuit over 2^k rows: draws the seed from `rng`
// (use SecureRng), builds the P registered polynomials and commits to them.
// Errors: an invalid layout or schema, a dataset that does not match the
// layout or the schema (d feature names), k = 0 or above the SRS's size, or a
// table that leaves no random row (T ≥ 2^k).
Result<Registration> register_dataset(const plonk::Srs& srs, const DataTableLayout& layout, uint32_t k,
                                      const DatasetView& data, const DatasetSchema& schema, plonk::Rng& rng,
                                      plonk::ThreadPool& pool);

// The P registered polynomials d_j^reg as values on H (what the link's prover
// subtracts), regenerated from the data and the secret. Errors: an invalid
// record or a dataset of another shape. It does not check the commitments
// (check_registration does).
Result<std::vector<plonk::Polynomial<plonk::LagrangeEval>>> registered_columns(const RegistrationRecord& record,
                                                                               const DatasetView& data,
                                                                               const RegistrationSecret& secret,
                                                                               plonk::ThreadPool& pool);

// Ok when `data`, `schema` and `secret` reproduce `record` (shape, schema
// digest and every commitment): what a participant checks before proving,
// e.g. after reloading its data. An error says which part differs.
Status check_registration(const plonk::Srs& srs, const RegistrationRecord& record, const DatasetView& data,
                          const DatasetSchema& schema, const RegistrationSecret& secret, plonk::ThreadPool& pool);

}  // namespace zkfl::training
