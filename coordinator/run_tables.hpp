// The run database's tables (docs/AUDIT.md): the schema, its version check,
// and row decoding. Reads here never trust the file: every column's type and
// size is checked, and table scans decode each row on its own so that an
// audit can report a damaged or tampered row and carry on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "coordinator/run_records.hpp"
#include "coordinator/sqlite.hpp"

namespace zkfl::coordinator {

// The schema this build writes and reads (the schema_version table holds it).
inline constexpr int64_t kRunSchemaVersion = 1;
inline constexpr std::string_view kRunApplication = "zkfl-run";
// PRAGMA application_id: "zkfl" in ASCII, so that file(1) can tell what the database is.
inline constexpr int64_t kRunApplicationId = 0x7a6b666c;

// Creates every table and the schema_version row (inside the caller's transaction).
Status create_run_tables(SqliteConnection& db);

// Ok when `db` is a zkfl run database of schema version kRunSchemaVersion.
// Errors tell apart a file that is not SQLite, an SQLite database of another
// application, a newer schema (upgrade zkfl) and an unknown older one;
// `path` is named in them.
Status check_run_schema(SqliteConnection& db, const std::filesystem::path& path);

// The run table's single row; an error names what is wrong with it.
Result<RunRecord> read_run_row(SqliteConnection& db);

// Every row of a table (or of one round / the latest round), each decoded on
// its own: a row that does not decode is an error naming its table and key.
// The outer error only when the table cannot be queried at all.
Result<std::vector<Result<ParticipantRecord>>> scan_participants(SqliteConnection& db);
// All rounds by number; with `number`, only that round.
Result<std::vector<Result<RoundRecord>>> scan_rounds(SqliteConnection& db, std::optional<uint64_t> number = {});
// The round with the highest number (none or one row).
Result<std::vector<Result<RoundRecord>>> scan_latest_round(SqliteConnection& db);
// All submissions by round then arrival; with `round`, only that round's, in arrival order.
Result<std::vector<Result<SubmissionRecord>>> scan_submissions(SqliteConnection& db,
                                                               std::optional<uint64_t> round = {});

// The rows of a scan, or the first bad row's error (with advice to run an audit).
template <class T>
Result<std::vector<T>> all_or_first_error(Result<std::vector<Result<T>>> scanned) {
  if (!scanned) return scanned.status();
  std::vector<T> out;
  for (auto& row : *scanned) {
    if (!row) return Status::error(row.error() + "; run `zkfl audit` on this database");
    out.push_back(std::move(*row));
  }
  return out;
}

}  // namespace zkfl::coordinator
