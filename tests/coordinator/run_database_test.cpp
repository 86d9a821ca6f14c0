// The run database: creation and reopening, resuming after a coordinator
// stops mid-round (closed, killed with SIGKILL during writes, or copied while
// a transaction is open), the order of events it enforces, replayed
// submissions, and clear errors for files that are not run databases.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

#include "coordinator/run_tables.hpp"
#include "coordinator/sqlite.hpp"
#include "run_fixture.hpp"

namespace zkfl::coordinator {
namespace {

using testing::TempDir;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

RunSetup small_setup() {
  RunSetup setup;
  setup.config = "config text";
  setup.spec_digest = plonk::Sha256::hash(std::vector<uint8_t>{9});
  setup.aggregation = "median";
  setup.created_ms = 42;
  return setup;
}

// The audit of `path` with signature checks standing in for proofs.
AuditReport audit(const std::filesystem::path& path) {
  auto report = audit_run(path, ed25519_verify, testing::signature_checking_verifier());
  EXPECT_TRUE(report.is_ok()) << report.error();
  if (report.is_ok()) return *report;
  AuditReport failed;
  failed.discrepancies.push_back("the audit did not run: " + report.error());
  return failed;
}

TEST(RunDatabaseTest, CreatesAndReopensWithDurableSettings) {
  TempDir dir;
  const auto key = testing::test_key(1);
  {
    auto db = RunDatabase::create(dir / "run.db", small_setup(), key);
    ASSERT_TRUE(db.is_ok()) << db.error();
    EXPECT_EQ(db->run().coordinator_key, key.public_key());
  }
  auto db = RunDatabase::open(dir / "run.db", key);
  ASSERT_TRUE(db.is_ok()) << db.error();
  EXPECT_EQ(db->run().config, "config text");
  EXPECT_EQ(db->run().aggregation, "median");
  EXPECT_EQ(db->run().created_ms, 42);
  const auto pragma = [&](const char* sql) {
    auto st = db->connection().prepare(sql);
    EXPECT_TRUE(st.is_ok());
    EXPECT_TRUE(*st->step());
    auto v = st->column_text(0);
    if (v) return *v;
    return std::to_string(*st->column_int(0));
  };
  EXPECT_EQ(pragma("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(pragma("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(pragma("SELECT version FROM schema_version"), std::to_string(kRunSchemaVersion));
  auto entries = db->load_audit_entries();
  ASSERT_TRUE(entries.is_ok()) << entries.error();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().kind, AuditKind::kRunCreated);
  auto resume = db->load_resume_state();
  ASSERT_TRUE(resume.is_ok()) << resume.error();
  EXPECT_FALSE(resume->current_round.has_value());
  EXPECT_FALSE(resume->last_aggregated_model.has_value());
}

TEST(RunDatabaseTest, ResumesTheRoundItWasClosedIn) {
  TempDir dir;
  const auto key = testing::test_key(2);
  const auto run = testing::build_honest_run(dir / "run.db", key);  // closes the database mid-round 3

  auto db = RunDatabase::open(dir / "run.db", key);
  ASSERT_TRUE(db.is_ok()) << db.error();
  auto resume = db->load_resume_state();
  ASSERT_TRUE(resume.is_ok()) << resume.error();
  EXPECT_EQ(resume->participants.size(), 4u);
  ASSERT_TRUE(resume->current_round.has_value());
  EXPECT_EQ(resume->current_round->number, 3u);
  EXPECT_EQ(resume->current_round->state, RoundState::kCollecting);
  ASSERT_EQ(resume->submissions.size(), 1u);
  EXPECT_EQ(resume->submissions[0].participant, 1u);
  EXPECT_EQ(resume->submissions[0].verdict, Verdict::kPending);
  ASSERT_EQ(resume->last_aggregated_round, std::optional<uint64_t>(2));
  EXPECT_EQ(*resume->last_aggregated_model, resume->current_round->model);
  auto round2 = db->load_round(2);
  ASSERT_TRUE(round2.is_ok() && round2->has_value());
  EXPECT_EQ((*round2)->accuracy, std::optional<double>(0.7));

  // Carry on where it stopped: the other two submit, round 3 is aggregated, round 4 announced.
  const auto& model = resume->current_round->model;
  for (uint64_t p = 2; p <= 4; ++p) {
    ASSERT_TRUE(db->record_submission(testing::signed_submission(run.identities[p - 1], 3, p,
                                                                 testing::trained(model, 3, p), 5000)));
  }
  ASSERT_TRUE(db->set_round_state(3, RoundState::kVerifying));
  for (uint64_t p = 1; p <= 4; ++p) ASSERT_TRUE(db->record_verdict(3, p, true, ""));
  auto next = db->compute_round_aggregate(3);
  ASSERT_TRUE(next.is_ok()) << next.error();
  ASSERT_TRUE(db->record_aggregation(3, *next, std::nullopt));
  ASSERT_TRUE(db->announce_round(RoundAnnounced{4, testing::round_seed(4), *next, 9000}));
  const AuditReport report = audit(dir / "run.db");
  EXPECT_TRUE(report.ok()) << report.to_text();
  EXPECT_EQ(report.rounds, 4u);
  EXPECT_EQ(report.aggregated_rounds, 3u);
}

TEST(RunDatabaseTest, AReplayedSubmissionIsRejected) {
  TempDir dir;
  const auto key = testing::test_key(3);
  const auto run = testing::build_honest_run(dir / "run.db", key);
  auto db = RunDatabase::open(dir / "run.db", key);
  ASSERT_TRUE(db.is_ok()) << db.error();
  auto pending = db->load_submissions(3);
  ASSERT_TRUE(pending.is_ok() && pending->size() == 1);

  // The same message again, and a different update from the same participant.
  for (const SubmissionRecord& replay :
       {pending->front(), testing::signed_submission(run.identities[0], 3, 1, {1, 2, 3, 4, 5, 6}, 7777)}) {
    const Status s = db->record_submission(replay);
    ASSERT_FALSE(s.is_ok());
    EXPECT_TRUE(contains(s.message(), "already submitted for this round")) << s.message();
  }
  // The schema enforces it too, below the API: UNIQUE(round, participant).
  const Status raw = db->connection().execute(
      "INSERT INTO submissions (round, participant, w_out, proof, link, signature, received_ms) "
      "SELECT round, participant, w_out, proof, link, signature, received_ms FROM submissions WHERE round = 3");
  ASSERT_FALSE(raw.is_ok());
  EXPECT_TRUE(contains(raw.message(), "UNIQUE constraint failed")) << raw.message();
  auto after = db->load_submissions(3);
  ASSERT_TRUE(after.is_ok());
  EXPECT_EQ(after->size(), 1u);
  EXPECT_EQ(after->front(), pending->front());
}

TEST(RunDatabaseTest, EventsOutOfOrderAreRefusedWithReasons) {
  TempDir dir;
  const auto key = testing::test_key(4);
  const auto run = testing::build_honest_run(dir / "run.db", key);
  auto db = RunDatabase::open(dir / "run.db", key);
  ASSERT_TRUE(db.is_ok()) << db.error();
  auto round3 = db->load_round(3);
  ASSERT_TRUE(round3.is_ok() && round3->has_value());
  const auto model = (*round3)->model;
  const auto expect_error = [](const Status& s, const std::string& part) {
    ASSERT_FALSE(s.is_ok()) << "expected an error containing: " << part;
    EXPECT_TRUE(contains(s.message(), part)) << s.message();
  };

  expect_error(db->announce_round(RoundAnnounced{5, testing::round_seed(5), model, 0}), "the next round of this run is 4");
  expect_error(db->announce_round(RoundAnnounced{4, testing::round_seed(4), model, 0}), "aggregate it first");
  expect_error(db->record_submission(testing::signed_submission(run.identities[1], 2, 2, model, 0)),
               "the current round is 3");
  expect_error(db->record_submission(testing::signed_submission(run.identities[1], 3, 9, model, 0)),
               "participant 9 is not enrolled");
  expect_error(db->record_verdict(3, 2, true, ""), "was received");
  expect_error(db->record_aggregation(3, model, std::nullopt), "must be verifying");
  expect_error(db->set_round_state(3, RoundState::kAnnounced), "cannot be moved");
  expect_error(db->set_round_state(9, RoundState::kVerifying), "never announced");

  ASSERT_TRUE(db->set_round_state(3, RoundState::kVerifying));
  ASSERT_TRUE(db->set_round_state(3, RoundState::kVerifying));  // already there: nothing to do
  expect_error(db->set_round_state(3, RoundState::kCollecting), "cannot go back");
  expect_error(db->record_submission(testing::signed_submission(run.identities[1], 3, 2, model, 0)),
               "no longer accepts submissions");
  expect_error(db->record_aggregation(3, model, std::nullopt), "has no verdict yet");
  ASSERT_TRUE(db->record_verdict(3, 1, false, "late"));
  expect_error(db->record_verdict(3, 1, true, ""), "already has a verdict (rejected)");
  // Every update rejected: the model stays; any other model is refused.
  auto wrong = model;
  wrong[0] += 1;
  expect_error(db->record_aggregation(3, wrong, std::nullopt), "is not what fedavg makes");
  expect_error(db->record_aggregation(3, model, std::nan("")), "finite");
  ASSERT_TRUE(db->record_aggregation(3, model, std::nullopt));
  expect_error(db->record_verdict(3, 1, true, ""), "already aggregated");
  expect_error(db->announce_round(RoundAnnounced{4, testing::round_seed(4), wrong, 0}), "must announce the model");

  ParticipantRecord again = testing::participant_record(2, run.identities[1], 5);
  expect_error(db->enroll_participant(again), "already has this id, name or identity key");
  again.id = 7;
  again.name = "other";
  expect_error(db->enroll_participant(again), "already has this id, name or identity key");  // same identity key
  again.identity_key = testing::test_key(77).public_key();
  again.samples = 0;
  expect_error(db->enroll_participant(again), "must be ≥ 1");
  again.samples = 5;
  ASSERT_TRUE(db->enroll_participant(again));

  // Refused events left nothing behind: the log and the tables still agree.
  const AuditReport report = audit(dir / "run.db");
  EXPECT_TRUE(report.ok()) << report.to_text();
}

TEST(RunDatabaseTest, FilesThatAreNotRunDatabasesAreClearErrors) {
  TempDir dir;
  const auto key = testing::test_key(5);
  const auto open_error = [&](const std::filesystem::path& path) {
    auto db = RunDatabase::open(path, key);
    EXPECT_FALSE(db.is_ok());
    auto ro = RunDatabase::open_read_only(path);
    EXPECT_FALSE(ro.is_ok());
    if (!db.is_ok() && !ro.is_ok()) {
      EXPECT_EQ(db.error(), ro.error());
    }
    return db.is_ok() ? std::string() : db.error();
  };

  EXPECT_TRUE(contains(open_error(dir / "missing.db"), "no run database at"));

  { std::ofstream(dir / "notes.txt") << "these are not the rows you are looking for, not by a long way\n"; }
  EXPECT_TRUE(contains(open_error(dir / "notes.txt"), "is not a zkfl run database")) << open_error(dir / "notes.txt");

  { std::ofstream(dir / "empty.db"); }
  EXPECT_TRUE(contains(open_error(dir / "empty.db"), "not a zkfl run database"));
  EXPECT_EQ(std::filesystem::file_size(dir / "empty.db"), 0u);  // looked at, not written

  {
    auto other = SqliteConnection::open(dir / "other.db", SqliteConnection::Mode::kCreate);
    ASSERT_TRUE(other.is_ok());
    ASSERT_TRUE(other->execute("CREATE TABLE things (x INTEGER)"));
  }
  EXPECT_TRUE(contains(open_error(dir / "other.db"), "an SQLite database but not a zkfl run database"));

  ASSERT_TRUE(RunDatabase::create(dir / "newer.db", small_setup(), key).is_ok());
  {
    auto raw = SqliteConnection::open(dir / "newer.db", SqliteConnection::Mode::kReadWrite);
    ASSERT_TRUE(raw.is_ok());
    ASSERT_TRUE(raw->execute("UPDATE schema_version SET version = version + 1"));
  }
  const std::string newer = open_error(dir / "newer.db");
  EXPECT_TRUE(contains(newer, "written by a newer zkfl")) << newer;
  EXPECT_TRUE(contains(newer, "upgrade zkfl")) << newer;
  auto audited = audit_run(dir / "newer.db", ed25519_verify, testing::signature_checking_verifier());
  ASSERT_FALSE(audited.is_ok());
  EXPECT_TRUE(contains(audited.error(), "newer zkfl"));

  ASSERT_TRUE(RunDatabase::create(dir / "run.db", small_setup(), key).is_ok());
  auto again = RunDatabase::create(dir / "run.db", small_setup(), key);
  ASSERT_FALSE(again.is_ok());
  EXPECT_TRUE(contains(again.error(), "already exists")) << again.error();

  auto bad_rule = small_setup();
  bad_rule.aggregation = "mean";
  auto made = RunDatabase::create(dir / "bad.db", bad_rule, key);
  ASSERT_FALSE(made.is_ok());
  EXPECT_TRUE(contains(made.error(), "unknown aggregation rule"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.db"));
}

TEST(RunDatabaseTest, AnotherKeyOrReadOnlyCannotWrite) {
  TempDir dir;
  const auto key = testing::test_key(6);
  ASSERT_TRUE(RunDatabase::create(dir / "run.db", small_setup(), key).is_ok());
  auto other = RunDatabase::open(dir / "run.db", testing::test_key(7));
  ASSERT_FALSE(other.is_ok());
  EXPECT_TRUE(contains(other.error(), "resume it with the run's coordinator key")) << other.error();

  auto ro = RunDatabase::open_read_only(dir / "run.db");
  ASSERT_TRUE(ro.is_ok()) << ro.error();
  const Status s = ro->enroll_participant(testing::participant_record(1, testing::test_key(8), 3));
  ASSERT_FALSE(s.is_ok());
  EXPECT_TRUE(contains(s.message(), "read-only"));
}

// Ends the process as kill -9 does, while the caller's connections are
// still open (returning would close them cleanly and checkpoint the WAL).
[[noreturn]] void die_with_open_database() {
  raise(SIGKILL);
  _exit(99);
}

// Runs `body(ready_fd)` in a child process, which must end in
// die_with_open_database() or, with `kill_after`, be killed by the parent
// that long after the child writes a byte to `ready_fd` (or exits); returns
// the child's wait status.
template <class Body>
int run_and_kill(Body body, std::optional<std::chrono::milliseconds> kill_after = std::nullopt) {
  int ready[2];
  if (pipe(ready) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    close(ready[0]);
    body(ready[1]);
    _exit(98);  // the body returned: a test error, reported by the caller's check
  }
  close(ready[1]);
  if (kill_after) {
    char byte = 0;
    (void)!read(ready[0], &byte, 1);  // the child is under way
    std::this_thread::sleep_for(*kill_after);
    kill(pid, SIGKILL);
  }
  close(ready[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(RunDatabaseTest, SurvivesSigkillWhileWriting) {
  TempDir dir;
  const auto key = testing::test_key(9);
  const auto run = testing::build_honest_run(dir / "run.db", key);

  // 1. Killed right after recording a submission, without closing anything.
  int status = run_and_kill([&](int) {
    auto db = RunDatabase::open(dir / "run.db", key);
    if (!db || !db->record_submission(testing::signed_submission(run.identities[1], 3, 2, {1, 1, 1, 1, 1, 1}, 1))) {
      _exit(1);
    }
    die_with_open_database();
  });
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child failed before the kill";
  EXPECT_TRUE(std::filesystem::exists(dir / "run.db-wal")) << "the database was closed, not abandoned";
  {
    auto db = RunDatabase::open(dir / "run.db", key);
    ASSERT_TRUE(db.is_ok()) << db.error();
    auto resume = db->load_resume_state();
    ASSERT_TRUE(resume.is_ok()) << resume.error();
    ASSERT_EQ(resume->submissions.size(), 2u);
    EXPECT_EQ(resume->submissions[1].w_out, (std::vector<int64_t>{1, 1, 1, 1, 1, 1}));
  }

  // 2. Killed at arbitrary instants while enrolling participants in a loop:
  //    whatever committed is whole, whatever did not is gone, the chain verifies.
  uint64_t enrolled = 4;
  for (int attempt = 0; attempt < 4; ++attempt) {
    status = run_and_kill(
        [&](int ready_fd) {
          auto db = RunDatabase::open(dir / "run.db", key);
          if (!db) _exit(1);
          const uint64_t first = 1000 * static_cast<uint64_t>(attempt + 1);
          for (uint64_t id = first;; ++id) {
            auto p = testing::participant_record(id, testing::test_key(id), 5);
            p.registration.assign(200'000, static_cast<uint8_t>(id));  // many pages per transaction
            if (!db->enroll_participant(p)) _exit(2);
            if (id == first) (void)!write(ready_fd, "r", 1);
          }
        },
        std::chrono::milliseconds(3 + 7 * attempt));
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the writer failed before the kill";
    const AuditReport report = audit(dir / "run.db");
    EXPECT_TRUE(report.ok()) << report.to_text();
    enrolled = report.participants;
  }
  EXPECT_GE(enrolled, 8u) << "each writer commits at least once before it is killed";
  auto db = RunDatabase::open(dir / "run.db", key);
  ASSERT_TRUE(db.is_ok()) << db.error();
  ASSERT_TRUE(db->record_submission(testing::signed_submission(run.identities[2], 3, 3, {2, 2, 2, 2, 2, 2}, 2)));
}

TEST(RunDatabaseTest, AnUncommittedTransactionVanishesWhole) {
  TempDir dir;
  const auto key = testing::test_key(10);
  testing::build_honest_run(dir / "run.db", key);
  const AuditReport before = audit(dir / "run.db");
  ASSERT_TRUE(before.ok()) << before.to_text();

  // A writer killed inside a transaction, after SQLite has spilled some of its
  // pages to the WAL: none of it may survive.
  const int status = run_and_kill([&](int) {
    auto raw = SqliteConnection::open(dir / "run.db", SqliteConnection::Mode::kReadWrite);
    if (!raw || !raw->execute("PRAGMA cache_size = 10; BEGIN IMMEDIATE")) _exit(1);
    if (!raw->execute("INSERT INTO participants (id, name, identity_key, curve_key, registration, samples, "
                      "enrolled_ms) VALUES (50, 'ghost', zeroblob(32), zeroblob(32), zeroblob(3000000), 1, 0)")) {
      _exit(2);
    }
    if (!raw->execute("UPDATE rounds SET state = 'verifying' WHERE number = 3")) _exit(3);
    die_with_open_database();
  });
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child failed before the kill";
  EXPECT_GT(std::filesystem::file_size(dir.path() / "run.db-wal"), 3'000'000u) << "the transaction never reached the WAL";

  auto db = RunDatabase::open(dir / "run.db", key);
  ASSERT_TRUE(db.is_ok()) << db.error();
  auto resume = db->load_resume_state();
  ASSERT_TRUE(resume.is_ok()) << resume.error();
  EXPECT_EQ(resume->participants.size(), 4u);
  EXPECT_EQ(resume->current_round->state, RoundState::kCollecting);
  const AuditReport after = audit(dir / "run.db");
  EXPECT_TRUE(after.ok()) << after.to_text();
  EXPECT_EQ(after.head_hash, before.head_hash);
}

TEST(RunDatabaseTest, ACopyTakenDuringATransactionOpensAtTheLastCommit) {
  TempDir dir;
  const auto key = testing::test_key(11);
  testing::build_honest_run(dir / "run.db", key);
  std::filesystem::create_directories(dir / "copy");
  {
    auto db = RunDatabase::open(dir / "run.db", key);  // keeps the WAL alive, like a running coordinator
    ASSERT_TRUE(db.is_ok());
    auto raw = SqliteConnection::open(dir / "run.db", SqliteConnection::Mode::kReadWrite);
    ASSERT_TRUE(raw.is_ok());
    ASSERT_TRUE(raw->execute("PRAGMA cache_size = 10; BEGIN IMMEDIATE"));
    ASSERT_TRUE(raw->execute("UPDATE rounds SET state = 'verifying' WHERE number = 3"));
    ASSERT_TRUE(raw->execute("INSERT INTO participants (id, name, identity_key, curve_key, registration, samples, "
                             "enrolled_ms) VALUES (50, 'ghost', zeroblob(32), zeroblob(32), zeroblob(1000000), 1, 0)"));
    for (const char* suffix : {"", "-wal", "-shm"}) {
      if (std::filesystem::exists(dir.path() / (std::string("run.db") + suffix))) {
        std::filesystem::copy_file(dir.path() / (std::string("run.db") + suffix),
                                   dir.path() / "copy" / (std::string("run.db") + suffix));
      }
    }
    ASSERT_TRUE(raw->execute("ROLLBACK"));
  }
  auto copy = RunDatabase::open(dir.path() / "copy" / "run.db", key);
  ASSERT_TRUE(copy.is_ok()) << copy.error();
  auto resume = copy->load_resume_state();
  ASSERT_TRUE(resume.is_ok()) << resume.error();
  EXPECT_EQ(resume->participants.size(), 4u);
  EXPECT_EQ(resume->current_round->state, RoundState::kCollecting);
  EXPECT_EQ(resume->submissions.size(), 1u);
  const AuditReport report = audit(dir.path() / "copy" / "run.db");
  EXPECT_TRUE(report.ok()) << report.to_text();
}

}  // namespace
}  // namespace zkfl::coordinator
