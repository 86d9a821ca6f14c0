#include "coordinator/audit_log.hpp"

#include "plonk/base/hex.hpp"

namespace zkfl::coordinator {

plonk::Sha256::Digest audit_entry_hash(uint64_t seq, AuditKind kind, std::span<const uint8_t> payload,
                                       const plonk::Sha256::Digest& prev_hash) {
  const auto payload_hash = plonk::Sha256::hash(payload);
  plonk::Sha256 h;
  h.update(kAuditDomain);
  h.update_be(seq, 8);
  h.update_be(static_cast<uint8_t>(kind), 1);
  h.update(payload_hash);
  h.update(prev_hash);
  return h.finish();
}

Result<AuditEntry> append_audit_entry(SqliteConnection& db, const AuditSigner& signer, AuditKind kind,
                                      std::span<const uint8_t> payload) {
  AuditEntry entry;
  entry.kind = kind;
  entry.payload.assign(payload.begin(), payload.end());
  {
    auto last = db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!last) return last.status();
    auto row = last->step();
    if (!row) return row.status();
    if (*row) {
      auto seq = last->column_int(0);
      auto hash = last->column_fixed_blob<32>(1);
      if (!seq || !hash) {
        return Status::error("the last audit entry cannot be read (" + (seq ? hash.error() : seq.error()) +
                             "); run `zkfl audit` on this database");
      }
      entry.seq = static_cast<uint64_t>(*seq) + 1;
      entry.prev_hash = *hash;
    }
  }
  entry.hash = audit_entry_hash(entry.seq, kind, entry.payload, entry.prev_hash);
  entry.signature = signer.sign(entry.hash);

  auto insert = db.prepare(
      "INSERT INTO audit (seq, kind, payload, prev_hash, hash, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!insert) return insert.status();
  for (const Status& s : {insert->bind(1, static_cast<int64_t>(entry.seq)),
                          insert->bind(2, static_cast<int64_t>(kind)), insert->bind(3, entry.payload),
                          insert->bind(4, entry.prev_hash), insert->bind(5, entry.hash),
                          insert->bind(6, entry.signature)}) {
    if (!s) return s;
  }
  if (auto s = insert->run(); !s) return s;
  return entry;
}

Result<std::vector<AuditRow>> load_audit_rows(SqliteConnection& db) {
  auto stmt = db.prepare("SELECT seq, kind, payload, prev_hash, hash, signature FROM audit ORDER BY seq");
  if (!stmt) return stmt.status();
  std::vector<AuditRow> rows;
  while (true) {
    auto more = stmt->step();
    if (!more) return more.status();
    if (!*more) break;
    AuditRow row;
    auto seq = stmt->column_int(0);
    auto kind = stmt->column_int(1);
    auto payload = stmt->column_blob(2);
    auto prev = stmt->column_fixed_blob<32>(3);
    auto hash = stmt->column_fixed_blob<32>(4);
    auto signature = stmt->column_fixed_blob<64>(5);
    if (!seq) {
      row.seq = -1;
      row.defect = seq.error();
    } else {
      row.seq = *seq;
      if (*seq < 0) row.defect = "negative seq";
    }
    std::optional<AuditKind> decoded_kind;
    if (kind) decoded_kind = audit_kind_from_code(*kind);
    const std::string* first_error = nullptr;
    for (const std::string* e : {&kind.error(), &payload.error(), &prev.error(), &hash.error(), &signature.error()}) {
      if (!e->empty() && first_error == nullptr) first_error = e;
    }
    if (row.defect.empty() && first_error != nullptr) row.defect = *first_error;
    if (row.defect.empty() && !decoded_kind) row.defect = "unknown event kind " + std::to_string(*kind);
    if (row.defect.empty()) {
      row.entry = AuditEntry{static_cast<uint64_t>(*seq), *decoded_kind, std::move(*payload), *prev, *hash,
                             *signature};
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> check_audit_chain(std::span<const AuditEntry> entries, const PublicKey& key,
                                           const SignatureVerifier& verify) {
  std::vector<std::string> problems;
  plonk::Sha256::Digest expected_prev{};
  for (size_t i = 0; i < entries.size(); ++i) {
    const AuditEntry& e = entries[i];
    const std::string at = "audit entry " + std::to_string(e.seq) + " (" + std::string(audit_kind_name(e.kind)) + ")";
    if (e.seq != i) {
      problems.push_back(at + ": expected seq " + std::to_string(i) + "; entries are missing or renumbered");
    }
    if (e.prev_hash != expected_prev) {
      problems.push_back(at + ": its previous hash " + plonk::to_hex(e.prev_hash) +
                         " is not the hash of the entry before it (" + plonk::to_hex(expected_prev) +
                         "); entries were removed, inserted or reordered");
    }
    const auto recomputed = audit_entry_hash(e.seq, e.kind, e.payload, e.prev_hash);
    if (recomputed != e.hash) {
      problems.push_back(at + ": its hash does not match its contents; the entry was modified");
    }
    if (!verify(key, e.hash, e.signature)) {
      problems.push_back(at + ": its signature does not verify under the coordinator key");
    }
    // Chain on the stored hash: one modified entry is reported once, not at every later entry.
    expected_prev = e.hash;
  }
  return problems;
}

}  // namespace zkfl::coordinator

