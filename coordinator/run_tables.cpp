#include "coordinator/run_tables.hpp"

#include <functional>
#include <limits>

#include "coordinator/model_blob.hpp"
#include "coordinator/status_macros.hpp"

namespace zkfl::coordinator {
namespace {

// Schema version 1 (docs/AUDIT.md lists it with the meaning of each column).
constexpr std::string_view kSchemaSql = R"sql(
CREATE TABLE schema_version (
  application TEXT NOT NULL,
  version     INTEGER NOT NULL
);
CREATE TABLE run (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  config          TEXT NOT NULL,
  spec_digest     BLOB NOT NULL CHECK (length(spec_digest) = 32),
  aggregation     TEXT NOT NULL,
  coordinator_key BLOB NOT NULL CHECK (length(coordinator_key) = 32),
  created_ms      INTEGER NOT NULL
);
CREATE TABLE participants (
  id           INTEGER PRIMARY KEY CHECK (id >= 0),
  name         TEXT NOT NULL UNIQUE,
  identity_key BLOB NOT NULL UNIQUE CHECK (length(identity_key) = 32),
  curve_key    BLOB NOT NULL CHECK (length(curve_key) = 32),
  registration BLOB NOT NULL,
  samples      INTEGER NOT NULL CHECK (samples >= 1),
  enrolled_ms  INTEGER NOT NULL
);
CREATE TABLE rounds (
  number      INTEGER PRIMARY KEY CHECK (number >= 1),
  seed        BLOB NOT NULL CHECK (length(seed) = 32),
  model       BLOB NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('announced', 'collecting', 'verifying', 'aggregated')),
  deadline_ms INTEGER NOT NULL,
  result      BLOB,
  accuracy    REAL,
  CHECK ((state = 'aggregated') = (result IS NOT NULL))
);
CREATE TABLE submissions (
  round       INTEGER NOT NULL REFERENCES rounds(number),
  participant INTEGER NOT NULL REFERENCES participants(id),
  w_out       BLOB NOT NULL,
  proof       BLOB NOT NULL,
  link        BLOB NOT NULL,
  signature   BLOB NOT NULL CHECK (length(signature) = 64),
  received_ms INTEGER NOT NULL,
  verdict     TEXT NOT NULL DEFAULT 'pending' CHECK (verdict IN ('pending', 'accepted', 'rejected')),
  reason      TEXT NOT NULL DEFAULT '',
  UNIQUE (round, participant)
);
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY CHECK (seq >= 0),
  kind      INTEGER NOT NULL,
  payload   BLOB NOT NULL,
  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
  hash      BLOB NOT NULL CHECK (length(hash) = 32),
  signature BLOB NOT NULL CHECK (length(signature) = 64)
);
)sql";


// Prefixes a decoding error with the row it comes from.
template <class T>
Result<T> in_row(Result<T> r, const std::string& row) {
  if (r) return r;
  return Status::error(row + ": " + r.error());
}

Result<RunRecord> decode_run_row(SqliteStatement& st) {
  RunRecord run;
  ZKFL_TRY_ASSIGN(run.config, st.column_text(0));
  ZKFL_TRY_ASSIGN(run.spec_digest, st.column_fixed_blob<32>(1));
  ZKFL_TRY_ASSIGN(run.aggregation, st.column_text(2));
  ZKFL_TRY_ASSIGN(run.coordinator_key, st.column_fixed_blob<32>(3));
  ZKFL_TRY_ASSIGN(run.created_ms, st.column_int(4));
  return run;
}

constexpr std::string_view kParticipantColumns =
    "SELECT id, name, identity_key, curve_key, registration, samples, enrolled_ms FROM participants";

Result<ParticipantRecord> decode_participant_row(SqliteStatement& st) {
  ParticipantRecord p;
  int64_t id = 0;
  ZKFL_TRY_ASSIGN(id, st.column_int(0));
  if (id < 0) return Status::error("negative participant id");
  p.id = static_cast<uint64_t>(id);
  ZKFL_TRY_ASSIGN(p.name, st.column_text(1));
  ZKFL_TRY_ASSIGN(p.identity_key, st.column_fixed_blob<32>(2));
  ZKFL_TRY_ASSIGN(p.curve_key, st.column_fixed_blob<32>(3));
  ZKFL_TRY_ASSIGN(p.registration, st.column_blob(4));
  ZKFL_TRY_ASSIGN(p.samples, st.column_int(5));
  ZKFL_TRY_ASSIGN(p.enrolled_ms, st.column_int(6));
  return p;
}

constexpr std::string_view kRoundColumns =
    "SELECT number, seed, model, state, deadline_ms, result, accuracy FROM rounds";

Result<RoundRecord> decode_round_row(SqliteStatement& st) {
  RoundRecord r;
  int64_t number = 0;
  ZKFL_TRY_ASSIGN(number, st.column_int(0));
  if (number < 1) return Status::error("round number " + std::to_string(number) + " is below 1");
  r.number = static_cast<uint64_t>(number);
  ZKFL_TRY_ASSIGN(r.seed, st.column_fixed_blob<32>(1));
  std::vector<uint8_t> blob;
  ZKFL_TRY_ASSIGN(blob, st.column_blob(2));
  ZKFL_TRY_ASSIGN(r.model, decode_weights(blob, "model"));
  std::string state;
  ZKFL_TRY_ASSIGN(state, st.column_text(3));
  const auto parsed = parse_round_state(state);
  if (!parsed) return Status::error("unknown state '" + state + "'");
  r.state = *parsed;
  ZKFL_TRY_ASSIGN(r.deadline_ms, st.column_int(4));
  if (!st.is_null(5)) {
    ZKFL_TRY_ASSIGN(blob, st.column_blob(5));
    ZKFL_TRY_ASSIGN(r.result, decode_weights(blob, "result"));
  }
  if (!st.is_null(6)) ZKFL_TRY_ASSIGN(r.accuracy, st.column_double(6));
  return r;
}

constexpr std::string_view kSubmissionColumns =
    "SELECT round, participant, w_out, proof, link, signature, received_ms, verdict, reason FROM submissions";

Result<SubmissionRecord> decode_submission_row(SqliteStatement& st) {
  SubmissionRecord s;
  int64_t round = 0;
  int64_t participant = 0;
  ZKFL_TRY_ASSIGN(round, st.column_int(0));
  ZKFL_TRY_ASSIGN(participant, st.column_int(1));
  if (round < 0 || participant < 0) return Status::error("negative round or participant");
  s.round = static_cast<uint64_t>(round);
  s.participant = static_cast<uint64_t>(participant);
  std::vector<uint8_t> blob;
  ZKFL_TRY_ASSIGN(blob, st.column_blob(2));
  ZKFL_TRY_ASSIGN(s.w_out, decode_weights(blob, "w_out"));
  ZKFL_TRY_ASSIGN(s.proof, st.column_blob(3));
  ZKFL_TRY_ASSIGN(s.link, st.column_blob(4));
  ZKFL_TRY_ASSIGN(s.signature, st.column_fixed_blob<64>(5));
  ZKFL_TRY_ASSIGN(s.received_ms, st.column_int(6));
  std::string verdict;
  ZKFL_TRY_ASSIGN(verdict, st.column_text(7));
  const auto parsed = parse_verdict(verdict);
  if (!parsed) return Status::error("unknown verdict '" + verdict + "'");
  s.verdict = *parsed;
  ZKFL_TRY_ASSIGN(s.reason, st.column_text(8));
  return s;
}

// A short label for a row whose key columns are readable, for error messages.
std::string row_label(SqliteStatement& st, const char* table, std::initializer_list<int> key_columns) {
  std::string label = std::string(table) + " row";
  for (int c : key_columns) {
    auto v = st.column_int(c);
    label.append(" ").append(st.column_name(c)).append("=").append(v ? std::to_string(*v) : std::string("?"));
  }
  return label;
}

// Runs `sql` (with `bind` applied) and decodes every row independently.
template <class T, class Decode>
Result<std::vector<Result<T>>> scan(SqliteConnection& db, std::string_view sql, const char* table,
                                    std::initializer_list<int> key_columns, Decode decode,
                                    const std::function<Status(SqliteStatement&)>& bind = {}) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  if (bind) ZKFL_TRY(bind(*st));
  std::vector<Result<T>> rows;
  while (true) {
    auto more = st->step();
    if (!more) return more.status();
    if (!*more) break;
    rows.push_back(in_row(decode(*st), row_label(*st, table, key_columns)));
  }
  return rows;
}


}  // namespace

Status create_run_tables(SqliteConnection& db) {
  ZKFL_TRY(db.execute(kSchemaSql));
  auto st = db.prepare("INSERT INTO schema_version (application, version) VALUES (?1, ?2)");
  if (!st) return st.status();
  ZKFL_TRY(st->bind(1, kRunApplication));
  ZKFL_TRY(st->bind(2, kRunSchemaVersion));
  return st->run();
}

Status check_run_schema(SqliteConnection& db, const std::filesystem::path& path) {
  auto has = db.has_table("schema_version");
  if (!has) {
    return Status::error(path.string() + " is not a zkfl run database (SQLite cannot read it: " + has.error() +
                         ")");
  }
  if (!*has) {
    return Status::error(path.string() + " is an SQLite database but not a zkfl run database (it has no "
                         "schema_version table); give the path of a run database made by `zkfl coordinator`");
  }
  auto st = db.prepare("SELECT application, version FROM schema_version");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  auto application = *row ? st->column_text(0) : Result<std::string>(Status::error("no row"));
  auto version = *row ? st->column_int(1) : Result<int64_t>(Status::error("no row"));
  if (!application || !version || *application != kRunApplication) {
    return Status::error(path.string() + " is not a zkfl run database (its schema_version table does not name " +
                         std::string(kRunApplication) + ")");
  }
  if (*version > kRunSchemaVersion) {
    return Status::error(path.string() + " was written by a newer zkfl (run database schema version " +
                         std::to_string(*version) + "; this build reads version " +
                         std::to_string(kRunSchemaVersion) + "); upgrade zkfl to open it");
  }
  if (*version != kRunSchemaVersion) {
    return Status::error(path.string() + " has run database schema version " + std::to_string(*version) +
                         ", which this build of zkfl cannot read (it reads version " +
                         std::to_string(kRunSchemaVersion) + ")");
  }
  return Status::ok();
}


Result<RunRecord> read_run_row(SqliteConnection& db) {
  auto st = db.prepare("SELECT config, spec_digest, aggregation, coordinator_key, created_ms FROM run");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return Status::error("the run table has no row; the run database is damaged");
  auto run = in_row(decode_run_row(*st), "run row");
  if (!run) return run.status();
  auto second = st->step();
  if (!second) return second.status();
  if (*second) return Status::error("the run table has more than one row; the run database is damaged");
  return run;
}

Result<std::vector<Result<ParticipantRecord>>> scan_participants(SqliteConnection& db) {
  return scan<ParticipantRecord>(db, std::string(kParticipantColumns) + " ORDER BY id", "participants", {0},
                                 decode_participant_row);
}

Result<std::vector<Result<RoundRecord>>> scan_rounds(SqliteConnection& db, std::optional<uint64_t> number) {
  if (!number) {
    return scan<RoundRecord>(db, std::string(kRoundColumns) + " ORDER BY number", "rounds", {0}, decode_round_row);
  }
  if (*number > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return std::vector<Result<RoundRecord>>();
  }
  return scan<RoundRecord>(db, std::string(kRoundColumns) + " WHERE number = ?1", "rounds", {0}, decode_round_row,
                           [&](SqliteStatement& st) { return st.bind(1, static_cast<int64_t>(*number)); });
}

Result<std::vector<Result<RoundRecord>>> scan_latest_round(SqliteConnection& db) {
  return scan<RoundRecord>(db, std::string(kRoundColumns) + " ORDER BY number DESC LIMIT 1", "rounds", {0},
                           decode_round_row);
}

Result<std::vector<Result<SubmissionRecord>>> scan_submissions(SqliteConnection& db, std::optional<uint64_t> round) {
  if (!round) {
    return scan<SubmissionRecord>(db, std::string(kSubmissionColumns) + " ORDER BY round, rowid", "submissions",
                                  {0, 1}, decode_submission_row);
  }
  if (*round > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return std::vector<Result<SubmissionRecord>>();
  }
  return scan<SubmissionRecord>(db, std::string(kSubmissionColumns) + " WHERE round = ?1 ORDER BY rowid",
                                "submissions", {0, 1}, decode_submission_row,
                                [&](SqliteStatement& st) { return st.bind(1, static_cast<int64_t>(*round)); });
}

}  // namespace zkfl::coordinator
