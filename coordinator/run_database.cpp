#include "coordinator/run_database.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <system_error>

#include "coordinator/aggregation.hpp"
#include "coordinator/model_blob.hpp"
#include "coordinator/run_tables.hpp"
#include "coordinator/status_macros.hpp"
#include "plonk/base/hex.hpp"

namespace zkfl::coordinator {
namespace {

constexpr uint64_t kMaxId = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

std::string round_name(uint64_t round) { return "round " + std::to_string(round); }
std::string submission_name(uint64_t round, uint64_t participant) {
  return "participant " + std::to_string(participant) + "'s submission for round " + std::to_string(round);
}


// Per-connection settings: durability and integrity (journal_mode is stored in the file).
Status configure_connection(SqliteConnection& db, bool read_only) {
  ZKFL_TRY(db.execute("PRAGMA busy_timeout = 10000"));
  if (read_only) return db.execute("PRAGMA query_only = ON");
  return db.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
}

// The first failure among a statement's bind() results (evaluated in order).
Status bind_all(std::initializer_list<Status> binds) {
  for (const Status& s : binds) ZKFL_TRY(Status(s));
  return Status::ok();
}

// Removes a database and its WAL side files (after a failed creation).
void remove_database_files(const std::filesystem::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path.string() + suffix, ec);
  }
}

}  // namespace

Result<RunDatabase> RunDatabase::create(const std::filesystem::path& path, const RunSetup& setup,
                                        const AuditSigner& signer) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::error(path.string() + " already exists; a new run needs a new database path (open the existing "
                         "one to resume its run)");
  }
  if (auto rule = AggregationConfig::parse(setup.aggregation); !rule) return rule.status();
  auto created = [&]() -> Result<RunDatabase> {
    auto conn = SqliteConnection::open(path, SqliteConnection::Mode::kCreate);
    if (!conn) return conn.status();
    RunDatabase db(std::move(*conn), path, &signer);
    {
      auto mode = db.db_.prepare("PRAGMA journal_mode = WAL");
      if (!mode) return mode.status();
      auto row = mode->step();
      if (!row) return row.status();
      auto text = *row ? mode->column_text(0) : Result<std::string>(Status::error("no answer"));
      if (!text || *text != "wal") {
        return Status::error("SQLite could not switch to WAL journaling (the file system may not support it)");
      }
    }
    ZKFL_TRY(db.db_.execute("PRAGMA application_id = " + std::to_string(kRunApplicationId)));
    ZKFL_TRY(configure_connection(db.db_, false));
    auto tx = SqliteTransaction::begin(db.db_);
    if (!tx) return tx.status();
    ZKFL_TRY(create_run_tables(db.db_));
    db.run_ = RunRecord{setup.config, setup.spec_digest, setup.aggregation, signer.public_key(), setup.created_ms};
    {
      auto st = db.db_.prepare(
          "INSERT INTO run (id, config, spec_digest, aggregation, coordinator_key, created_ms) "
          "VALUES (1, ?1, ?2, ?3, ?4, ?5)");
      if (!st) return st.status();
      ZKFL_TRY(bind_all({st->bind(1, db.run_.config), st->bind(2, db.run_.spec_digest),
                         st->bind(3, db.run_.aggregation), st->bind(4, db.run_.coordinator_key),
                         st->bind(5, db.run_.created_ms)}));
      ZKFL_TRY(st->run());
    }
    auto entry = append_audit_entry(db.db_, signer, AuditKind::kRunCreated, encode_run_created(db.run_));
    if (!entry) return entry.status();
    ZKFL_TRY(tx->commit());
    return db;
  }();
  if (!created) {
    // The connection is closed by now (it lived in the lambda): remove the half-made file.
    remove_database_files(path);
    return Status::error("could not create the run database " + path.string() + ": " + created.error());
  }
  return created;
}

Result<RunDatabase> RunDatabase::open(const std::filesystem::path& path, const AuditSigner& signer) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::error("no run database at " + path.string() + "; check the path");
  }
  auto conn = SqliteConnection::open(path, SqliteConnection::Mode::kReadWrite);
  if (!conn) return conn.status();
  ZKFL_TRY(check_run_schema(*conn, path));
  ZKFL_TRY(configure_connection(*conn, false));
  RunDatabase db(std::move(*conn), path, &signer);
  ZKFL_TRY_ASSIGN(db.run_, read_run_row(db.db_));
  if (db.run_.coordinator_key != signer.public_key()) {
    return Status::error("the run in " + path.string() + " is signed by coordinator key " +
                         plonk::to_hex(db.run_.coordinator_key) + ", but the key given has public key " +
                         plonk::to_hex(signer.public_key()) + "; resume it with the run's coordinator key");
  }
  return db;
}

Result<RunDatabase> RunDatabase::open_read_only(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::error("no run database at " + path.string() + "; check the path");
  }
  auto conn = SqliteConnection::open(path, SqliteConnection::Mode::kReadOnly);
  if (!conn) return conn.status();
  ZKFL_TRY(check_run_schema(*conn, path));
  ZKFL_TRY(configure_connection(*conn, true));
  RunDatabase db(std::move(*conn), path, nullptr);
  ZKFL_TRY_ASSIGN(db.run_, read_run_row(db.db_));
  return db;
}

Status RunDatabase::check_writable() const {
  if (signer_ == nullptr) {
    return Status::error(path_.string() + " was opened read-only; open it with the coordinator key to record events");
  }
  return Status::ok();
}

Status RunDatabase::enroll_participant(const ParticipantRecord& p) {
  ZKFL_TRY(check_writable());
  const std::string who = "participant " + std::to_string(p.id) + " ('" + p.name + "')";
  if (p.id > kMaxId) return Status::error(who + ": participant ids must be below 2^63");
  if (p.name.empty()) return Status::error("participant " + std::to_string(p.id) + " needs a name");
  if (p.registration.empty()) return Status::error(who + " has no dataset registration");
  if (p.samples < 1) return Status::error(who + " has sample count " + std::to_string(p.samples) + "; it must be ≥ 1");
  auto tx = SqliteTransaction::begin(db_);
  if (!tx) return tx.status();
  {
    auto st = db_.prepare("SELECT id, name FROM participants WHERE id = ?1 OR name = ?2 OR identity_key = ?3");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, static_cast<int64_t>(p.id)), st->bind(2, p.name), st->bind(3, p.identity_key)}));
    auto row = st->step();
    if (!row) return row.status();
    if (*row) {
      auto id = st->column_int(0);
      auto name = st->column_text(1);
      return Status::error(who + " cannot be enrolled: participant " + (id ? std::to_string(*id) : "?") + " ('" +
                           (name ? *name : "?") + "') already has this id, name or identity key");
    }
  }
  {
    auto st = db_.prepare(
        "INSERT INTO participants (id, name, identity_key, curve_key, registration, samples, enrolled_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, static_cast<int64_t>(p.id)), st->bind(2, p.name), st->bind(3, p.identity_key),
                            st->bind(4, p.curve_key), st->bind(5, p.registration), st->bind(6, p.samples),
                            st->bind(7, p.enrolled_ms)}));
    ZKFL_TRY(st->run());
  }
  auto entry = append_audit_entry(db_, *signer_, AuditKind::kParticipantEnrolled, encode_participant_enrolled(p));
  if (!entry) return entry.status();
  return tx->commit();
}

Result<std::optional<RoundRecord>> RunDatabase::latest_round() {
  auto rows = all_or_first_error(scan_latest_round(db_));
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<RoundRecord>();
  return std::optional<RoundRecord>(std::move(rows->front()));
}

Status RunDatabase::announce_round(const RoundAnnounced& round) {
  ZKFL_TRY(check_writable());
  if (round.model.empty()) return Status::error(round_name(round.number) + " needs a global model");
  auto tx = SqliteTransaction::begin(db_);
  if (!tx) return tx.status();
  std::optional<RoundRecord> previous;
  ZKFL_TRY_ASSIGN(previous, latest_round());
  const uint64_t expected = previous ? previous->number + 1 : 1;
  if (round.number != expected) {
    return Status::error(round_name(round.number) + " cannot be announced: the next round of this run is " +
                         std::to_string(expected));
  }
  if (previous && previous->state != RoundState::kAggregated) {
    return Status::error(round_name(round.number) + " cannot be announced while " + round_name(previous->number) +
                         " is " + std::string(round_state_name(previous->state)) + "; aggregate it first");
  }
  if (previous && previous->result != round.model) {
    return Status::error(round_name(round.number) + " must announce the model " + round_name(previous->number) +
                         " aggregated; the model given differs");
  }
  {
    auto st = db_.prepare("INSERT INTO rounds (number, seed, model, state, deadline_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, static_cast<int64_t>(round.number)), st->bind(2, round.seed),
                            st->bind(3, encode_weights(round.model)),
                            st->bind(4, round_state_name(RoundState::kAnnounced)),
                            st->bind(5, round.deadline_ms)}));
    ZKFL_TRY(st->run());
  }
  auto entry = append_audit_entry(db_, *signer_, AuditKind::kRoundAnnounced, encode_round_announced(round));
  if (!entry) return entry.status();
  return tx->commit();
}

Status RunDatabase::set_round_state(uint64_t round, RoundState state) {
  ZKFL_TRY(check_writable());
  if (state == RoundState::kAggregated || state == RoundState::kAnnounced) {
    return Status::error(std::string("a round cannot be moved to '") + std::string(round_state_name(state)) +
                         "' directly (announce_round and record_aggregation do that)");
  }
  auto tx = SqliteTransaction::begin(db_);
  if (!tx) return tx.status();
  std::optional<RoundRecord> current;
  ZKFL_TRY_ASSIGN(current, load_round(round));
  if (!current) return Status::error(round_name(round) + " was never announced");
  if (current->state == state) return Status::ok();  // nothing to record; the transaction rolls back
  if (current->state > state) {
    return Status::error(round_name(round) + " is " + std::string(round_state_name(current->state)) +
                         "; it cannot go back to " + std::string(round_state_name(state)));
  }
  {
    auto st = db_.prepare("UPDATE rounds SET state = ?1 WHERE number = ?2");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, round_state_name(state)), st->bind(2, static_cast<int64_t>(round))}));
    ZKFL_TRY(st->run());
  }
  auto entry = append_audit_entry(db_, *signer_, AuditKind::kRoundState, encode_round_state({round, state}));
  if (!entry) return entry.status();
  return tx->commit();
}

Status RunDatabase::record_submission(const SubmissionRecord& s) {
  ZKFL_TRY(check_writable());
  const std::string what = submission_name(s.round, s.participant);
  if (s.verdict != Verdict::kPending || !s.reason.empty()) {
    return Status::error(what + " must be recorded as pending; record its verdict with record_verdict");
  }
  if (s.participant > kMaxId) return Status::error(what + ": participant ids are below 2^63");
  auto tx = SqliteTransaction::begin(db_);
  if (!tx) return tx.status();
  {
    auto st = db_.prepare("SELECT 1 FROM participants WHERE id = ?1");
    if (!st) return st.status();
    ZKFL_TRY(st->bind(1, static_cast<int64_t>(s.participant)));
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return Status::error(what + " is refused: participant " + std::to_string(s.participant) + " is not enrolled");
  }
  std::optional<RoundRecord> current;
  ZKFL_TRY_ASSIGN(current, latest_round());
  if (!current || current->number != s.round) {
    return Status::error(what + " is refused: " +
                         (current ? "the current round is " + std::to_string(current->number)
                                  : std::string("no round has been announced")));
  }
  if (current->state != RoundState::kAnnounced && current->state != RoundState::kCollecting) {
    return Status::error(what + " is refused: " + round_name(s.round) + " is " +
                         std::string(round_state_name(current->state)) + " and no longer accepts submissions");
  }
  {
    auto st = db_.prepare("SELECT received_ms FROM submissions WHERE round = ?1 AND participant = ?2");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, static_cast<int64_t>(s.round)), st->bind(2, static_cast<int64_t>(s.participant))}));
    auto row = st->step();
    if (!row) return row.status();
    if (*row) {
      return Status::error(what + " is refused: participant " + std::to_string(s.participant) +
                           " already submitted for this round (a replayed or duplicate submission)");
    }
  }
  {
    auto st = db_.prepare(
        "INSERT INTO submissions (round, participant, w_out, proof, link, signature, received_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, static_cast<int64_t>(s.round)), st->bind(2, static_cast<int64_t>(s.participant)),
                            st->bind(3, encode_weights(s.w_out)), st->bind(4, s.proof), st->bind(5, s.link),
                            st->bind(6, s.signature), st->bind(7, s.received_ms)}));
    ZKFL_TRY(st->run());
  }
  auto entry = append_audit_entry(db_, *signer_, AuditKind::kSubmissionReceived, encode_submission_received(s));
  if (!entry) return entry.status();
  return tx->commit();
}

Status RunDatabase::record_verdict(uint64_t round, uint64_t participant, bool accepted, std::string_view reason) {
  ZKFL_TRY(check_writable());
  const std::string what = submission_name(round, participant);
  auto tx = SqliteTransaction::begin(db_);
  if (!tx) return tx.status();
  {
    auto st = db_.prepare(
        "SELECT s.verdict, r.state FROM submissions s JOIN rounds r ON r.number = s.round "
        "WHERE s.round = ?1 AND s.participant = ?2");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, static_cast<int64_t>(round)), st->bind(2, static_cast<int64_t>(participant))}));
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return Status::error("no " + what + " was received, so it cannot have a verdict");
    auto verdict = st->column_text(0);
    auto state = st->column_text(1);
    if (!verdict || !state) return Status::error(what + " cannot be read; run `zkfl audit` on this database");
    if (*state == round_state_name(RoundState::kAggregated)) {
      return Status::error(round_name(round) + " is already aggregated; its verdicts are final");
    }
    if (*verdict != verdict_name(Verdict::kPending)) {
      return Status::error(what + " already has a verdict (" + *verdict + ")");
    }
  }
  {
    auto st = db_.prepare("UPDATE submissions SET verdict = ?1, reason = ?2 WHERE round = ?3 AND participant = ?4");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, verdict_name(accepted ? Verdict::kAccepted : Verdict::kRejected)),
                            st->bind(2, reason), st->bind(3, static_cast<int64_t>(round)),
                            st->bind(4, static_cast<int64_t>(participant))}));
    ZKFL_TRY(st->run());
  }
  const VerdictRecorded event{round, participant, accepted, std::string(reason)};
  auto entry = append_audit_entry(db_, *signer_, AuditKind::kVerdict, encode_verdict(event));
  if (!entry) return entry.status();
  return tx->commit();
}

Result<std::vector<int64_t>> RunDatabase::compute_round_aggregate(uint64_t round) {
  std::optional<RoundRecord> r;
  ZKFL_TRY_ASSIGN(r, load_round(round));
  if (!r) return Status::error(round_name(round) + " was never announced");
  std::vector<SubmissionRecord> submissions;
  ZKFL_TRY_ASSIGN(submissions, load_submissions(round));
  std::vector<ParticipantRecord> participants;
  ZKFL_TRY_ASSIGN(participants, load_participants());
  std::map<uint64_t, int64_t> samples;
  for (const auto& p : participants) samples[p.id] = p.samples;
  std::sort(submissions.begin(), submissions.end(),
            [](const auto& a, const auto& b) { return a.participant < b.participant; });
  std::vector<ClientUpdate> updates;
  for (const auto& s : submissions) {
    if (s.verdict != Verdict::kAccepted) continue;
    const auto n = samples.find(s.participant);
    if (n == samples.end()) {
      return Status::error(submission_name(round, s.participant) + " comes from a participant who is not enrolled");
    }
    updates.push_back(ClientUpdate{s.w_out, n->second});
  }
  AggregationConfig config;
  ZKFL_TRY_ASSIGN(config, AggregationConfig::parse(run_.aggregation));
  return aggregate_round(config, r->model, updates);
}

Status RunDatabase::record_aggregation(uint64_t round, std::span<const int64_t> model, std::optional<double> accuracy) {
  ZKFL_TRY(check_writable());
  if (accuracy && !std::isfinite(*accuracy)) {
    return Status::error("the accuracy of " + round_name(round) + " must be a finite number");
  }
  auto tx = SqliteTransaction::begin(db_);
  if (!tx) return tx.status();
  std::optional<RoundRecord> current;
  ZKFL_TRY_ASSIGN(current, latest_round());
  if (!current || current->number != round) {
    return Status::error(round_name(round) + " cannot be aggregated: it is not the current round");
  }
  if (current->state != RoundState::kVerifying) {
    return Status::error(round_name(round) + " is " + std::string(round_state_name(current->state)) +
                         "; it must be verifying (submissions closed) to be aggregated");
  }
  std::vector<SubmissionRecord> submissions;
  ZKFL_TRY_ASSIGN(submissions, load_submissions(round));
  RoundAggregated event{round, std::vector<int64_t>(model.begin(), model.end()), {}, accuracy};
  for (const auto& s : submissions) {
    if (s.verdict == Verdict::kPending) {
      return Status::error(round_name(round) + " cannot be aggregated: " + submission_name(round, s.participant) +
                           " has no verdict yet");
    }
    if (s.verdict == Verdict::kAccepted) event.accepted.push_back(s.participant);
  }
  std::sort(event.accepted.begin(), event.accepted.end());
  std::vector<int64_t> expected;
  ZKFL_TRY_ASSIGN(expected, compute_round_aggregate(round));
  if (expected != event.model) {
    return Status::error("the model given for " + round_name(round) + " is not what " + run_.aggregation +
                         " makes of its " + std::to_string(event.accepted.size()) +
                         " accepted updates; record compute_round_aggregate()'s result");
  }
  {
    auto st = db_.prepare("UPDATE rounds SET state = ?1, result = ?2, accuracy = ?3 WHERE number = ?4");
    if (!st) return st.status();
    ZKFL_TRY(bind_all({st->bind(1, round_state_name(RoundState::kAggregated)),
                            st->bind(2, encode_weights(event.model)),
                            accuracy ? st->bind(3, *accuracy) : st->bind_null(3),
                            st->bind(4, static_cast<int64_t>(round))}));
    ZKFL_TRY(st->run());
  }
  auto entry = append_audit_entry(db_, *signer_, AuditKind::kRoundAggregated, encode_round_aggregated(event));
  if (!entry) return entry.status();
  return tx->commit();
}

Result<std::vector<ParticipantRecord>> RunDatabase::load_participants() {
  return all_or_first_error(scan_participants(db_));
}

Result<std::optional<RoundRecord>> RunDatabase::load_round(uint64_t number) {
  auto rows = all_or_first_error(scan_rounds(db_, number));
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<RoundRecord>();
  return std::optional<RoundRecord>(std::move(rows->front()));
}

Result<std::vector<RoundRecord>> RunDatabase::load_rounds() { return all_or_first_error(scan_rounds(db_)); }

Result<std::vector<SubmissionRecord>> RunDatabase::load_submissions(uint64_t round) {
  return all_or_first_error(scan_submissions(db_, round));
}

Result<std::vector<AuditEntry>> RunDatabase::load_audit_entries() {
  auto rows = load_audit_rows(db_);
  if (!rows) return rows.status();
  std::vector<AuditEntry> entries;
  for (auto& row : *rows) {
    if (!row.defect.empty()) {
      return Status::error("audit row " + std::to_string(row.seq) + ": " + row.defect +
                           "; run `zkfl audit` on this database");
    }
    entries.push_back(std::move(row.entry));
  }
  return entries;
}

Result<ResumeState> RunDatabase::load_resume_state() {
  ResumeState state;
  ZKFL_TRY_ASSIGN(state.run, read_run_row(db_));
  ZKFL_TRY_ASSIGN(state.participants, load_participants());
  ZKFL_TRY_ASSIGN(state.current_round, latest_round());
  if (!state.current_round) return state;
  ZKFL_TRY_ASSIGN(state.submissions, load_submissions(state.current_round->number));
  // Only the latest round can be unaggregated (announce_round enforces it).
  const RoundRecord& current = *state.current_round;
  std::optional<RoundRecord> aggregated;
  if (current.state == RoundState::kAggregated) {
    aggregated = current;
  } else if (current.number > 1) {
    ZKFL_TRY_ASSIGN(aggregated, load_round(current.number - 1));
  }
  if (aggregated) {
    if (aggregated->state != RoundState::kAggregated || !aggregated->result) {
      return Status::error(round_name(aggregated->number) + " precedes the current round but is not aggregated; "
                           "the run database is inconsistent, run `zkfl audit` on it");
    }
    state.last_aggregated_round = aggregated->number;
    state.last_aggregated_model = aggregated->result;
  }
  return state;
}

}  // namespace zkfl::coordinator
