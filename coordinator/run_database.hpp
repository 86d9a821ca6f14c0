// The coordinator's run database (DESIGN §2 "Persistence", docs/AUDIT.md):
// one SQLite file per run holding the run's configuration, its participants,
// every round with its global models, every submission with its proof and
// verdict, and the signed, hash-chained audit log.
//
// Durability: WAL journal, synchronous=FULL, foreign keys on. Every event is
// one transaction that changes its table row(s) and appends the matching
// audit entry, so a coordinator killed at any instant (kill -9, power loss)
// finds on restart either the whole event or none of it, and
// load_resume_state() tells it where it was.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coordinator/audit_events.hpp"
#include "coordinator/audit_log.hpp"
#include "coordinator/audit_signer.hpp"
#include "coordinator/run_records.hpp"
#include "coordinator/run_tables.hpp"
#include "coordinator/sqlite.hpp"

namespace zkfl::coordinator {

// What a new run is created with.
struct RunSetup {
  std::string config;                   // the configuration text, stored verbatim
  plonk::Sha256::Digest spec_digest{};  // training::step_spec_digest of the run's step spec
  std::string aggregation = "fedavg";   // an AggregationConfig text
  int64_t created_ms = 0;               // Unix time in milliseconds
};

// Everything a restarted coordinator needs to carry on.
struct ResumeState {
  RunRecord run;
  std::vector<ParticipantRecord> participants;  // by id
  // The latest round in whatever state it was left; nullopt before round 1.
  std::optional<RoundRecord> current_round;
  // The current round's submissions in arrival order, with their verdicts so far.
  std::vector<SubmissionRecord> submissions;
  // The latest aggregated round and the model it produced (W_{r+1}): what the
  // next round announces. nullopt before the first aggregation.
  std::optional<uint64_t> last_aggregated_round;
  std::optional<std::vector<int64_t>> last_aggregated_model;
};

// One coordinator's handle on its run; not thread-safe (use it from one
// thread, as the coordinator's event loop does). Readers in other processes
// (`zkfl audit`) may open the same file at any time.
class RunDatabase {
 public:
  // Creates a run database at `path` and records the run (audit entry 0),
  // signed by `signer`, which must outlive the database object. Errors: the
  // file exists, an invalid aggregation rule, SQLite failures (no file is
  // left behind on failure).
  static Result<RunDatabase> create(const std::filesystem::path& path, const RunSetup& setup,
                                    const AuditSigner& signer);
  // Opens an existing run to continue it; `signer` must hold the run's
  // coordinator key and outlive the object. Errors: no such file, a file that
  // is not a zkfl run database or has a newer schema, another key.
  static Result<RunDatabase> open(const std::filesystem::path& path, const AuditSigner& signer);
  // Opens a run for reading only (never writes to the file): for audits and
  // inspection; every record_* call on it fails. Errors as open().
  static Result<RunDatabase> open_read_only(const std::filesystem::path& path);

  RunDatabase(RunDatabase&&) noexcept = default;
  RunDatabase& operator=(RunDatabase&&) noexcept = default;

  const RunRecord& run() const { return run_; }
  const std::filesystem::path& path() const { return path_; }

  // --- Events. Each is one transaction with its audit entry; on error nothing is written.

  // Enrolls a participant. Errors: an id ≥ 2^63, an empty name or
  // registration, samples < 1, an id, name or identity key already enrolled.
  Status enroll_participant(const ParticipantRecord& participant);
  // Announces round `round.number` with model W_r, seed s_r and deadline, in
  // state announced. Rounds count 1, 2, …; each after the previous one is
  // aggregated, announcing the model that aggregation produced. Errors say
  // which of these is violated, or that the model is empty.
  Status announce_round(const RoundAnnounced& round);
  // Moves a round forward to collecting or verifying (verifying closes
  // submissions); moving to its current state does nothing. Errors: no such
  // round, a backward move, `aggregated` (record_aggregation does that).
  Status set_round_state(uint64_t round, RoundState state);
  // Records a received submission with verdict pending (its verdict and
  // reason fields must be pending and empty). Errors: the participant is not
  // enrolled; the round is not the current one or no longer accepts
  // submissions; the participant already submitted for this round (a replay).
  Status record_submission(const SubmissionRecord& submission);
  // Records the verdict of a pending submission. Errors: no such submission,
  // a verdict already recorded, a round already aggregated.
  Status record_verdict(uint64_t round, uint64_t participant, bool accepted, std::string_view reason);
  // Records the round's aggregate W_{r+1} (and its held-out accuracy, if
  // measured) and marks it aggregated. The model must be exactly what the
  // run's aggregation rule makes of the accepted submissions (W_r when there
  // are none; compute it with compute_round_aggregate()). Errors: the round is
  // not the current one in state verifying, a submission still pending, another
  // model, a non-finite accuracy.
  Status record_aggregation(uint64_t round, std::span<const int64_t> model, std::optional<double> accuracy);

  // The aggregate the run's rule makes of `round`'s accepted submissions, as
  // record_aggregation expects it. Errors: no such round, aggregation errors.
  Result<std::vector<int64_t>> compute_round_aggregate(uint64_t round);

  // --- Reads. Errors: SQLite failures, a row that does not decode (named).

  // Participants by id.
  Result<std::vector<ParticipantRecord>> load_participants();
  // One round; nullopt when it was never announced.
  Result<std::optional<RoundRecord>> load_round(uint64_t number);
  // Every round by number.
  Result<std::vector<RoundRecord>> load_rounds();
  // A round's submissions in arrival order.
  Result<std::vector<SubmissionRecord>> load_submissions(uint64_t round);
  // The audit log in seq order (not verified: audit_run does that).
  Result<std::vector<AuditEntry>> load_audit_entries();
  // Where the run stands, for a coordinator that restarts (see ResumeState).
  Result<ResumeState> load_resume_state();

  // The underlying connection, for tools and tests. Writes made through it
  // bypass the audit log, and `zkfl audit` reports them as tampering.
  SqliteConnection& connection() { return db_; }

 private:
  RunDatabase(SqliteConnection db, std::filesystem::path path, const AuditSigner* signer)
      : db_(std::move(db)), path_(std::move(path)), signer_(signer) {}
  Status check_writable() const;
  Result<std::optional<RoundRecord>> latest_round();

  SqliteConnection db_;
  std::filesystem::path path_;
  const AuditSigner* signer_ = nullptr;  // null when read-only
  RunRecord run_;
};

}  // namespace zkfl::coordinator
