#include "coordinator/audit_run.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <system_error>
#include <utility>

#include "coordinator/aggregation.hpp"
#include "coordinator/audit_log.hpp"
#include "coordinator/run_tables.hpp"
#include "plonk/base/hex.hpp"

namespace zkfl::coordinator {
namespace {

using SubmissionKey = std::pair<uint64_t, uint64_t>;  // (round, participant)

std::string entry_name(const AuditEntry& e) {
  return "audit entry " + std::to_string(e.seq) + " (" + std::string(audit_kind_name(e.kind)) + ")";
}

std::string submission_name(const SubmissionKey& key) {
  return "participant " + std::to_string(key.second) + "'s submission for round " + std::to_string(key.first);
}

// The names of the fields in which two records differ.
class FieldDiff {
 public:
  template <class T>
  FieldDiff& field(const char* name, const T& stored, const T& logged) {
    if (!(stored == logged)) fields_.push_back(name);
    return *this;
  }
  bool empty() const { return fields_.empty(); }
  std::string text() const {
    std::string out;
    for (size_t i = 0; i < fields_.size(); ++i) out += (i == 0 ? "" : ", ") + fields_[i];
    return out + (fields_.size() == 1 ? " differs" : " differ");
  }

 private:
  std::vector<std::string> fields_;
};

FieldDiff diff(const RunRecord& a, const RunRecord& b) {
  FieldDiff d;
  d.field("config", a.config, b.config)
      .field("spec_digest", a.spec_digest, b.spec_digest)
      .field("aggregation", a.aggregation, b.aggregation)
      .field("coordinator_key", a.coordinator_key, b.coordinator_key)
      .field("created_ms", a.created_ms, b.created_ms);
  return d;
}

FieldDiff diff(const ParticipantRecord& a, const ParticipantRecord& b) {
  FieldDiff d;
  d.field("name", a.name, b.name)
      .field("identity_key", a.identity_key, b.identity_key)
      .field("curve_key", a.curve_key, b.curve_key)
      .field("registration", a.registration, b.registration)
      .field("samples", a.samples, b.samples)
      .field("enrolled_ms", a.enrolled_ms, b.enrolled_ms);
  return d;
}

FieldDiff diff(const RoundRecord& a, const RoundRecord& b) {
  FieldDiff d;
  d.field("seed", a.seed, b.seed)
      .field("model", a.model, b.model)
      .field("state", a.state, b.state)
      .field("deadline_ms", a.deadline_ms, b.deadline_ms)
      .field("result", a.result, b.result)
      .field("accuracy", a.accuracy, b.accuracy);
  return d;
}

FieldDiff diff(const SubmissionRecord& a, const SubmissionRecord& b) {
  FieldDiff d;
  d.field("w_out", a.w_out, b.w_out)
      .field("proof", a.proof, b.proof)
      .field("link", a.link, b.link)
      .field("signature", a.signature, b.signature)
      .field("received_ms", a.received_ms, b.received_ms)
      .field("verdict", a.verdict, b.verdict)
      .field("reason", a.reason, b.reason);
  return d;
}

// The run as the audit log tells it, rebuilt entry by entry with the same
// rules RunDatabase enforces when writing; a violated rule is a discrepancy.
class Replay {
 public:
  explicit Replay(std::vector<std::string>& discrepancies) : out_(discrepancies) {}

  void apply(const AuditEntry& e) {
    switch (e.kind) {
      case AuditKind::kRunCreated: return run_created(e);
      case AuditKind::kParticipantEnrolled: return participant_enrolled(e);
      case AuditKind::kRoundAnnounced: return round_announced(e);
      case AuditKind::kRoundState: return round_state(e);
      case AuditKind::kSubmissionReceived: return submission_received(e);
      case AuditKind::kVerdict: return verdict(e);
      case AuditKind::kRoundAggregated: return round_aggregated(e);
    }
  }

  std::optional<RunRecord> run;
  std::map<uint64_t, ParticipantRecord> participants;
  std::map<uint64_t, RoundRecord> rounds;
  std::map<uint64_t, RoundAggregated> aggregations;
  std::map<SubmissionKey, SubmissionRecord> submissions;

 private:
  void fail(const AuditEntry& e, const std::string& what) { out_.push_back(entry_name(e) + ": " + what); }

  template <class T>
  std::optional<T> decoded(const AuditEntry& e, Result<T> r) {
    if (r) return std::move(*r);
    fail(e, "its payload does not decode: " + r.error());
    return std::nullopt;
  }

  RoundRecord* latest_round() { return rounds.empty() ? nullptr : &rounds.rbegin()->second; }

  void run_created(const AuditEntry& e) {
    auto r = decoded(e, decode_run_created(e.payload));
    if (!r) return;
    if (e.seq != 0 || run) {
      fail(e, "the run can be created only once, by the first entry");
      return;
    }
    run = std::move(*r);
  }

  void participant_enrolled(const AuditEntry& e) {
    auto p = decoded(e, decode_participant_enrolled(e.payload));
    if (!p) return;
    if (participants.count(p->id) != 0) {
      fail(e, "participant " + std::to_string(p->id) + " is enrolled a second time");
      return;
    }
    for (const auto& [id, other] : participants) {
      if (other.name == p->name || other.identity_key == p->identity_key) {
        fail(e, "participant " + std::to_string(p->id) + " reuses the name or identity key of participant " +
                    std::to_string(id));
      }
    }
    if (p->samples < 1) fail(e, "participant " + std::to_string(p->id) + " has a sample count below 1");
    participants.emplace(p->id, std::move(*p));
  }

  void round_announced(const AuditEntry& e) {
    auto a = decoded(e, decode_round_announced(e.payload));
    if (!a) return;
    const RoundRecord* previous = latest_round();
    const uint64_t expected = previous ? previous->number + 1 : 1;
    if (a->number != expected) {
      fail(e, "announces round " + std::to_string(a->number) + " where round " + std::to_string(expected) +
                  " comes next");
      if (rounds.count(a->number) != 0) return;
    }
    if (previous && previous->state != RoundState::kAggregated) {
      fail(e, "announces round " + std::to_string(a->number) + " before round " + std::to_string(previous->number) +
                  " was aggregated");
    }
    if (previous && previous->result && *previous->result != a->model) {
      fail(e, "round " + std::to_string(a->number) + " announces a model other than the one round " +
                  std::to_string(previous->number) + " aggregated");
    }
    RoundRecord r;
    r.number = a->number;
    r.seed = a->seed;
    r.model = std::move(a->model);
    r.deadline_ms = a->deadline_ms;
    rounds.emplace(r.number, std::move(r));
  }

  void round_state(const AuditEntry& e) {
    auto c = decoded(e, decode_round_state(e.payload));
    if (!c) return;
    auto it = rounds.find(c->number);
    if (it == rounds.end()) {
      fail(e, "changes the state of round " + std::to_string(c->number) + ", which was never announced");
      return;
    }
    if (c->state != RoundState::kCollecting && c->state != RoundState::kVerifying) {
      fail(e, "moves round " + std::to_string(c->number) + " to '" + std::string(round_state_name(c->state)) +
                  "' without its event");
      return;
    }
    if (c->state <= it->second.state) {
      fail(e, "moves round " + std::to_string(c->number) + " back from '" +
                  std::string(round_state_name(it->second.state)) + "' to '" +
                  std::string(round_state_name(c->state)) + "'");
      return;
    }
    it->second.state = c->state;
  }

  void submission_received(const AuditEntry& e) {
    auto s = decoded(e, decode_submission_received(e.payload));
    if (!s) return;
    const SubmissionKey key{s->round, s->participant};
    if (participants.count(s->participant) == 0) {
      fail(e, submission_name(key) + " comes from a participant who is not enrolled");
    }
    const RoundRecord* current = latest_round();
    if (current == nullptr || current->number != s->round) {
      fail(e, submission_name(key) + " is not for the current round");
    } else if (current->state != RoundState::kAnnounced && current->state != RoundState::kCollecting) {
      fail(e, submission_name(key) + " arrived after submissions closed");
    }
    if (submissions.count(key) != 0) {
      fail(e, submission_name(key) + " is recorded a second time");
      return;
    }
    submissions.emplace(key, std::move(*s));
  }

  void verdict(const AuditEntry& e) {
    auto v = decoded(e, decode_verdict(e.payload));
    if (!v) return;
    const SubmissionKey key{v->round, v->participant};
    auto it = submissions.find(key);
    if (it == submissions.end()) {
      fail(e, "gives a verdict on " + submission_name(key) + ", which was never received");
      return;
    }
    if (it->second.verdict != Verdict::kPending) {
      fail(e, "gives a second verdict on " + submission_name(key));
      return;
    }
    auto round = rounds.find(v->round);
    if (round != rounds.end() && round->second.state == RoundState::kAggregated) {
      fail(e, "gives a verdict on " + submission_name(key) + " after its round was aggregated");
    }
    it->second.verdict = v->accepted ? Verdict::kAccepted : Verdict::kRejected;
    it->second.reason = std::move(v->reason);
  }

  void round_aggregated(const AuditEntry& e) {
    auto a = decoded(e, decode_round_aggregated(e.payload));
    if (!a) return;
    auto it = rounds.find(a->number);
    if (it == rounds.end()) {
      fail(e, "aggregates round " + std::to_string(a->number) + ", which was never announced");
      return;
    }
    RoundRecord& round = it->second;
    if (round.state != RoundState::kVerifying) {
      fail(e, "aggregates round " + std::to_string(a->number) + " while it is " +
                  std::string(round_state_name(round.state)) + " (not verifying)");
    }
    std::vector<uint64_t> accepted;
    for (const auto& [key, s] : submissions) {
      if (key.first != a->number) continue;
      if (s.verdict == Verdict::kPending) fail(e, "aggregates while " + submission_name(key) + " has no verdict");
      if (s.verdict == Verdict::kAccepted) accepted.push_back(key.second);
    }
    if (accepted != a->accepted) {
      fail(e, "its list of accepted participants does not match the verdicts recorded for round " +
                  std::to_string(a->number));
    }
    round.state = RoundState::kAggregated;
    round.result = a->model;
    round.accuracy = a->accuracy;
    aggregations[a->number] = std::move(*a);
  }

  std::vector<std::string>& out_;
};

// Compares table rows with the records the log implies, in both directions.
template <class Key, class Record, class KeyOf, class Name>
void compare_table(const char* table, Result<std::vector<Result<Record>>> rows,
                   const std::map<Key, Record>& expected, KeyOf key_of, Name name, std::vector<std::string>& out) {
  if (!rows) {
    out.push_back("the " + std::string(table) + " table cannot be read: " + rows.error());
    return;
  }
  std::map<Key, bool> seen;
  for (const auto& row : *rows) {
    if (!row) {
      out.push_back("a row of the " + std::string(table) + " table is malformed: " + row.error());
      continue;
    }
    const Key key = key_of(*row);
    seen[key] = true;
    auto it = expected.find(key);
    if (it == expected.end()) {
      out.push_back(std::string(table) + " table: " + name(key) + " has no audit entry (the row was added outside "
                    "the coordinator)");
      continue;
    }
    if (const FieldDiff d = diff(*row, it->second); !d.empty()) {
      out.push_back(std::string(table) + " table: " + name(key) + ": " + d.text() + " from the audit log (the row "
                    "was modified)");
    }
  }
  for (const auto& [key, record] : expected) {
    if (seen.count(key) == 0) {
      out.push_back(std::string(table) + " table: " + name(key) + " is in the audit log but not in the table (the "
                    "row was deleted)");
    }
  }
}

void check_proofs(const Replay& replay, const ProofVerifier& verify_proof, AuditReport& report) {
  if (!replay.run) return;
  for (const auto& [key, s] : replay.submissions) {
    if (s.verdict == Verdict::kPending) continue;
    auto participant = replay.participants.find(key.second);
    auto round = replay.rounds.find(key.first);
    if (participant == replay.participants.end() || round == replay.rounds.end()) continue;  // reported by the replay
    const AuditedSubmission audited{*replay.run, participant->second, round->second, s};
    const Result<bool> verified = verify_proof(audited);
    ++report.proofs_checked;
    const bool valid = verified.is_ok() && *verified;
    const std::string why = verified.is_ok() ? "the verifier rejects it" : verified.error();
    if (s.verdict == Verdict::kAccepted && !valid) {
      report.discrepancies.push_back(submission_name(key) + " was accepted, but its proof does not verify (" + why +
                                     ")");
    }
    if (s.verdict == Verdict::kRejected && valid) {
      report.notes.push_back(submission_name(key) + " was rejected (\"" + s.reason +
                             "\") although its proof verifies against the announced round");
    }
  }
}

void check_aggregations(const Replay& replay, AuditReport& report) {
  if (!replay.run) return;
  auto config = AggregationConfig::parse(replay.run->aggregation);
  if (!config) {
    report.discrepancies.push_back("the run's aggregation rule cannot be parsed: " + config.error());
    return;
  }
  for (const auto& [number, event] : replay.aggregations) {
    const RoundRecord& round = replay.rounds.at(number);
    std::vector<ClientUpdate> updates;
    bool complete = true;
    for (uint64_t participant : event.accepted) {
      auto s = replay.submissions.find({number, participant});
      auto p = replay.participants.find(participant);
      if (s == replay.submissions.end() || p == replay.participants.end()) {
        complete = false;  // the replay reported it
        break;
      }
      updates.push_back(ClientUpdate{s->second.w_out, p->second.samples});
    }
    if (!complete) continue;
    ++report.aggregations_checked;
    auto expected = aggregate_round(*config, round.model, updates);
    if (!expected) {
      report.discrepancies.push_back("round " + std::to_string(number) + ": its accepted updates cannot be "
                                     "aggregated: " + expected.error());
      continue;
    }
    if (*expected != event.model) {
      size_t differing = 0;
      for (size_t j = 0; j < std::min(expected->size(), event.model.size()); ++j) {
        differing += (*expected)[j] != event.model[j] ? 1 : 0;
      }
      differing += std::max(expected->size(), event.model.size()) - std::min(expected->size(), event.model.size());
      report.discrepancies.push_back("round " + std::to_string(number) + ": the recorded aggregate is not what " +
                                     config->to_string() + " makes of its " + std::to_string(updates.size()) +
                                     " accepted updates (" + std::to_string(differing) + " weights differ)");
    }
  }
}

}  // namespace

std::string AuditReport::to_text() const {
  std::ostringstream out;
  out << (ok() ? std::string("audit passed")
                : "audit FAILED: " + std::to_string(discrepancies.size()) +
                      (discrepancies.size() == 1 ? " discrepancy" : " discrepancies"))
      << "\n"
      << "  audit entries:        " << entries << "\n"
      << "  participants:         " << participants << "\n"
      << "  rounds:               " << rounds << " (" << aggregated_rounds << " aggregated)\n"
      << "  submissions:          " << submissions << " (" << accepted << " accepted, " << rejected << " rejected, "
      << pending << " pending)\n"
      << "  proofs re-verified:   " << proofs_checked << "\n"
      << "  aggregations redone:  " << aggregations_checked << "\n"
      << "  coordinator key:      " << plonk::to_hex(coordinator_key) << "\n";
  if (head_seq) out << "  head:                 entry " << *head_seq << ", hash " << plonk::to_hex(head_hash) << "\n";
  for (const auto& d : discrepancies) out << "  DISCREPANCY: " << d << "\n";
  for (const auto& n : notes) out << "  note: " << n << "\n";
  return out.str();
}

Result<AuditReport> audit_run(const std::filesystem::path& path, const SignatureVerifier& verify_signature,
                              const ProofVerifier& verify_proof, const AuditOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::error("no run database at " + path.string() + "; check the path");
  }
  auto db = SqliteConnection::open(path, SqliteConnection::Mode::kReadOnly);
  if (!db) return db.status();
  if (auto s = check_run_schema(*db, path); !s) return s;
  if (auto s = db->execute("PRAGMA query_only = ON"); !s) return s;
  // One read transaction: every table is read from the same snapshot even if
  // a coordinator is still writing the run (it ends when the connection closes).
  if (auto s = db->execute("BEGIN"); !s) return s;

  AuditReport report;
  auto& out = report.discrepancies;

  // 1. The chain: every row, then hashes, links and signatures.
  std::vector<AuditEntry> entries;
  if (auto rows = load_audit_rows(*db); !rows) {
    out.push_back("the audit table cannot be read: " + rows.error());
  } else {
    for (auto& row : *rows) {
      if (!row.defect.empty()) {
        out.push_back("audit row " + std::to_string(row.seq) + " is malformed: " + row.defect);
        continue;
      }
      entries.push_back(std::move(row.entry));
    }
  }
  report.entries = entries.size();
  if (!entries.empty()) {
    report.head_seq = entries.back().seq;
    report.head_hash = entries.back().hash;
  }
  std::optional<RunRecord> logged_run;
  if (!entries.empty() && entries.front().kind == AuditKind::kRunCreated) {
    if (auto r = decode_run_created(entries.front().payload)) logged_run = std::move(*r);
  }
  if (options.coordinator_key) {
    report.coordinator_key = *options.coordinator_key;
    if (logged_run && logged_run->coordinator_key != *options.coordinator_key) {
      out.push_back("the run was created under coordinator key " + plonk::to_hex(logged_run->coordinator_key) +
                    ", not the expected " + plonk::to_hex(*options.coordinator_key));
    }
  } else if (logged_run) {
    report.coordinator_key = logged_run->coordinator_key;
  } else if (auto row = read_run_row(*db)) {
    report.coordinator_key = row->coordinator_key;
  }
  if (!logged_run) out.push_back("the audit log does not begin with the creation of the run");
  for (auto& problem : check_audit_chain(entries, report.coordinator_key, verify_signature)) {
    out.push_back(std::move(problem));
  }

  // 2. Replay the log, then hold every table to it.
  Replay replay(out);
  for (const auto& e : entries) replay.apply(e);
  if (replay.run) {
    if (auto row = read_run_row(*db); !row) {
      out.push_back("the run table cannot be read: " + row.error());
    } else if (const FieldDiff d = diff(*row, *replay.run); !d.empty()) {
      out.push_back("run table: " + d.text() + " from the audit log (the row was modified)");
    }
  }
  compare_table<uint64_t, ParticipantRecord>(
      "participants", scan_participants(*db), replay.participants, [](const ParticipantRecord& p) { return p.id; },
      [](uint64_t id) { return "participant " + std::to_string(id); }, out);
  compare_table<uint64_t, RoundRecord>(
      "rounds", scan_rounds(*db), replay.rounds, [](const RoundRecord& r) { return r.number; },
      [](uint64_t n) { return "round " + std::to_string(n); }, out);
  compare_table<SubmissionKey, SubmissionRecord>(
      "submissions", scan_submissions(*db), replay.submissions,
      [](const SubmissionRecord& s) { return SubmissionKey{s.round, s.participant}; },
      [](const SubmissionKey& k) { return submission_name(k); }, out);

  // 3. Proofs and aggregations, from the log's (authenticated) records.
  check_proofs(replay, verify_proof, report);
  check_aggregations(replay, report);

  report.participants = replay.participants.size();
  report.rounds = replay.rounds.size();
  report.aggregated_rounds = replay.aggregations.size();
  report.submissions = replay.submissions.size();
  for (const auto& [key, s] : replay.submissions) {
    report.accepted += s.verdict == Verdict::kAccepted ? 1 : 0;
    report.rejected += s.verdict == Verdict::kRejected ? 1 : 0;
    report.pending += s.verdict == Verdict::kPending ? 1 : 0;
  }
  return report;
}

}  // namespace zkfl::coordinator
