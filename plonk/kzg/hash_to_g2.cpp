#include "plonk/kzg/hash_to_g2.hpp"

#include <array>
#include <cassert>

#include "plonk/base/sha256.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/curve/subgroup.hpp"

namespace zkfl::plonk {

namespace {

// The cofactor of G2 in E'(Fq2): 2p − r.
constexpr U256 kG2Cofactor = [] {
  U256 two_p{}, h{};
  u256_add(two_p, Fq::kModulus, Fq::kModulus);
  u256_sub(h, two_p, Fr::kModulus);
  return h;
}();

// An Fq element from 64 bytes of SHA-256(seed ‖ tag) ‖ SHA-256(seed ‖ tag + 1).
Fq field_element(const Sha256::Digest& seed, uint8_t tag) {
  std::array<uint8_t, 64> wide{};
  for (uint8_t half = 0; half < 2; ++half) {
    Sha256 h;
    h.update(seed).update_be(static_cast<uint8_t>(tag + half), 1);
    const auto d = h.finish();
    std::copy(d.begin(), d.end(), wide.begin() + 32 * half);
  }
  return Fq::from_wide_bytes_be(wide);
}

}  // namespace

G2Affine hash_to_g2(std::string_view domain, std::span<const uint8_t> message) {
  for (uint32_t counter = 0;; ++counter) {
    Sha256 h;
    h.update("zkfl-hash-to-g2").update_be(domain.size(), 4).update(domain);
    h.update_be(message.size(), 8).update(message).update_be(counter, 4);
    const Sha256::Digest seed = h.finish();
    const Fq2 x(field_element(seed, 0), field_element(seed, 2));
    const bool want_largest = (field_element(seed, 4).to_bytes_be()[31] & 1) != 0;
    Fq2 y;
    if (!(x.squared() * x + G2Config::kB).sqrt(y)) continue;
    if (y.is_lexicographically_largest() != want_largest) y = -y;
    const G2Affine on_twist(x, y);
    assert(on_twist.is_on_curve());
    const G2 cleared = mul_wnaf(G2(on_twist), kG2Cofactor);
    if (cleared.is_identity()) continue;
    assert(is_in_subgroup(cleared));
    return cleared.to_affine();
  }
}

}  // namespace zkfl::plonk
