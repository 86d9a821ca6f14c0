// The audit log and `zkfl audit`: Ed25519 against RFC 8032, an honest run
// that verifies under every aggregation rule, and each kind of tampering
// with the database file reported (never a crash): modified rows, blobs and
// payloads, deleted and reordered entries, forged signatures, a run re-signed
// under another key, and a coordinator that logs dishonest decisions.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "coordinator/audit_log.hpp"
#include "coordinator/sqlite.hpp"
#include "plonk/base/hex.hpp"
#include "run_fixture.hpp"

namespace zkfl::coordinator {
namespace {

using testing::TempDir;

std::vector<uint8_t> hex(const char* text) { return *plonk::from_hex(text); }

// RFC 8032 §7.1, TEST 1 and TEST 2.
TEST(Ed25519Test, MatchesRfc8032Vectors) {
  struct Vector {
    const char* secret;
    const char* public_key;
    const char* message;
    const char* signature;
  };
  const Vector vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe2"
       "4655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302ae"
       "eb00d291612bb0c00"},
  };
  for (const Vector& v : vectors) {
    const auto secret = hex(v.secret);
    auto key = Ed25519Key::from_seed(std::span<const uint8_t, 32>(secret.data(), 32));
    ASSERT_TRUE(key.is_ok()) << key.error();
    EXPECT_EQ(plonk::to_hex(key->public_key()), v.public_key);
    const auto message = hex(v.message);
    const Signature signature = key->sign(message);
    EXPECT_EQ(plonk::to_hex(signature), v.signature);
    EXPECT_TRUE(ed25519_verify(key->public_key(), message, signature));
    Signature forged = signature;
    forged[10] ^= 0x40;
    EXPECT_FALSE(ed25519_verify(key->public_key(), message, forged));
    EXPECT_FALSE(ed25519_verify(key->public_key(), std::vector<uint8_t>{1, 2}, signature));
  }
  PublicKey not_a_point{};
  not_a_point.fill(0xff);
  EXPECT_FALSE(ed25519_verify(not_a_point, std::vector<uint8_t>{}, Signature{}));
}

TEST(AuditLogTest, EveryPartOfAnEntryIsHashed) {
  const std::vector<uint8_t> payload = {1, 2, 3};
  const plonk::Sha256::Digest prev{};
  const auto base = audit_entry_hash(4, AuditKind::kVerdict, payload, prev);
  plonk::Sha256::Digest other_prev{};
  other_prev[31] = 1;
  EXPECT_NE(base, audit_entry_hash(5, AuditKind::kVerdict, payload, prev));
  EXPECT_NE(base, audit_entry_hash(4, AuditKind::kRoundState, payload, prev));
  EXPECT_NE(base, audit_entry_hash(4, AuditKind::kVerdict, std::vector<uint8_t>{1, 2, 4}, prev));
  EXPECT_NE(base, audit_entry_hash(4, AuditKind::kVerdict, payload, other_prev));
  // The definition, spelled out.
  plonk::Sha256 h;
  h.update("zkfl-audit-v1").update_be(4, 8).update_be(6, 1).update(plonk::Sha256::hash(payload)).update(prev);
  EXPECT_EQ(base, h.finish());
}

TEST(AuditLogTest, PayloadsRoundTripAndRejectTrailingBytes) {
  const auto key = testing::test_key(1);
  SubmissionRecord s = testing::signed_submission(key, 3, 2, {1, -2, 32767, -32768}, 99);
  auto decoded = decode_submission_received(encode_submission_received(s));
  ASSERT_TRUE(decoded.is_ok()) << decoded.error();
  EXPECT_EQ(*decoded, s);
  const RoundAggregated a{7, {5, -5}, {1, 4}, 0.75};
  EXPECT_EQ(*decode_round_aggregated(encode_round_aggregated(a)), a);
  auto bytes = encode_round_aggregated(a);
  bytes.push_back(0);
  EXPECT_FALSE(decode_round_aggregated(bytes).is_ok());
  bytes.resize(bytes.size() - 3);
  EXPECT_FALSE(decode_round_aggregated(bytes).is_ok());
  const VerdictRecorded v{3, 2, false, "bad proof"};
  EXPECT_EQ(*decode_verdict(encode_verdict(v)), v);
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override { run_ = testing::build_honest_run(honest(), coordinator_); }

  std::filesystem::path honest() const { return dir_ / "honest.db"; }

  // A copy of the honest run to tamper with.
  std::filesystem::path copy(const std::string& name) {
    const auto path = dir_ / name;
    std::filesystem::copy_file(honest(), path);
    return path;
  }

  // Runs SQL on `path` directly, as someone editing the file would.
  static void tamper(const std::filesystem::path& path, const std::string& sql,
                     std::optional<std::vector<uint8_t>> blob = std::nullopt) {
    auto db = SqliteConnection::open(path, SqliteConnection::Mode::kReadWrite);
    ASSERT_TRUE(db.is_ok()) << db.error();
    auto st = db->prepare(sql);
    ASSERT_TRUE(st.is_ok()) << st.error();
    if (blob) {
      ASSERT_TRUE(st->bind(1, *blob));
    }
    ASSERT_TRUE(st->run());
    EXPECT_EQ(sqlite3_changes_of(*db), 1) << sql;
  }
  static int sqlite3_changes_of(SqliteConnection& db) {
    auto st = db.prepare("SELECT changes()");
    EXPECT_TRUE(st.is_ok() && *st->step());
    return static_cast<int>(*st->column_int(0));
  }

  static AuditReport audit(const std::filesystem::path& path, const AuditOptions& options = {}) {
    auto report = audit_run(path, ed25519_verify, testing::signature_checking_verifier(), options);
    EXPECT_TRUE(report.is_ok()) << report.error();
    if (report.is_ok()) return *report;
    AuditReport failed;
    failed.discrepancies.push_back("the audit did not run: " + report.error());
    return failed;
  }

  // The audit fails and some discrepancy mentions every one of `parts`.
  static void expect_reported(const AuditReport& report, std::initializer_list<const char*> parts) {
    ASSERT_FALSE(report.ok()) << "tampering went unnoticed";
    bool found = false;
    for (const auto& d : report.discrepancies) {
      bool all = true;
      for (const char* p : parts) all = all && d.find(p) != std::string::npos;
      found = found || all;
    }
    EXPECT_TRUE(found) << "no discrepancy mentions all of the expected words:\n" << report.to_text();
  }

  TempDir dir_;
  Ed25519Key coordinator_ = testing::test_key(7);
  testing::HonestRun run_;
};

TEST_F(AuditTest, AnHonestRunPasses) {
  const AuditReport report = audit(honest());
  EXPECT_TRUE(report.ok()) << report.to_text();
  EXPECT_EQ(report.participants, 4u);
  EXPECT_EQ(report.rounds, 3u);
  EXPECT_EQ(report.aggregated_rounds, 2u);
  EXPECT_EQ(report.submissions, 9u);
  EXPECT_EQ(report.accepted, 7u);
  EXPECT_EQ(report.rejected, 1u);
  EXPECT_EQ(report.pending, 1u);
  EXPECT_EQ(report.proofs_checked, 8u);
  EXPECT_EQ(report.aggregations_checked, 2u);
  EXPECT_EQ(report.coordinator_key, coordinator_.public_key());
  // 1 run + 4 participants + 3 announcements + 3 "collecting" + 2 "verifying" + 9 submissions + 8 verdicts + 2 aggregations
  EXPECT_EQ(report.entries, 32u);
  EXPECT_EQ(report.head_seq, std::optional<uint64_t>(31));
  EXPECT_NE(report.to_text().find("audit passed"), std::string::npos);
}

TEST_F(AuditTest, AnHonestRunPassesUnderEveryAggregationRule) {
  for (const char* rule : {"median", "trimmed_mean:1", "norm_clip:30"}) {
    const auto path = dir_ / (std::string(rule).substr(0, 6) + ".db");
    testing::build_honest_run(path, coordinator_, rule);
    const AuditReport report = audit(path);
    EXPECT_TRUE(report.ok()) << rule << "\n" << report.to_text();
    EXPECT_EQ(report.aggregations_checked, 2u) << rule;
  }
}

TEST_F(AuditTest, TheAuditNeverWritesTheFile) {
  std::ifstream in(honest(), std::ios::binary);
  const std::vector<char> before((std::istreambuf_iterator<char>(in)), {});
  const auto modified = std::filesystem::last_write_time(honest());
  ASSERT_TRUE(audit(honest()).ok());
  std::ifstream again(honest(), std::ios::binary);
  const std::vector<char> after((std::istreambuf_iterator<char>(again)), {});
  EXPECT_EQ(before, after);
  EXPECT_EQ(std::filesystem::last_write_time(honest()), modified);
}

TEST_F(AuditTest, AModifiedSubmissionRowIsReported) {
  const auto path = copy("w_out.db");
  tamper(path, "UPDATE submissions SET w_out = ?1 WHERE round = 2 AND participant = 1",
         encode_weights(std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  expect_reported(audit(path), {"submissions table", "participant 1's submission for round 2", "w_out differs"});

  const auto verdict = copy("verdict.db");
  tamper(verdict, "UPDATE submissions SET verdict = 'accepted', reason = '' WHERE round = 2 AND participant = 3");
  expect_reported(audit(verdict), {"participant 3's submission for round 2", "verdict, reason differ"});

  const auto samples = copy("samples.db");
  tamper(samples, "UPDATE participants SET samples = 1000 WHERE id = 2");
  expect_reported(audit(samples), {"participants table", "participant 2", "samples differs"});
}

TEST_F(AuditTest, AModifiedModelBlobIsReported) {
  auto rounds = RunDatabase::open_read_only(honest())->load_rounds();
  ASSERT_TRUE(rounds.is_ok());
  auto model = (*rounds)[1].model;
  model[3] += 1;
  const auto announced = copy("model.db");
  tamper(announced, "UPDATE rounds SET model = ?1 WHERE number = 2", encode_weights(model));
  expect_reported(audit(announced), {"rounds table", "round 2", "model differs"});

  const auto result = copy("result.db");
  tamper(result, "UPDATE rounds SET result = ?1 WHERE number = 2", encode_weights(model));
  expect_reported(audit(result), {"rounds table", "round 2", "result differs"});
}

TEST_F(AuditTest, ADeletedAuditRowIsReported) {
  const auto path = copy("deleted.db");
  tamper(path, "DELETE FROM audit WHERE seq = 10");
  const AuditReport report = audit(path);
  expect_reported(report, {"audit entry 11", "removed, inserted or reordered"});
  expect_reported(report, {"expected seq 10"});

  // The last entry leaves no gap in the chain, but its row has no entry any more.
  // (Deleting both leaves nothing to see in the file: compare the head with
  // one published elsewhere, docs/AUDIT.md.)
  const auto tail = copy("tail.db");
  tamper(tail, "DELETE FROM audit WHERE seq = 31");
  expect_reported(audit(tail), {"participant 1's submission for round 3", "has no audit entry"});
}

TEST_F(AuditTest, AReorderedEntryIsReported) {
  const auto path = copy("reordered.db");
  auto db = SqliteConnection::open(path, SqliteConnection::Mode::kReadWrite);
  ASSERT_TRUE(db.is_ok());
  ASSERT_TRUE(db->execute("UPDATE audit SET seq = 1000 WHERE seq = 12; UPDATE audit SET seq = 12 WHERE seq = 13; "
                          "UPDATE audit SET seq = 13 WHERE seq = 1000"));
  expect_reported(audit(path), {"audit entry 12", "reordered"});
}

TEST_F(AuditTest, AForgedSignatureIsReported) {
  const auto path = copy("signature.db");
  tamper(path, "UPDATE audit SET signature = ?1 WHERE seq = 5", std::vector<uint8_t>(64, 0x42));
  expect_reported(audit(path), {"audit entry 5", "signature does not verify"});
}

TEST_F(AuditTest, AModifiedPayloadIsReported) {
  const auto path = copy("payload.db");
  auto entries = RunDatabase::open_read_only(honest())->load_audit_entries();
  ASSERT_TRUE(entries.is_ok());
  // Entry 26 is the verdict rejecting participant 3 in round 2: flip it to accepted inside the payload.
  const AuditEntry& e = (*entries)[26];
  ASSERT_EQ(e.kind, AuditKind::kVerdict);
  auto payload = e.payload;
  payload[16] ^= 1;
  tamper(path, "UPDATE audit SET payload = ?1 WHERE seq = 26", payload);
  expect_reported(audit(path), {"audit entry 26", "does not match its contents"});
}

TEST_F(AuditTest, RowsAddedOutsideTheCoordinatorAreReported) {
  const auto path = copy("added.db");
  tamper(path,
         "INSERT INTO submissions (round, participant, w_out, proof, link, signature, received_ms) "
         "SELECT 3, 2, w_out, proof, link, signature, received_ms FROM submissions WHERE round = 3");
  expect_reported(audit(path), {"participant 2's submission for round 3", "has no audit entry"});
}

TEST_F(AuditTest, MalformedRowsAndMissingTablesAreReportedNotFatal) {
  const auto text = copy("text.db");
  tamper(text, "UPDATE submissions SET w_out = 'not a blob' WHERE round = 1 AND participant = 2");
  expect_reported(audit(text), {"malformed", "w_out", "TEXT"});
  expect_reported(audit(text), {"participant 2's submission for round 1", "not in the table"});

  const auto hash = copy("hash.db");
  tamper(hash, "UPDATE audit SET kind = 99 WHERE seq = 3");
  expect_reported(audit(hash), {"audit row 3 is malformed", "unknown event kind 99"});

  const auto dropped = copy("dropped.db");
  {
    auto db = SqliteConnection::open(dropped, SqliteConnection::Mode::kReadWrite);
    ASSERT_TRUE(db.is_ok());
    ASSERT_TRUE(db->execute("DROP TABLE audit"));
  }
  const AuditReport report = audit(dropped);
  expect_reported(report, {"audit table cannot be read"});
  expect_reported(report, {"has no audit entry"});
}

TEST_F(AuditTest, ARunResignedUnderAnotherKeyFailsAgainstTheExpectedKey) {
  const auto impostor = testing::test_key(8);
  const auto path = dir_ / "impostor.db";
  testing::build_honest_run(path, impostor);
  EXPECT_TRUE(audit(path).ok()) << "self-consistent under its own key";
  AuditOptions options;
  options.coordinator_key = coordinator_.public_key();
  const AuditReport report = audit(path, options);
  expect_reported(report, {"not the expected", plonk::to_hex(coordinator_.public_key()).c_str()});
  expect_reported(report, {"signature does not verify"});
}

TEST_F(AuditTest, AnAcceptedInvalidSubmissionIsReported) {
  // A coordinator that accepts round 3's update from participant 1 although
  // its signature (our stand-in for the proof) is forged.
  const auto path = copy("accepted.db");
  {
    auto db = RunDatabase::open(path, coordinator_);
    ASSERT_TRUE(db.is_ok()) << db.error();
    auto round3 = db->load_round(3);
    auto forged = testing::signed_submission(run_.identities[0], 3, 2, testing::trained((*round3)->model, 3, 2), 1);
    forged.signature = testing::test_key(99).sign(testing::submission_message(forged));
    ASSERT_TRUE(db->record_submission(forged));
    ASSERT_TRUE(db->set_round_state(3, RoundState::kVerifying));
    ASSERT_TRUE(db->record_verdict(3, 1, true, ""));
    ASSERT_TRUE(db->record_verdict(3, 2, true, ""));
    auto next = db->compute_round_aggregate(3);
    ASSERT_TRUE(next.is_ok());
    ASSERT_TRUE(db->record_aggregation(3, *next, std::nullopt));
  }
  const AuditReport report = audit(path);
  expect_reported(report, {"participant 2's submission for round 3 was accepted, but its proof does not verify"});
  EXPECT_EQ(report.discrepancies.size(), 1u) << report.to_text();
  // A rejected submission whose check passes is worth a note, not a failure.
  const auto rejected = copy("rejected.db");
  {
    auto db = RunDatabase::open(rejected, coordinator_);
    ASSERT_TRUE(db.is_ok());
    ASSERT_TRUE(db->set_round_state(3, RoundState::kVerifying));
    ASSERT_TRUE(db->record_verdict(3, 1, false, "arrived after the deadline"));
  }
  const AuditReport noted = audit(rejected);
  EXPECT_TRUE(noted.ok()) << noted.to_text();
  ASSERT_EQ(noted.notes.size(), 1u);
  EXPECT_NE(noted.notes[0].find("arrived after the deadline"), std::string::npos);
}

TEST_F(AuditTest, ASignedButWrongAggregateIsReported) {
  // A coordinator that bypasses the database's checks and signs an aggregate
  // other than what its rule gives: the chain is intact, the recomputation is not.
  const auto path = copy("aggregate.db");
  {
    auto db = RunDatabase::open(path, coordinator_);
    ASSERT_TRUE(db.is_ok());
    ASSERT_TRUE(db->set_round_state(3, RoundState::kVerifying));
    ASSERT_TRUE(db->record_verdict(3, 1, true, ""));
    auto round3 = db->load_round(3);
    auto sub = db->load_submissions(3);
    std::vector<int64_t> boosted = sub->front().w_out;
    for (auto& w : boosted) w *= 2;  // not fedavg of the single accepted update
    auto tx = SqliteTransaction::begin(db->connection());
    ASSERT_TRUE(tx.is_ok());
    auto st = db->connection().prepare("UPDATE rounds SET state = 'aggregated', result = ?1 WHERE number = 3");
    ASSERT_TRUE(st.is_ok());
    ASSERT_TRUE(st->bind(1, encode_weights(boosted)));
    ASSERT_TRUE(st->run());
    ASSERT_TRUE(append_audit_entry(db->connection(), coordinator_, AuditKind::kRoundAggregated,
                                   encode_round_aggregated(RoundAggregated{3, boosted, {1}, std::nullopt}))
                    .is_ok());
    ASSERT_TRUE(tx->commit());
  }
  const AuditReport report = audit(path);
  expect_reported(report, {"round 3", "recorded aggregate is not what fedavg makes of its 1 accepted updates"});
  EXPECT_EQ(report.discrepancies.size(), 1u) << report.to_text();
}

TEST_F(AuditTest, FilesThatCannotBeAuditedAreErrors) {
  auto missing = audit_run(dir_ / "nothing.db", ed25519_verify, testing::signature_checking_verifier());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.error().find("no run database"), std::string::npos);
  { std::ofstream(dir_ / "garbage.db") << std::string(5000, 'x'); }
  auto garbage = audit_run(dir_ / "garbage.db", ed25519_verify, testing::signature_checking_verifier());
  ASSERT_FALSE(garbage.is_ok());
  EXPECT_NE(garbage.error().find("is not a zkfl run database"), std::string::npos) << garbage.error();
}

}  // namespace
}  // namespace zkfl::coordinator
