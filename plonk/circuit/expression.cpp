#include "plonk/circuit/expression.hpp"

#include <algorithm>
#include <cassert>

namespace zkfl::plonk {

namespace {
const char* kind_prefix(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kAdvice:
      return "advice";
    case ColumnKind::kFixed:
      return "fixed";
    case ColumnKind::kInstance:
      return "instance";
  }
  return "?";
}
}  // namespace

Expression::Expression() : Expression(Fr::zero()) {}

Expression::Expression(const Fr& constant)
    : node_(std::make_shared<const Node>(Node{Kind::kConstant, constant, {}, {}, Expression(nullptr), Expression(nullptr)})) {}

Expression Expression::query(Column column, int32_t rotation) {
  return Expression(std::make_shared<const Node>(
      Node{Kind::kQuery, Fr::zero(), Query{column, rotation}, {}, Expression(nullptr), Expression(nullptr)}));
}

Expression Expression::challenge(Challenge challenge) {
  return Expression(std::make_shared<const Node>(
      Node{Kind::kChallenge, Fr::zero(), {}, challenge, Expression(nullptr), Expression(nullptr)}));
}

Expression Expression::operator+(const Expression& o) const {
  return Expression(std::make_shared<const Node>(Node{Kind::kSum, Fr::zero(), {}, {}, *this, o}));
}

Expression Expression::operator-(const Expression& o) const { return *this + (-o); }

Expression Expression::operator*(const Expression& o) const {
  return Expression(std::make_shared<const Node>(Node{Kind::kProduct, Fr::zero(), {}, {}, *this, o}));
}

Expression Expression::operator*(const Fr& scalar) const {
  return Expression(
      std::make_shared<const Node>(Node{Kind::kScaled, scalar, {}, {}, *this, Expression(nullptr)}));
}

Expression Expression::operator-() const {
  return Expression(
      std::make_shared<const Node>(Node{Kind::kNegated, Fr::zero(), {}, {}, *this, Expression(nullptr)}));
}

Expression::Kind Expression::kind() const { return node_->kind; }

const Fr& Expression::constant_value() const {
  assert(node_->kind == Kind::kConstant || node_->kind == Kind::kScaled);
  return node_->constant;
}

const Query& Expression::query_value() const {
  assert(node_->kind == Kind::kQuery);
  return node_->query;
}

const Challenge& Expression::challenge_value() const {
  assert(node_->kind == Kind::kChallenge);
  return node_->challenge;
}

const Expression& Expression::left() const {
  assert(node_->kind == Kind::kSum || node_->kind == Kind::kProduct || node_->kind == Kind::kNegated ||
         node_->kind == Kind::kScaled);
  return node_->left;
}

const Expression& Expression::right() const {
  assert(node_->kind == Kind::kSum || node_->kind == Kind::kProduct);
  return node_->right;
}

int Expression::degree() const {
  const Node& n = *node_;
  switch (n.kind) {
    case Kind::kConstant:
    case Kind::kChallenge:
      return 0;
    case Kind::kQuery:
      return 1;
    case Kind::kSum:
      return std::max(n.left.degree(), n.right.degree());
    case Kind::kProduct:
      return n.left.degree() + n.right.degree();
    case Kind::kNegated:
    case Kind::kScaled:
      return n.left.degree();
  }
  return 0;
}

void Expression::collect_queries(std::vector<Query>& out) const {
  const Node& n = *node_;
  switch (n.kind) {
    case Kind::kQuery:
      out.push_back(n.query);
      return;
    case Kind::kSum:
    case Kind::kProduct:
      n.left.collect_queries(out);
      n.right.collect_queries(out);
      return;
    case Kind::kNegated:
    case Kind::kScaled:
      n.left.collect_queries(out);
      return;
    case Kind::kConstant:
    case Kind::kChallenge:
      return;
  }
}

std::string Expression::to_string() const {
  const Node& n = *node_;
  switch (n.kind) {
    case Kind::kConstant: {
      // Show small negative constants as such (p − 1 reads as −1).
      const U256 neg = (-n.constant).to_canonical();
      if (!n.constant.is_zero() && neg[1] == 0 && neg[2] == 0 && neg[3] == 0 && neg[0] < (1u << 20)) {
        return std::string(1, '-').append(std::to_string(neg[0]));
      }
      return n.constant.to_string();
    }
    case Kind::kQuery:
      return std::string(kind_prefix(n.query.column.kind)) + std::to_string(n.query.column.index) + "[" +
             std::to_string(n.query.rotation) + "]";
    case Kind::kChallenge:
      return "challenge" + std::to_string(n.challenge.index);
    case Kind::kSum:
      return std::string(1, '(').append(n.left.to_string()).append(" + ").append(n.right.to_string()).append(")");
    case Kind::kProduct:
      return n.left.to_string() + "*" + n.right.to_string();
    case Kind::kNegated:
      return "-(" + n.left.to_string() + ")";
    case Kind::kScaled:
      return n.left.to_string() + "*" + n.constant.to_string();
  }
  return "?";
}

}  // namespace zkfl::plonk
