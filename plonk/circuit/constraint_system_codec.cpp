#include "plonk/circuit/constraint_system_codec.hpp"

#include <functional>

namespace zkfl::plonk {

namespace {

constexpr uint32_t kMaxColumns = 1u << 12;
constexpr uint32_t kMaxGates = 1u << 12;
constexpr uint32_t kMaxConstraintsPerGate = 1u << 10;
constexpr uint32_t kMaxLookupWidth = 1u << 8;
constexpr uint32_t kMaxNameLength = 256;
constexpr int kMaxExpressionDepth = 512;
constexpr int32_t kMaxRotation = 1 << 20;

void encode_expression(const Expression& e, ByteWriter& out) {
  // Pre-order walk; each node is a tag followed by its payload and children.
  std::function<void(const Expression&)> walk = [&](const Expression& x) {
    out.u8(static_cast<uint8_t>(x.kind()));
    switch (x.kind()) {
      case Expression::Kind::kConstant:
        out.bytes(x.constant_value().to_bytes_be());
        return;
      case Expression::Kind::kQuery: {
        const Query& q = x.query_value();
        out.u8(static_cast<uint8_t>(q.column.kind));
        out.u32(q.column.index);
        out.u32(static_cast<uint32_t>(q.rotation));
        return;
      }
      case Expression::Kind::kChallenge:
        out.u32(x.challenge_value().index);
        return;
      case Expression::Kind::kSum:
      case Expression::Kind::kProduct:
        walk(x.left());
        walk(x.right());
        return;
      case Expression::Kind::kNegated:
        walk(x.left());
        return;
      case Expression::Kind::kScaled:
        out.bytes(x.constant_value().to_bytes_be());
        walk(x.left());
        return;
    }
  };
  walk(e);
}

class ExpressionDecoder {
 public:
  ExpressionDecoder(ByteReader& in, const ConstraintSystem& cs) : in_(in), cs_(cs) {}

  Result<Expression> decode(int depth = 0) {
    if (depth > kMaxExpressionDepth) return in_.error("expression nested deeper than the limit");
    auto tag = in_.u8();
    if (!tag) return tag.status();
    switch (static_cast<Expression::Kind>(*tag)) {
      case Expression::Kind::kConstant: {
        auto v = scalar();
        if (!v) return v.status();
        return Expression::constant(*v);
      }
      case Expression::Kind::kQuery: {
        auto kind = in_.u8();
        auto index = in_.u32();
        auto rotation = in_.u32();
        if (!kind || !index || !rotation) return in_.error("truncated column query");
        if (*kind > static_cast<uint8_t>(ColumnKind::kInstance)) return in_.error("unknown column kind");
        Column c{static_cast<ColumnKind>(*kind), *index};
        size_t count = c.kind == ColumnKind::kAdvice  ? cs_.num_advice_columns()
                       : c.kind == ColumnKind::kFixed ? cs_.num_fixed_columns()
                                                      : cs_.num_instance_columns();
        if (c.index >= count) return in_.error("query of a column that does not exist");
        int32_t rot = static_cast<int32_t>(*rotation);
        if (rot > kMaxRotation || rot < -kMaxRotation) return in_.error("rotation out of range");
        return Expression::query(c, rot);
      }
      case Expression::Kind::kChallenge: {
        auto index = in_.u32();
        if (!index) return index.status();
        if (*index >= cs_.num_challenges()) return in_.error("reference to a challenge that does not exist");
        return Expression::challenge(Challenge{*index, cs_.challenge_phase(*index)});
      }
      case Expression::Kind::kSum:
      case Expression::Kind::kProduct: {
        auto l = decode(depth + 1);
        if (!l) return l.status();
        auto r = decode(depth + 1);
        if (!r) return r.status();
        return static_cast<Expression::Kind>(*tag) == Expression::Kind::kSum ? *l + *r : *l * *r;
      }
      case Expression::Kind::kNegated: {
        auto l = decode(depth + 1);
        if (!l) return l.status();
        return -*l;
      }
      case Expression::Kind::kScaled: {
        auto v = scalar();
        if (!v) return v.status();
        auto l = decode(depth + 1);
        if (!l) return l.status();
        return *l * *v;
      }
    }
    return in_.error("unknown expression node tag " + std::to_string(*tag));
  }

 private:
  Result<Fr> scalar() {
    auto b = in_.bytes(32, "constant");
    if (!b) return b.status();
    auto v = Fr::from_bytes_be(*b);
    if (!v) return in_.error(v.error());
    return *v;
  }
  ByteReader& in_;
  const ConstraintSystem& cs_;
};

Result<std::vector<Expression>> decode_expressions(ByteReader& in, const ConstraintSystem& cs, uint32_t max) {
  auto count = in.u32();
  if (!count) return count.status();
  if (*count == 0 || *count > max) return in.error("expression list length " + std::to_string(*count) + " out of range");
  std::vector<Expression> out;
  ExpressionDecoder decoder(in, cs);
  for (uint32_t i = 0; i < *count; ++i) {
    auto e = decoder.decode();
    if (!e) return e.status();
    out.push_back(*e);
  }
  return out;
}

void encode_expressions(const std::vector<Expression>& list, ByteWriter& out) {
  out.u32(static_cast<uint32_t>(list.size()));
  for (const Expression& e : list) encode_expression(e, out);
}

}  // namespace

void encode_constraint_system(const ConstraintSystem& cs, ByteWriter& out) {
  out.u32(static_cast<uint32_t>(cs.num_advice_columns()));
  for (uint32_t i = 0; i < cs.num_advice_columns(); ++i) out.u8(cs.advice_phase(i));
  out.u32(static_cast<uint32_t>(cs.num_fixed_columns()));
  for (uint32_t i = 0; i < cs.num_fixed_columns(); ++i) out.u8(cs.is_selector(i) ? 1 : 0);
  out.u32(static_cast<uint32_t>(cs.num_instance_columns()));
  out.u32(static_cast<uint32_t>(cs.num_challenges()));
  for (uint32_t i = 0; i < cs.num_challenges(); ++i) out.u8(cs.challenge_phase(i));
  out.u32(static_cast<uint32_t>(cs.equality_columns().size()));
  for (const Column& c : cs.equality_columns()) {
    out.u8(static_cast<uint8_t>(c.kind));
    out.u32(c.index);
  }
  out.u32(static_cast<uint32_t>(cs.gates().size()));
  for (const Gate& g : cs.gates()) {
    out.string(g.name);
    encode_expressions(g.constraints, out);
  }
  out.u32(static_cast<uint32_t>(cs.lookups().size()));
  for (const LookupArgument& l : cs.lookups()) {
    out.string(l.name);
    encode_expressions(l.inputs, out);
    encode_expressions(l.table, out);
  }
  out.u64(cs.required_blinding_rows());
  out.u8(static_cast<uint8_t>(cs.required_degree()));
}

Result<ConstraintSystem> decode_constraint_system(ByteReader& in) {
  ConstraintSystem cs;
  auto bounded = [&](const char* what) -> Result<uint32_t> {
    auto n = in.u32();
    if (!n) return n.status();
    if (*n > kMaxColumns) return in.error(std::string(what) + " count exceeds the limit");
    return *n;
  };
  auto advice = bounded("advice column");
  if (!advice) return advice.status();
  for (uint32_t i = 0; i < *advice; ++i) {
    auto phase = in.u8();
    if (!phase) return phase.status();
    if (*phase > 1) return in.error("advice phase must be 0 or 1");
    cs.advice_column(*phase);
  }
  auto fixed = bounded("fixed column");
  if (!fixed) return fixed.status();
  for (uint32_t i = 0; i < *fixed; ++i) {
    auto is_selector = in.u8();
    if (!is_selector) return is_selector.status();
    if (*is_selector > 1) return in.error("selector flag must be 0 or 1");
    if (*is_selector) {
      cs.selector();
    } else {
      cs.fixed_column();
    }
  }
  auto instance = bounded("instance column");
  if (!instance) return instance.status();
  for (uint32_t i = 0; i < *instance; ++i) cs.instance_column();
  auto challenges = bounded("challenge");
  if (!challenges) return challenges.status();
  for (uint32_t i = 0; i < *challenges; ++i) {
    auto phase = in.u8();
    if (!phase) return phase.status();
    if (*phase != 0) return in.error("challenges are drawn after phase 0");
    cs.challenge_usable_after(*phase);
  }
  auto equality = bounded("equality column");
  if (!equality) return equality.status();
  for (uint32_t i = 0; i < *equality; ++i) {
    auto kind = in.u8();
    auto index = in.u32();
    if (!kind || !index) return in.error("truncated equality column");
    if (*kind > static_cast<uint8_t>(ColumnKind::kInstance)) return in.error("unknown column kind");
    Column c{static_cast<ColumnKind>(*kind), *index};
    size_t count = c.kind == ColumnKind::kAdvice  ? cs.num_advice_columns()
                   : c.kind == ColumnKind::kFixed ? cs.num_fixed_columns()
                                                  : cs.num_instance_columns();
    if (c.index >= count) return in.error("equality on a column that does not exist");
    cs.enable_equality(c);
  }
  auto gates = in.u32();
  if (!gates) return gates.status();
  if (*gates > kMaxGates) return in.error("gate count exceeds the limit");
  for (uint32_t i = 0; i < *gates; ++i) {
    auto name = in.string(kMaxNameLength);
    if (!name) return name.status();
    if (name->empty()) return in.error("gate without a name");
    auto constraints = decode_expressions(in, cs, kMaxConstraintsPerGate);
    if (!constraints) return constraints.status();
    cs.create_gate(*name, std::move(*constraints));
  }
  auto lookups = in.u32();
  if (!lookups) return lookups.status();
  if (*lookups > kMaxGates) return in.error("lookup count exceeds the limit");
  for (uint32_t i = 0; i < *lookups; ++i) {
    auto name = in.string(kMaxNameLength);
    if (!name) return name.status();
    auto inputs = decode_expressions(in, cs, kMaxLookupWidth);
    if (!inputs) return inputs.status();
    auto table = decode_expressions(in, cs, kMaxLookupWidth);
    if (!table) return table.status();
    if (inputs->size() != table->size()) return in.error("lookup input and table widths differ");
    cs.lookup(*name, std::move(*inputs), std::move(*table));
  }
  auto blinding = in.u64();
  if (!blinding) return blinding.status();
  if (*blinding > kMaxColumns) return in.error("required blinding rows exceed the limit");
  cs.require_blinding_rows(*blinding);
  auto degree = in.u8();
  if (!degree) return degree.status();
  if (*degree < 3 || *degree > 9) return in.error("required degree outside [3, 9]");
  cs.require_degree(*degree);
  return cs;
}

}  // namespace zkfl::plonk
