#include "plonk/proof/quotient.hpp"

#include "plonk/poly/basis_conversion.hpp"
#include "plonk/poly/vanishing.hpp"

namespace zkfl::plonk {

namespace {

// The values combine_constraints reads, at point `row` of the extended coset.
class ExtendedRowValues {
 public:
  ExtendedRowValues(const ProvingKey& pk, const ExtendedWitness& w, size_t row)
      : pk_(pk), w_(w), row_(row), scale_(pk.layout().extension_factor()),
        mask_(pk.extended_domain().size() - 1) {}

  Fr query(const Query& q) const {
    const size_t i = at(static_cast<int64_t>(q.rotation));
    switch (q.column.kind) {
      case ColumnKind::kAdvice:
        return w_.advice[q.column.index][i];
      case ColumnKind::kFixed:
        return pk_.fixed()[q.column.index].extended[i];
      case ColumnKind::kInstance:
        return w_.instance[q.column.index][i];
    }
    return Fr::zero();
  }
  Fr sigma(uint32_t i) const { return pk_.sigma()[i].extended[row_]; }
  Fr product(uint32_t j, int which) const {
    const int64_t rotation = which == 0 ? 0 : which == 1 ? 1 : static_cast<int64_t>(pk_.layout().last_row);
    return w_.products[j][at(rotation)];
  }
  Fr multiplicity(uint32_t l) const { return w_.multiplicities[l][row_]; }
  Fr sum(uint32_t l, bool next) const { return w_.sums[l][at(next ? 1 : 0)]; }
  Fr l0() const { return pk_.l0()[row_]; }
  Fr l_last() const { return pk_.l_last()[row_]; }
  Fr l_active() const { return pk_.l_active()[row_]; }
  Fr x() const { return pk_.extended_points()[row_]; }

 private:
  size_t at(int64_t rotation) const {
    return static_cast<size_t>(static_cast<int64_t>(row_) + rotation * static_cast<int64_t>(scale_)) & mask_;
  }
  const ProvingKey& pk_;
  const ExtendedWitness& w_;
  size_t row_, scale_, mask_;
};

}  // namespace

std::vector<Polynomial<Coeff>> quotient_pieces(const ProvingKey& pk, const ExtendedWitness& witness,
                                               const ArgumentChallenges& challenges, ThreadPool& pool) {
  const ConstraintSystem& cs = pk.vk().constraint_system();
  const ProofLayout& layout = pk.layout();
  const std::vector<Fr> deltas = delta_powers(cs.equality_columns().size());
  const size_t size = pk.extended_domain().size();
  Polynomial<ExtendedLagrangeEval> numerator = Polynomial<ExtendedLagrangeEval>::zero(size);
  pool.parallel_for(
      size,
      [&](size_t begin, size_t end) {
        for (size_t row = begin; row < end; ++row) {
          numerator[row] = combine_constraints(cs, layout, ExtendedRowValues(pk, witness, row), challenges, deltas);
        }
      },
      1024);
  divide_by_vanishing(numerator, pk.domain(), pk.extended_domain(), pool);
  Polynomial<Coeff> h = extended_to_coeff(pk.extended_domain(), std::move(numerator), pool);
  std::vector<Polynomial<Coeff>> pieces = split(h, layout.n);
  pieces.resize(layout.quotient_pieces, Polynomial<Coeff>::zero(layout.n));
  return pieces;
}

}  // namespace zkfl::plonk
