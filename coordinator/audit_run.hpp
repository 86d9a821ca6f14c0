// `zkfl audit`: re-verifies a whole run offline from its database file alone
// (docs/AUDIT.md). It recomputes the audit chain and every signature,
// replays the log to rebuild what each table must hold and compares it with
// the tables row by row, re-verifies every decided submission's proof, and
// recomputes every aggregation. Tampering is reported, never a crash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "coordinator/audit_signer.hpp"
#include "coordinator/run_records.hpp"
#include "plonk/base/sha256.hpp"
#include "plonk/base/status.hpp"

namespace zkfl::coordinator {

using plonk::Result;

// One decided submission with the public data its proof is checked against,
// all as the (authenticated) audit log records them.
struct AuditedSubmission {
  const RunRecord& run;                  // config and step-spec digest
  const ParticipantRecord& participant;  // registration record, identity key, samples
  const RoundRecord& round;              // announced model W_r and seed s_r
  const SubmissionRecord& submission;    // W_out, proof, link, signature, verdict
};

// Re-verifies a submission's proof (the CLI passes one built on
// training::verify_registered_step): true when it verifies, false when it
// does not, an error for malformed inputs.
using ProofVerifier = std::function<Result<bool>(const AuditedSubmission&)>;

struct AuditOptions {
  // The coordinator key the auditor expects (e.g. published by the
  // consortium). Without it the key recorded in the run is trusted, so a
  // database rewritten and re-signed entirely under another key passes.
  std::optional<PublicKey> coordinator_key;
};

struct AuditReport {
  std::vector<std::string> discrepancies;  // each one a defect or a sign of tampering
  std::vector<std::string> notes;          // facts worth a look that are not defects
  uint64_t entries = 0;
  uint64_t participants = 0;
  uint64_t rounds = 0;
  uint64_t aggregated_rounds = 0;
  uint64_t submissions = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t pending = 0;
  uint64_t proofs_checked = 0;
  uint64_t aggregations_checked = 0;
  PublicKey coordinator_key{};  // the key the signatures were checked against
  // The last entry of the chain: compare with a head published elsewhere to
  // detect history truncated at its end.
  std::optional<uint64_t> head_seq;
  plonk::Sha256::Digest head_hash{};

  bool ok() const { return discrepancies.empty(); }
  // A human-readable report: verdict, counts, head, then every discrepancy and note.
  std::string to_text() const;
};

// Audits the run database at `path`, opened read-only (the file is never
// written). An error only when the file cannot be audited at all: missing,
// not a zkfl run database, a newer schema. Everything else, including every
// kind of tampering, is a discrepancy in the report.
Result<AuditReport> audit_run(const std::filesystem::path& path, const SignatureVerifier& verify_signature,
                              const ProofVerifier& verify_proof, const AuditOptions& options = {});

}  // namespace zkfl::coordinator
