// The ceremony's contributions and the verification of its chain.
#include "plonk/kzg/ceremony.hpp"

#include <openssl/crypto.h>

#include <array>
#include <cassert>
#include <utility>

#include "plonk/base/hex.hpp"
#include "plonk/curve/pairing.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/kzg/hash_to_g2.hpp"

namespace zkfl::plonk {

namespace {

constexpr std::string_view kProofDomain = "zkfl-ceremony-v1/proof-of-knowledge";

void wipe(void* data, size_t size) { OPENSSL_cleanse(data, size); }

// Whether e(a1, b1) = e(a2, b2).
bool same_ratio(const G1Affine& a1, const G2Affine& b1, const G1Affine& a2, const G2Affine& b2) {
  const std::array<std::pair<G1Affine, G2Affine>, 2> terms = {std::pair{a1, b1}, std::pair{-a2, b2}};
  return pairing_product_is_one(terms);
}

std::string ceremony_provenance(const CeremonyState& state) {
  const Sha256::Digest hash = ceremony_hash(state);
  return "ceremony: " + std::to_string(state.contributions.size()) + " contribution(s), final hash " +
         to_hex(hash) + "; start: " + state.start_provenance;
}

}  // namespace

CeremonyState start_ceremony(uint32_t k) {
  assert(k >= 1 && k <= Srs::kMaxLogSize);
  std::vector<G1Affine> powers(size_t{1} << k, G1Affine::generator());
  return CeremonyState{G1Affine::generator(), G2Affine::generator(),
                       "trivial start (tau = 1); secure only after an honest contribution",
                       {},
                       Srs(k, std::move(powers), G2Affine::generator(), Srs::Origin::kCeremony,
                           "ceremony in progress")};
}

CeremonyState start_ceremony_from(const Srs& srs) {
  std::vector<G1Affine> powers(srs.g1_powers().begin(), srs.g1_powers().end());
  std::string provenance =
      "continues an SRS of origin " + std::string(Srs::origin_name(srs.origin())) + " (" + srs.provenance() + ")";
  if (provenance.size() > Srs::kMaxProvenanceBytes) provenance.resize(Srs::kMaxProvenanceBytes);
  return CeremonyState{srs.g1_powers()[1], srs.tau_g2(), std::move(provenance), {},
                       Srs(srs.k(), std::move(powers), srs.tau_g2(), Srs::Origin::kCeremony,
                           "ceremony in progress")};
}

Sha256::Digest ceremony_start_hash(const CeremonyState& state) {
  Sha256 h;
  h.update("zkfl-ceremony-v1/start").update_be(state.current.k(), 1);
  h.update(encode_uncompressed(state.start_tau_g1)).update(encode_uncompressed(state.start_tau_g2));
  h.update_be(state.start_provenance.size(), 4).update(state.start_provenance);
  return h.finish();
}

Sha256::Digest contribution_hash(const Sha256::Digest& previous, const Contribution& c) {
  Sha256 h;
  h.update("zkfl-ceremony-v1/contribution").update(previous);
  h.update_be(c.name.size(), 4).update(c.name);
  h.update(encode_uncompressed(c.tau_prime_g1)).update(encode_uncompressed(c.proof_g2));
  h.update(encode_uncompressed(c.tau_g1)).update(encode_uncompressed(c.tau_g2));
  return h.finish();
}

Sha256::Digest ceremony_hash(const CeremonyState& state) {
  Sha256::Digest hash = ceremony_start_hash(state);
  for (const Contribution& c : state.contributions) hash = contribution_hash(hash, c);
  return hash;
}

G2Affine proof_of_knowledge_base(const Sha256::Digest& previous, const std::string& name,
                                 const G1Affine& tau_prime_g1) {
  std::vector<uint8_t> message(previous.begin(), previous.end());
  for (int i = 3; i >= 0; --i) message.push_back(static_cast<uint8_t>(name.size() >> (8 * i)));
  message.insert(message.end(), name.begin(), name.end());
  const auto point = encode_uncompressed(tau_prime_g1);
  message.insert(message.end(), point.begin(), point.end());
  return hash_to_g2(kProofDomain, message);
}

Result<Sha256::Digest> contribute(CeremonyState& state, const std::string& name, Rng& rng, ThreadPool& pool) {
  if (name.size() > kMaxContributorName) {
    return Status::error("contributor name of " + std::to_string(name.size()) + " bytes exceeds the limit of " +
                         std::to_string(kMaxContributorName));
  }
  if (state.contributions.size() >= kMaxContributions) {
    return Status::error("the ceremony already has the maximum of " + std::to_string(kMaxContributions) +
                         " contributions");
  }
  const Sha256::Digest previous = ceremony_hash(state);

  Fr secret;
  do {
    secret = Fr::random(rng);
  } while (secret.is_zero());

  Contribution record;
  record.name = name;
  record.tau_prime_g1 = mul_secret(G1::generator(), secret).to_affine();
  const G2Affine base = proof_of_knowledge_base(previous, name, record.tau_prime_g1);
  record.proof_g2 = mul_secret(G2(base), secret).to_affine();

  // P_i ← τ'^i·P_i. Each chunk starts from τ'^begin (square-and-multiply over
  // the public exponent `begin`: the products are constant time in τ') and
  // steps by one product per power.
  const std::span<const G1Affine> old_powers = state.current.g1_powers();
  const size_t n = old_powers.size();
  std::vector<G1Affine> powers(n);
  pool.parallel_for(
      n,
      [&](size_t begin, size_t end) {
        Fr power = secret.pow(static_cast<uint64_t>(begin));
        std::vector<G1> chunk(end - begin);
        for (size_t i = begin; i < end; ++i) {
          chunk[i - begin] = mul_secret(G1(old_powers[i]), power);
          power *= secret;
        }
        wipe(&power, sizeof power);
        const std::vector<G1Affine> affine = G1::batch_to_affine(chunk);
        std::copy(affine.begin(), affine.end(), powers.begin() + static_cast<ptrdiff_t>(begin));
      },
      64);
  const G2Affine tau_g2 = mul_secret(G2(state.current.tau_g2()), secret).to_affine();
  wipe(&secret, sizeof secret);

  record.tau_g1 = powers[1];
  record.tau_g2 = tau_g2;
  state.contributions.push_back(std::move(record));
  state.current = Srs(state.current.k(), std::move(powers), tau_g2, Srs::Origin::kCeremony, "ceremony in progress");
  return contribution_hash(previous, state.contributions.back());
}

Status verify_ceremony(const CeremonyState& state, Rng& rng, ThreadPool& pool) {
  const G1Affine g1 = G1Affine::generator();
  const G2Affine g2 = G2Affine::generator();
  if (state.start_tau_g1.is_identity() || state.start_tau_g2.is_identity()) {
    return Status::error("ceremony: the start [tau] is the point at infinity");
  }
  if (!same_ratio(state.start_tau_g1, g2, g1, state.start_tau_g2)) {
    return Status::error("ceremony: the start [tau]G1 and [tau]G2 disagree");
  }
  Sha256::Digest hash = ceremony_start_hash(state);
  G1Affine tau_g1 = state.start_tau_g1;
  G2Affine tau_g2 = state.start_tau_g2;
  for (size_t j = 0; j < state.contributions.size(); ++j) {
    const Contribution& c = state.contributions[j];
    const std::string which = "ceremony: contribution " + std::to_string(j + 1) + " (\"" + c.name + "\"): ";
    if (c.name.size() > kMaxContributorName) return Status::error(which + "name too long");
    if (c.tau_prime_g1.is_identity() || c.proof_g2.is_identity() || c.tau_g1.is_identity() ||
        c.tau_g2.is_identity()) {
      return Status::error(which + "a point is the point at infinity");
    }
    const G2Affine base = proof_of_knowledge_base(hash, c.name, c.tau_prime_g1);
    if (!same_ratio(c.tau_prime_g1, base, g1, c.proof_g2)) {
      return Status::error(which + "the proof of knowledge of its secret is invalid");
    }
    if (!same_ratio(c.tau_g1, base, tau_g1, c.proof_g2)) {
      return Status::error(which + "its [tau]G1 is not the previous one times its secret");
    }
    if (!same_ratio(c.tau_g1, g2, g1, c.tau_g2)) {
      return Status::error(which + "its [tau]G2 disagrees with its [tau]G1");
    }
    hash = contribution_hash(hash, c);
    tau_g1 = c.tau_g1;
    tau_g2 = c.tau_g2;
  }
  const Srs& srs = state.current;
  if (srs.size() < 2 || !(srs.g1_powers()[1] == tau_g1) || !(srs.tau_g2() == tau_g2)) {
    return Status::error("ceremony: the current powers do not end at the last contribution's [tau]");
  }
  if (Status s = srs.verify(rng, pool); !s) return Status::error("ceremony: current powers: " + s.message());
  return Status::ok();
}

Result<Srs> finish_ceremony(const CeremonyState& state, Rng& rng, ThreadPool& pool) {
  if (state.contributions.empty()) {
    return Status::error("the ceremony has no contribution yet: its tau is public; add at least one");
  }
  if (Status s = verify_ceremony(state, rng, pool); !s) return s;
  std::vector<G1Affine> powers(state.current.g1_powers().begin(), state.current.g1_powers().end());
  return Srs(state.current.k(), std::move(powers), state.current.tau_g2(), Srs::Origin::kCeremony,
             ceremony_provenance(state));
}

}  // namespace zkfl::plonk
