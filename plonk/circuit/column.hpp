// Handles for the columns and challenges of a constraint system (the Halo2
// model: advice columns hold the private witness, fixed columns the circuit's
// constants and selectors, instance columns the public inputs).
#pragma once

#include <compare>
#include <cstdint>

namespace zkfl::plonk {

class Expression;  // plonk/circuit/expression.hpp defines the query helpers below

enum class ColumnKind : uint8_t { kAdvice, kFixed, kInstance };

// A column of one kind; `index` counts columns of that kind in creation order.
struct Column {
  ColumnKind kind = ColumnKind::kAdvice;
  uint32_t index = 0;
  auto operator<=>(const Column&) const = default;
};

// An advice column together with the proving phase that commits it: phase 0
// columns are committed before any challenge is drawn; a phase-1 column may
// depend on challenges drawn after phase 0.
struct AdviceColumn {
  Column column;
  uint8_t phase = 0;
  Expression cur() const;            // this row
  Expression next() const;           // the row below
  Expression prev() const;           // the row above
  Expression rot(int32_t r) const;   // r rows away
};

struct FixedColumn {
  Column column;
  Expression cur() const;
  Expression next() const;
  Expression rot(int32_t r) const;
};

struct InstanceColumn {
  Column column;
  Expression cur() const;
  Expression rot(int32_t r) const;
};

// A fixed column whose entries are 0 or 1, switching gates on and off.
struct Selector {
  Column column;
  Expression expr() const;  // the selector's value on this row
};

// A verifier challenge, drawn from the transcript once every advice column of
// phase <= `after_phase` is committed.
struct Challenge {
  uint32_t index = 0;
  uint8_t after_phase = 0;
  auto operator<=>(const Challenge&) const = default;
  Expression expr() const;
};

// A cell: a column and an absolute row.
struct Cell {
  Column column;
  uint32_t row = 0;
  auto operator<=>(const Cell&) const = default;
};

}  // namespace zkfl::plonk
