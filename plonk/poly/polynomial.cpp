#include "plonk/poly/polynomial.hpp"

#include <algorithm>

#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt.hpp"

namespace zkfl::plonk {

namespace {

// Horner's rule on coefficients[0 .. size).
Fr horner(std::span<const Fr> coeffs, const Fr& z) {
  Fr acc = Fr::zero();
  for (size_t j = coeffs.size(); j-- > 0;) acc = acc * z + coeffs[j];
  return acc;
}

// Below this many coefficients evaluation stays on one thread.
constexpr size_t kParallelEvaluateThreshold = size_t{1} << 14;
// Below this length of the shorter operand, schoolbook beats three NTTs.
constexpr size_t kSchoolbookThreshold = 64;

}  // namespace

Fr evaluate(const Polynomial<Coeff>& f, const Fr& z) { return horner(f.values(), z); }

Fr evaluate(const Polynomial<Coeff>& f, const Fr& z, ThreadPool& pool) {
  if (f.size() < kParallelEvaluateThreshold || pool.size() == 1) return evaluate(f, z);
  const size_t chunks = pool.size() * 4;
  const size_t chunk = (f.size() + chunks - 1) / chunks;
  std::vector<Fr> partial(chunks);
  pool.run(chunks, [&](size_t c) {
    const size_t begin = std::min(f.size(), c * chunk);
    const size_t end = std::min(f.size(), begin + chunk);
    // z^begin · Σ_j a_(begin+j) z^j
    partial[c] = horner(f.values().subspan(begin, end - begin), z) * z.pow(static_cast<uint64_t>(begin));
  });
  Fr sum = Fr::zero();
  for (const Fr& p : partial) sum += p;
  return sum;
}

size_t degree(const Polynomial<Coeff>& f) {
  for (size_t i = f.size(); i-- > 0;) {
    if (!f[i].is_zero()) return i;
  }
  return 0;
}

bool is_zero(const Polynomial<Coeff>& f) {
  return std::all_of(f.values().begin(), f.values().end(), [](const Fr& c) { return c.is_zero(); });
}

void truncate(Polynomial<Coeff>& f, size_t length) {
  if (f.size() <= length) return;
  std::vector<Fr> values = std::move(f).take();
  values.resize(length);
  f = Polynomial<Coeff>(std::move(values));
}

void trim(Polynomial<Coeff>& f) { truncate(f, is_zero(f) ? 0 : degree(f) + 1); }

Polynomial<Coeff> divide_by_linear(const Polynomial<Coeff>& f, const Fr& z, Fr* remainder) {
  if (f.empty()) {
    if (remainder != nullptr) *remainder = Fr::zero();
    return Polynomial<Coeff>();
  }
  // Ruffini: q_(m-2) = a_(m-1), q_(j-1) = a_j + z·q_j, and f(z) = a_0 + z·q_0.
  const size_t m = f.size();
  std::vector<Fr> q(m - 1);
  Fr carry = f[m - 1];
  for (size_t j = m - 1; j-- > 0;) {
    q[j] = carry;
    carry = f[j] + z * carry;
  }
  if (remainder != nullptr) *remainder = carry;
  return Polynomial<Coeff>(std::move(q));
}

Polynomial<Coeff> multiply(const Polynomial<Coeff>& a, const Polynomial<Coeff>& b, ThreadPool& pool) {
  if (a.empty() || b.empty()) return Polynomial<Coeff>();
  const size_t result_size = a.size() + b.size() - 1;
  if (std::min(a.size(), b.size()) < kSchoolbookThreshold) {
    std::vector<Fr> out(result_size);
    for (size_t i = 0; i < a.size(); ++i) {
      for (size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
    }
    return Polynomial<Coeff>(std::move(out));
  }
  unsigned log_size = 0;
  while ((size_t{1} << log_size) < result_size) ++log_size;
  assert(log_size <= EvaluationDomain::kMaxLogSize);
  const EvaluationDomain domain = EvaluationDomain::create(log_size).value();
  // A product of degree < n is determined by its n evaluations on H.
  std::vector<Fr> fa(domain.size()), fb(domain.size());
  std::copy(a.values().begin(), a.values().end(), fa.begin());
  std::copy(b.values().begin(), b.values().end(), fb.begin());
  ntt(domain, fa, pool);
  ntt(domain, fb, pool);
  pool.parallel_for(
      fa.size(),
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) fa[i] *= fb[i];
      },
      4096);
  intt(domain, fa, pool);
  fa.resize(result_size);
  return Polynomial<Coeff>(std::move(fa));
}

std::vector<Polynomial<Coeff>> split(const Polynomial<Coeff>& f, size_t piece_size) {
  assert(piece_size > 0);
  std::vector<Polynomial<Coeff>> pieces;
  for (size_t begin = 0; begin < f.size(); begin += piece_size) {
    std::vector<Fr> piece(piece_size);
    const size_t end = std::min(f.size(), begin + piece_size);
    std::copy(f.values().begin() + static_cast<ptrdiff_t>(begin), f.values().begin() + static_cast<ptrdiff_t>(end),
              piece.begin());
    pieces.emplace_back(std::move(piece));
  }
  return pieces;
}

}  // namespace zkfl::plonk
