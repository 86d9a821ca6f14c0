// Value: a witness value that the prover knows and keygen does not (and that
// a second-phase column only knows once its challenges are drawn). Arithmetic
// on an unknown value stays unknown, so circuit code is written once.
#pragma once

#include <cassert>
#include <optional>

#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

class Value {
 public:
  Value() = default;  // unknown
  static Value known(const Fr& v) { return Value(v); }
  static Value known(int64_t v) { return Value(Fr::from_i64(v)); }
  static Value unknown() { return Value(); }

  bool is_known() const { return v_.has_value(); }
  // The value; reading an unknown value is a programming error.
  const Fr& get() const {
    assert(v_.has_value() && "reading an unknown witness value");
    return *v_;
  }

  Value operator+(const Value& o) const { return both(o) ? known(*v_ + *o.v_) : Value(); }
  Value operator-(const Value& o) const { return both(o) ? known(*v_ - *o.v_) : Value(); }
  Value operator*(const Value& o) const { return both(o) ? known(*v_ * *o.v_) : Value(); }
  Value operator-() const { return v_ ? known(-*v_) : Value(); }
  // f(value) when known.
  template <class F>
  Value map(F&& f) const {
    return v_ ? known(f(*v_)) : Value();
  }
  // The inverse (zero for zero) when known.
  Value inverse() const { return map([](const Fr& x) { return x.inverse(); }); }

 private:
  explicit Value(const Fr& v) : v_(v) {}
  bool both(const Value& o) const { return v_.has_value() && o.v_.has_value(); }
  std::optional<Fr> v_;
};

}  // namespace zkfl::plonk
