// The run's audit log: a hash chain of signed entries kept in the run
// database's `audit` table (docs/AUDIT.md). Entry i is (seq i, kind, payload);
//   hash_i = SHA-256("zkfl-audit-v1" ‖ u64 seq ‖ u8 kind ‖ SHA-256(payload) ‖ hash_{i−1})
// with hash_{−1} = 32 zero bytes and seq counting from 0, and
//   signature_i = Ed25519(coordinator key, hash_i).
// Entries are appended in the same SQLite transaction as the change they
// record, so the log and the tables commit or vanish together.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coordinator/audit_events.hpp"
#include "coordinator/audit_signer.hpp"
#include "coordinator/sqlite.hpp"
#include "plonk/base/sha256.hpp"

namespace zkfl::coordinator {

inline constexpr std::string_view kAuditDomain = "zkfl-audit-v1";

struct AuditEntry {
  uint64_t seq = 0;
  AuditKind kind = AuditKind::kRunCreated;
  std::vector<uint8_t> payload;
  plonk::Sha256::Digest prev_hash{};
  plonk::Sha256::Digest hash{};
  Signature signature{};
};

// hash_i as defined above.
plonk::Sha256::Digest audit_entry_hash(uint64_t seq, AuditKind kind, std::span<const uint8_t> payload,
                                       const plonk::Sha256::Digest& prev_hash);

// Appends (next seq, kind, payload) to the audit table, chained to the last
// entry and signed by `signer`. Must run inside the caller's open transaction
// (SqliteTransaction) so that the entry commits with the change it records.
// Errors: SQLite failures, a last entry that cannot be read.
Result<AuditEntry> append_audit_entry(SqliteConnection& db, const AuditSigner& signer, AuditKind kind,
                                      std::span<const uint8_t> payload);

// One row of the audit table, decoded as far as it goes: a row whose kind or
// byte lengths are wrong (a tampered table) has `defect` set instead of
// failing the whole read.
struct AuditRow {
  int64_t seq = 0;
  AuditEntry entry;
  std::string defect;  // empty for a well-formed row
};

// Every row of the audit table in seq order. An error only if the table
// cannot be queried at all.
Result<std::vector<AuditRow>> load_audit_rows(SqliteConnection& db);

// The problems in a chain of entries, in order; empty when seqs run 0, 1, …
// without gaps, every prev_hash is the previous entry's hash, every hash
// recomputes, and every signature verifies under `key`.
std::vector<std::string> check_audit_chain(std::span<const AuditEntry> entries, const PublicKey& key,
                                           const SignatureVerifier& verify);

}  // namespace zkfl::coordinator
