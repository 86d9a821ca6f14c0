#include "coordinator/sqlite.hpp"

#include <sqlite3.h>

#include <limits>

namespace zkfl::coordinator {
namespace {

// "INSERT INTO submissions …" → "INSERT INTO submissions", for error messages.
std::string first_words(std::string_view sql) {
  std::string out;
  int words = 0;
  bool in_word = false;
  for (char c : sql) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '(';
    if (space && in_word && ++words == 3) break;
    in_word = !space;
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status error_from(sqlite3* db, int code, std::string_view doing) {
  std::string message = "SQLite error while ";
  message += doing;
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return Status::error(std::move(message));
}

}  // namespace

void SqliteStatement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Status SqliteStatement::sqlite_error(int code, std::string_view doing) const {
  std::string what(doing);
  if (const char* sql = sqlite3_sql(stmt_.get())) what += " (" + first_words(sql) + ")";
  return error_from(db_, code, what);
}

Status SqliteStatement::bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_.get(), index, value);
  return rc == SQLITE_OK ? Status::ok() : sqlite_error(rc, "binding a parameter");
}

Status SqliteStatement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_.get(), index, value);
  return rc == SQLITE_OK ? Status::ok() : sqlite_error(rc, "binding a parameter");
}

Status SqliteStatement::bind(int index, std::string_view text) {
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Status::error("a text value of " + std::to_string(text.size()) + " bytes is too large for SQLite");
  }
  const int rc = sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return rc == SQLITE_OK ? Status::ok() : sqlite_error(rc, "binding a parameter");
}

Status SqliteStatement::bind(int index, std::span<const uint8_t> blob) {
  if (blob.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Status::error("a blob of " + std::to_string(blob.size()) + " bytes is too large for SQLite");
  }
  // A zero-length blob must still be a BLOB, not NULL: bind_zeroblob(0) does that.
  const int rc = blob.empty() ? sqlite3_bind_zeroblob(stmt_.get(), index, 0)
                              : sqlite3_bind_blob(stmt_.get(), index, blob.data(), static_cast<int>(blob.size()),
                                                  SQLITE_TRANSIENT);
  return rc == SQLITE_OK ? Status::ok() : sqlite_error(rc, "binding a parameter");
}

Status SqliteStatement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_.get(), index);
  return rc == SQLITE_OK ? Status::ok() : sqlite_error(rc, "binding a parameter");
}

Result<bool> SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(rc, "running a statement");
}

Status SqliteStatement::run() {
  auto row = step();
  if (!row) return row.status();
  if (*row) return sqlite_error(SQLITE_MISUSE, "running a statement that unexpectedly returned rows");
  return Status::ok();
}

bool SqliteStatement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

std::string SqliteStatement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_.get(), column);
  return name != nullptr ? name : "?";
}

Status SqliteStatement::type_error(int column, const char* expected) const {
  static const char* const kTypeNames[] = {"", "INTEGER", "REAL", "TEXT", "BLOB", "NULL"};
  const int type = sqlite3_column_type(stmt_.get(), column);
  const char* found = type >= 1 && type <= 5 ? kTypeNames[type] : "unknown";
  return Status::error("column '" + column_name(column) + "' holds " + found + " where " + expected +
                       " is expected");
}

Result<int64_t> SqliteStatement::column_int(int column) const {
  if (sqlite3_column_type(stmt_.get(), column) != SQLITE_INTEGER) return type_error(column, "INTEGER");
  return static_cast<int64_t>(sqlite3_column_int64(stmt_.get(), column));
}

Result<double> SqliteStatement::column_double(int column) const {
  const int type = sqlite3_column_type(stmt_.get(), column);
  if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) return type_error(column, "REAL");
  return sqlite3_column_double(stmt_.get(), column);
}

Result<std::string> SqliteStatement::column_text(int column) const {
  if (sqlite3_column_type(stmt_.get(), column) != SQLITE_TEXT) return type_error(column, "TEXT");
  const auto* text = sqlite3_column_text(stmt_.get(), column);
  const int bytes = sqlite3_column_bytes(stmt_.get(), column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(bytes));
}

Result<std::vector<uint8_t>> SqliteStatement::column_blob(int column) const {
  if (sqlite3_column_type(stmt_.get(), column) != SQLITE_BLOB) return type_error(column, "BLOB");
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_.get(), column));
  const int bytes = sqlite3_column_bytes(stmt_.get(), column);
  if (data == nullptr || bytes <= 0) return std::vector<uint8_t>{};
  return std::vector<uint8_t>(data, data + bytes);
}

void SqliteConnection::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Result<SqliteConnection> SqliteConnection::open(const std::filesystem::path& path, Mode mode) {
  int flags = SQLITE_OPEN_FULLMUTEX;
  switch (mode) {
    case Mode::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::kCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteConnection connection(raw);  // closes `raw` on every path below
  if (rc != SQLITE_OK) return error_from(raw, rc, "opening " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  return connection;
}

Result<SqliteStatement> SqliteConnection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  SqliteStatement statement(db_.get(), stmt);
  if (rc != SQLITE_OK) return error_from(db_.get(), rc, "preparing " + first_words(sql));
  return statement;
}

Status SqliteConnection::execute(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a NUL-terminated string
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::ok();
  std::string error = "SQLite error while running " + first_words(sql) + ": " +
                      (message != nullptr ? message : sqlite3_errstr(rc));
  sqlite3_free(message);
  return Status::error(std::move(error));
}

Result<bool> SqliteConnection::has_table(std::string_view name) {
  auto stmt = prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  if (!stmt) return stmt.status();
  if (auto s = stmt->bind(1, name); !s) return s;
  return stmt->step();
}

Result<SqliteTransaction> SqliteTransaction::begin(SqliteConnection& db) {
  if (auto s = db.execute("BEGIN IMMEDIATE"); !s) return s;
  return SqliteTransaction(&db);
}

SqliteTransaction::~SqliteTransaction() {
  // Rolling back a transaction that SQLite already rolled back (after some
  // errors) fails harmlessly; there is nothing else to do in a destructor.
  if (db_ != nullptr && sqlite3_get_autocommit(db_->handle()) == 0) (void)db_->execute("ROLLBACK");
}

Status SqliteTransaction::commit() {
  SqliteConnection* db = db_;
  db_ = nullptr;
  if (auto s = db->execute("COMMIT"); !s) {
    if (sqlite3_get_autocommit(db->handle()) == 0) (void)db->execute("ROLLBACK");
    return s;
  }
  return Status::ok();
}

}  // namespace zkfl::coordinator
