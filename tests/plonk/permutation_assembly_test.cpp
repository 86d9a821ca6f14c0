#include <gtest/gtest.h>

#include <set>

#include "plonk/proof/permutation_assembly.hpp"

namespace zkfl::plonk {
namespace {

// The cycle of σ through `start`, as a set of (column, row).
std::set<std::pair<uint32_t, uint32_t>> cycle_of(const PermutationAssembly& p, PermutationCell start) {
  std::set<std::pair<uint32_t, uint32_t>> seen;
  PermutationCell c = start;
  do {
    EXPECT_TRUE(seen.insert({c.column, c.row}).second) << "σ revisits a cell before closing the cycle";
    c = p.sigma(c.column, c.row);
  } while (!(c == start) && seen.size() <= p.rows() * p.columns().size());
  return seen;
}

TEST(PermutationAssembly, CopiesMergeIntoCyclesAndOthersStayFixed) {
  Column a{ColumnKind::kAdvice, 0}, b{ColumnKind::kAdvice, 1}, inst{ColumnKind::kInstance, 0};
  PermutationAssembly p({a, b, inst}, 8);
  ASSERT_TRUE(p.copy(Cell{a, 0}, Cell{b, 3}).is_ok());
  ASSERT_TRUE(p.copy(Cell{inst, 1}, Cell{a, 5}).is_ok());
  ASSERT_TRUE(p.copy(Cell{b, 3}, Cell{a, 5}).is_ok());  // joins the two cycles
  ASSERT_TRUE(p.copy(Cell{a, 0}, Cell{inst, 1}).is_ok());  // already together
  std::set<std::pair<uint32_t, uint32_t>> expected{{0, 0}, {1, 3}, {2, 1}, {0, 5}};
  EXPECT_EQ(cycle_of(p, PermutationCell{0, 0}), expected);
  EXPECT_EQ(cycle_of(p, PermutationCell{2, 1}), expected);
  EXPECT_EQ(p.sigma(1, 4), (PermutationCell{1, 4}));  // untouched cells are fixed points
}

TEST(PermutationAssembly, RejectsColumnsWithoutEqualityAndRowsOutOfRange) {
  Column a{ColumnKind::kAdvice, 0};
  PermutationAssembly p({a}, 4);
  EXPECT_FALSE(p.copy(Cell{a, 0}, Cell{Column{ColumnKind::kAdvice, 1}, 0}).is_ok());
  auto s = p.copy(Cell{a, 0}, Cell{a, 4});
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("out of range"), std::string::npos);
}

TEST(PermutationAssembly, LongChainFormsOneCycle) {
  Column a{ColumnKind::kAdvice, 0};
  PermutationAssembly p({a}, 64);
  for (uint32_t r = 0; r + 2 < 64; r += 2) ASSERT_TRUE(p.copy(Cell{a, r}, Cell{a, r + 2}).is_ok());
  EXPECT_EQ(cycle_of(p, PermutationCell{0, 0}).size(), 32u);
  EXPECT_EQ(cycle_of(p, PermutationCell{0, 1}).size(), 1u);
}

}  // namespace
}  // namespace zkfl::plonk
