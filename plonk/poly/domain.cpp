#include "plonk/poly/domain.hpp"

#include <atomic>
#include <cassert>
#include <mutex>
#include <string>

#include "plonk/poly/ntt_tables.hpp"

namespace zkfl::plonk {

// Built outside any lock: building uses the caller's pool, and a caller that
// held a lock while waiting on a pool shared with another caller could
// deadlock. Two racing builders compute the same tables; the first published
// wins and the other is discarded.
struct EvaluationDomain::LazyTwiddles {
  std::atomic<const NttTables*> published{nullptr};
  std::mutex mutex;
  std::unique_ptr<NttTables> owner;
};

Result<EvaluationDomain> EvaluationDomain::create(unsigned log_size) {
  if (log_size > kMaxLogSize) {
    return Status::error("evaluation domain of size 2^" + std::to_string(log_size) +
                         " does not exist: Fr has roots of unity of order at most 2^" +
                         std::to_string(kMaxLogSize) + "; use log_size <= " + std::to_string(kMaxLogSize));
  }
  return EvaluationDomain(log_size);
}

EvaluationDomain::EvaluationDomain(unsigned log_size)
    : log_size_(log_size), lazy_(std::make_shared<LazyTwiddles>()) {
  // ω_(2^k) = ω_(2^28)^(2^(28-k)).
  omega_ = Fr::two_adic_root_of_unity();
  for (unsigned i = log_size; i < kMaxLogSize; ++i) omega_ = omega_.squared();
  omega_inv_ = omega_.inverse();
  size_inv_ = Fr::from_u64(uint64_t{1} << log_size).inverse();
  shift_ = Fr::from_u64(kCosetShift);
  shift_inv_ = shift_.inverse();
}

Fr EvaluationDomain::element(size_t i) const { return omega_.pow(static_cast<uint64_t>(i & (size() - 1))); }

std::vector<Fr> EvaluationDomain::elements() const {
  std::vector<Fr> out(size());
  fill_powers(out, omega_, 0);
  return out;
}

Fr EvaluationDomain::evaluate_vanishing(const Fr& z) const {
  Fr zn = z;
  for (unsigned i = 0; i < log_size_; ++i) zn = zn.squared();
  return zn - Fr::one();
}

Fr EvaluationDomain::evaluate_lagrange(size_t i, const Fr& z) const {
  assert(i < size());
  const Fr w = element(i);
  const Fr zh = evaluate_vanishing(z);
  // On H the closed form is 0/0; there L_i is the indicator of ω^i.
  if (zh.is_zero()) return z == w ? Fr::one() : Fr::zero();
  return w * zh * size_inv_ * (z - w).inverse();
}

std::vector<Fr> EvaluationDomain::evaluate_lagrange_range(const Fr& z, size_t begin, size_t end) const {
  assert(begin <= end && end <= size());
  std::vector<Fr> out(end - begin);
  if (out.empty()) return out;
  std::vector<Fr> powers(end - begin);
  fill_powers(powers, omega_, begin);
  const Fr zh = evaluate_vanishing(z);
  if (zh.is_zero()) {
    for (size_t j = 0; j < out.size(); ++j) out[j] = z == powers[j] ? Fr::one() : Fr::zero();
    return out;
  }
  // z ∉ H, so every z - ω^i is non-zero and one batched inversion serves all.
  for (size_t j = 0; j < out.size(); ++j) out[j] = z - powers[j];
  Fr::batch_inverse(out);
  const Fr common = zh * size_inv_;
  for (size_t j = 0; j < out.size(); ++j) out[j] *= common * powers[j];
  return out;
}

const NttTables& EvaluationDomain::ntt_tables(ThreadPool& pool) const {
  if (const NttTables* ready = lazy_->published.load(std::memory_order_acquire)) return *ready;
  auto fresh = std::make_unique<NttTables>(log_size_, omega_, pool);
  std::lock_guard lock(lazy_->mutex);
  if (!lazy_->owner) {
    lazy_->owner = std::move(fresh);
    lazy_->published.store(lazy_->owner.get(), std::memory_order_release);
  }
  return *lazy_->owner;
}

}  // namespace zkfl::plonk
