// The data table layout (where each dataset value sits in the circuit) and
// the vanishing polynomial of its rows.
#include <gtest/gtest.h>

#include "plonk/poly/domain.hpp"
#include "training/data_table.hpp"
#include "training/table_vanishing.hpp"

namespace zkfl::training {
namespace {

using plonk::Fr;

TEST(DataTable, ChunksAndRows) {
  EXPECT_EQ((DataTableLayout{6, 5, 2}).chunks(), 3);
  EXPECT_EQ((DataTableLayout{6, 5, 2}).table_rows(), 18);
  EXPECT_EQ((DataTableLayout{6, 5, 5}).chunks(), 1);
  EXPECT_EQ((DataTableLayout{6, 5, 8}).chunks(), 1);
  EXPECT_EQ((DataTableLayout{100, 31, 8}).table_rows(), 400);
  EXPECT_EQ((DataTableLayout{6, 5, 2}).circuit_row(4, 2), 14);
  EXPECT_EQ(DataTableLayout::key(14), Fr::from_u64(15));
}

TEST(DataTable, EveryValueSitsWhereTheLayoutSays) {
  const DataTableLayout layout{3, 5, 2};  // d = 4, C = 3: chunks (x0 x1) (x2 x3) (y 0)
  const std::vector<int64_t> x = {1, -2, 3, -4, 5, 6, 7, 8, -9, 10, -11, 12};
  const std::vector<int64_t> y = {0, 1, 1};
  auto columns = data_table_columns(layout, DatasetView{x, y}, 16);
  ASSERT_TRUE(columns.is_ok()) << columns.error();
  ASSERT_EQ(columns->size(), 2u);
  for (const auto& c : *columns) ASSERT_EQ(c.size(), 16u);
  for (int64_t i = 0; i < 3; ++i) {
    for (int64_t v = 0; v < 5; ++v) {
      const int64_t expected = v < 4 ? x[static_cast<size_t>(i * 4 + v)] : y[static_cast<size_t>(i)];
      const auto t = static_cast<size_t>(layout.circuit_row(i, v / 2));
      EXPECT_EQ((*columns)[static_cast<size_t>(v % 2)][t], Fr::from_i64(expected)) << "row " << i << " value " << v;
    }
    // The padding after the label, and every row past the table, are zero.
    EXPECT_TRUE((*columns)[1][static_cast<size_t>(layout.circuit_row(i, 2))].is_zero());
  }
  for (size_t t = 9; t < 16; ++t) EXPECT_TRUE((*columns)[0][t].is_zero() && (*columns)[1][t].is_zero());
  // A negative value v is p − |v|.
  EXPECT_EQ((*columns)[1][0], Fr::zero() - Fr::from_u64(2));
  EXPECT_EQ(row_chunk(layout, DatasetView{x, y}, 1, 2), (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(row_chunk(layout, DatasetView{x, y}, 2, 1), (std::vector<int64_t>{-11, 12}));
}

TEST(DataTable, ShapesThatDoNotFitAreErrors) {
  const std::vector<int64_t> x(12), y(3);
  EXPECT_FALSE(data_table_columns(DataTableLayout{3, 5, 2}, DatasetView{x, y}, 8).is_ok());  // T = 9 > 8
  EXPECT_FALSE(data_table_columns(DataTableLayout{3, 5, 2}, DatasetView{std::span(x).first(11), y}, 16).is_ok());
  EXPECT_FALSE(data_table_columns(DataTableLayout{3, 5, 2}, DatasetView{x, std::span(y).first(2)}, 16).is_ok());
  EXPECT_FALSE((DataTableLayout{0, 5, 2}).validate().is_ok());
  EXPECT_FALSE((DataTableLayout{3, 1, 2}).validate().is_ok());
  EXPECT_FALSE((DataTableLayout{3, 5, 0}).validate().is_ok());
  EXPECT_FALSE((DataTableLayout{int64_t{1} << 27, 5, 2}).validate().is_ok());  // 3·2^27 rows > 2^28
  EXPECT_TRUE((DataTableLayout{int64_t{1} << 26, 5, 2}).validate().is_ok());
}

TEST(TableVanishing, MatchesTheProductOnTheCosetAndAtAPoint) {
  plonk::ThreadPool pool(2);
  plonk::DeterministicRng rng(1);
  for (unsigned k : {3u, 5u}) {
    auto domain = plonk::EvaluationDomain::create(k);
    ASSERT_TRUE(domain.is_ok());
    const size_t n = domain->size();
    for (size_t t : {size_t{1}, size_t{2}, size_t{3}, n / 2, n / 2 + 3, n - 1}) {
      if (t >= n) continue;
      const std::vector<Fr> coset = table_vanishing_on_coset(*domain, t, pool);
      ASSERT_EQ(coset.size(), n);
      for (size_t i = 0; i < n; ++i) {
        const Fr point = domain->coset_shift() * domain->element(i);
        Fr direct = Fr::one();
        for (size_t r = 0; r < t; ++r) direct *= point - domain->element(r);
        EXPECT_EQ(coset[i], direct) << "k " << k << " T " << t << " i " << i;
        EXPECT_EQ(evaluate_table_vanishing(*domain, t, point), direct);
      }
      // Zero exactly on the table rows.
      for (size_t r = 0; r < n; ++r) {
        EXPECT_EQ(evaluate_table_vanishing(*domain, t, domain->element(r)).is_zero(), r < t);
      }
    }
    // T = n is Z_H.
    const Fr z = Fr::random(rng);
    EXPECT_EQ(evaluate_table_vanishing(*domain, n, z), domain->evaluate_vanishing(z));
  }
}

}  // namespace
}  // namespace zkfl::training
