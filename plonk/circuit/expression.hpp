// Polynomial expressions over cells at relative rotations, challenges and
// constants: the language of custom gates and lookup arguments. An
// Expression is an immutable tree shared by value.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plonk/circuit/column.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// A reference to the cell `rotation` rows away from the current row.
struct Query {
  Column column;
  int32_t rotation = 0;
  auto operator<=>(const Query&) const = default;
};

class Expression {
 public:
  enum class Kind : uint8_t { kConstant, kQuery, kChallenge, kSum, kProduct, kNegated, kScaled };

  Expression();  // the constant zero
  Expression(const Fr& constant);  // NOLINT: constants mix freely into expressions

  static Expression constant(const Fr& value) { return Expression(value); }
  static Expression constant(int64_t value) { return Expression(Fr::from_i64(value)); }
  static Expression query(Column column, int32_t rotation);
  static Expression challenge(Challenge challenge);

  Expression operator+(const Expression& o) const;
  Expression operator-(const Expression& o) const;
  Expression operator*(const Expression& o) const;
  Expression operator*(const Fr& scalar) const;
  Expression operator-() const;
  Expression& operator+=(const Expression& o) { return *this = *this + o; }
  Expression& operator*=(const Expression& o) { return *this = *this * o; }

  Kind kind() const;
  // Node payloads, for encoders and evaluators; each asserts the node's kind.
  const Fr& constant_value() const;       // kConstant, kScaled
  const Query& query_value() const;       // kQuery
  const Challenge& challenge_value() const;  // kChallenge
  const Expression& left() const;         // kSum, kProduct, kNegated, kScaled
  const Expression& right() const;        // kSum, kProduct
  // Degree as a polynomial in the column polynomials (challenges and constants have degree 0).
  int degree() const;
  // Appends every column query in the tree (with repetition).
  void collect_queries(std::vector<Query>& out) const;
  // Human-readable form, e.g. "a[0]*b[1] - c[0]", for diagnostics.
  std::string to_string() const;

  // Folds the tree into a value of type T: leaves map through the three
  // functions, inner nodes through T's +, *, unary − and scaling by Fr.
  template <class T, class ConstantFn, class QueryFn, class ChallengeFn>
  T evaluate(const ConstantFn& on_constant, const QueryFn& on_query, const ChallengeFn& on_challenge) const;

 private:
  struct Node;
  explicit Expression(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;
};

inline Expression operator*(const Fr& scalar, const Expression& e) { return e * scalar; }

inline Expression AdviceColumn::cur() const { return Expression::query(column, 0); }
inline Expression AdviceColumn::next() const { return Expression::query(column, 1); }
inline Expression AdviceColumn::prev() const { return Expression::query(column, -1); }
inline Expression AdviceColumn::rot(int32_t r) const { return Expression::query(column, r); }
inline Expression FixedColumn::cur() const { return Expression::query(column, 0); }
inline Expression FixedColumn::next() const { return Expression::query(column, 1); }
inline Expression FixedColumn::rot(int32_t r) const { return Expression::query(column, r); }
inline Expression InstanceColumn::cur() const { return Expression::query(column, 0); }
inline Expression InstanceColumn::rot(int32_t r) const { return Expression::query(column, r); }
inline Expression Selector::expr() const { return Expression::query(column, 0); }
inline Expression Challenge::expr() const { return Expression::challenge(*this); }

struct Expression::Node {
  Kind kind;
  Fr constant;        // kConstant, kScaled
  Query query;        // kQuery
  Challenge challenge;  // kChallenge
  Expression left, right;  // kSum, kProduct (both), kNegated, kScaled (left)
};

template <class T, class ConstantFn, class QueryFn, class ChallengeFn>
T Expression::evaluate(const ConstantFn& on_constant, const QueryFn& on_query,
                       const ChallengeFn& on_challenge) const {
  const Node& n = *node_;
  switch (n.kind) {
    case Kind::kConstant:
      return on_constant(n.constant);
    case Kind::kQuery:
      return on_query(n.query);
    case Kind::kChallenge:
      return on_challenge(n.challenge);
    case Kind::kSum:
      return n.left.evaluate<T>(on_constant, on_query, on_challenge) +
             n.right.evaluate<T>(on_constant, on_query, on_challenge);
    case Kind::kProduct:
      return n.left.evaluate<T>(on_constant, on_query, on_challenge) *
             n.right.evaluate<T>(on_constant, on_query, on_challenge);
    case Kind::kNegated:
      return -n.left.evaluate<T>(on_constant, on_query, on_challenge);
    case Kind::kScaled:
      return n.left.evaluate<T>(on_constant, on_query, on_challenge) * n.constant;
  }
  return on_constant(Fr::zero());
}

}  // namespace zkfl::plonk
