// A thin RAII layer over the SQLite C API for the run database: one
// connection, prepared statements with bound parameters (never SQL built
// from values), and transactions that roll back unless committed. Every
// SQLite failure becomes a Status carrying SQLite's own error text.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/base/status.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace zkfl::coordinator {

using plonk::Result;
using plonk::Status;

class SqliteConnection;

// A prepared statement. Parameters are 1-based as in SQLite; columns 0-based.
class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&&) noexcept = default;
  SqliteStatement& operator=(SqliteStatement&&) noexcept = default;

  // Bind a value to parameter `index`; errors carry SQLite's message.
  Status bind(int index, int64_t value);
  Status bind(int index, double value);
  Status bind(int index, std::string_view text);
  Status bind(int index, std::span<const uint8_t> blob);
  Status bind_null(int index);

  // Advances: true while a row is available, false when done, an error otherwise.
  Result<bool> step();
  // Runs a statement that returns no rows (an error if it returns one).
  Status run();

  // Column accessors for the current row. The typed ones are errors when the
  // stored value has another type (a tampered or foreign database), naming
  // the column so that the message says what is wrong.
  bool is_null(int column) const;
  Result<int64_t> column_int(int column) const;
  Result<double> column_double(int column) const;
  Result<std::string> column_text(int column) const;
  Result<std::vector<uint8_t>> column_blob(int column) const;
  // A BLOB of exactly N bytes.
  template <size_t N>
  Result<std::array<uint8_t, N>> column_fixed_blob(int column) const {
    auto blob = column_blob(column);
    if (!blob) return blob.status();
    if (blob->size() != N) {
      return Status::error("column '" + column_name(column) + "' holds " + std::to_string(blob->size()) +
                           " bytes where " + std::to_string(N) + " are expected");
    }
    std::array<uint8_t, N> out{};
    std::copy(blob->begin(), blob->end(), out.begin());
    return out;
  }
  std::string column_name(int column) const;

 private:
  friend class SqliteConnection;
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Status type_error(int column, const char* expected) const;
  Status sqlite_error(int code, std::string_view doing) const;

  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// One connection to a database file.
class SqliteConnection {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };

  // Opens `path` (kCreate creates it; kReadOnly never writes to it). Opening
  // is lazy in SQLite: a file that is not a database fails on the first query.
  static Result<SqliteConnection> open(const std::filesystem::path& path, Mode mode);

  SqliteConnection(SqliteConnection&&) noexcept = default;
  SqliteConnection& operator=(SqliteConnection&&) noexcept = default;

  // Compiles one SQL statement; an error names the statement's first words.
  Result<SqliteStatement> prepare(std::string_view sql);
  // Runs SQL without parameters (pragmas, schema); several statements allowed.
  Status execute(std::string_view sql);
  // Whether a table of that name exists in the main schema.
  Result<bool> has_table(std::string_view name);

  sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

// BEGIN IMMEDIATE … COMMIT: takes the write lock up front (so two writers
// never deadlock on an upgrade), rolls back on destruction unless committed.
class SqliteTransaction {
 public:
  static Result<SqliteTransaction> begin(SqliteConnection& db);
  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();
  // Makes every change since begin() durable (synchronous=FULL) or fails and rolls back.
  Status commit();

 private:
  explicit SqliteTransaction(SqliteConnection* db) : db_(db) {}
  SqliteConnection* db_;
};

}  // namespace zkfl::coordinator
