#include "plonk/kzg/ptau_import.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "plonk/curve/subgroup.hpp"
#include "plonk/kzg/g1_powers_codec.hpp"

namespace zkfl::plonk {

namespace {

constexpr uint32_t kSectionHeader = 1;
constexpr uint32_t kSectionTauG1 = 2;
constexpr uint32_t kSectionTauG2 = 3;
constexpr uint32_t kSectionContributions = 7;
constexpr size_t kFieldBytes = 32;
constexpr size_t kG1Bytes = 2 * kFieldBytes;
constexpr size_t kG2Bytes = 4 * kFieldBytes;
constexpr uint32_t kMaxSections = 64;

uint64_t read_le(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = n; i-- > 0;) v = v << 8 | p[i];
  return v;
}

struct Section {
  uint64_t offset;  // of the section's data
  uint64_t size;
};

struct PtauLayout {
  PtauInfo info;
  std::map<uint32_t, Section> sections;  // the first of each type
};

// Reads `size` bytes at `offset`, or an error.
Result<std::vector<uint8_t>> read_at(std::istream& in, uint64_t offset, uint64_t size, const std::string& what) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  std::vector<uint8_t> out(size);
  if (!in || !in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(size))) {
    return Status::error(".ptau: cannot read " + what + " (" + std::to_string(size) + " bytes at offset " +
                         std::to_string(offset) + ")");
  }
  return out;
}

Result<PtauLayout> read_layout(std::istream& in) {
  in.clear();
  in.seekg(0, std::ios::end);
  const std::streamoff end = in.tellg();
  if (end < 0) return Status::error(".ptau: cannot determine the input's size");
  const uint64_t file_size = static_cast<uint64_t>(end);

  if (file_size < 12) return Status::error("not a .ptau file: too short for the \"ptau\" header");
  auto head = read_at(in, 0, 12, "the file header");
  if (!head) return head.status();
  if (!std::equal(head->begin(), head->begin() + 4, "ptau")) {
    return Status::error("not a .ptau file (the magic \"ptau\" is missing)");
  }
  const uint32_t version = static_cast<uint32_t>(read_le(head->data() + 4, 4));
  if (version != 1) return Status::error(".ptau: unsupported binfile version " + std::to_string(version) + " (expected 1)");
  const uint32_t section_count = static_cast<uint32_t>(read_le(head->data() + 8, 4));
  if (section_count > kMaxSections) {
    return Status::error(".ptau: implausible section count " + std::to_string(section_count));
  }

  PtauLayout layout;
  uint64_t pos = 12;
  for (uint32_t s = 0; s < section_count; ++s) {
    if (file_size - pos < 12) {
      return Status::error(".ptau: truncated: the file ends inside the header of section " + std::to_string(s + 1) +
                           " of " + std::to_string(section_count));
    }
    auto sh = read_at(in, pos, 12, "a section header");
    if (!sh) return sh.status();
    const uint32_t type = static_cast<uint32_t>(read_le(sh->data(), 4));
    const uint64_t size = read_le(sh->data() + 4, 8);
    pos += 12;
    if (size > file_size - pos) {
      return Status::error(".ptau: truncated: section " + std::to_string(type) + " declares " + std::to_string(size) +
                           " bytes but only " + std::to_string(file_size - pos) + " remain");
    }
    if (type == kSectionHeader || type == kSectionTauG1 || type == kSectionTauG2) {
      if (layout.sections.count(type)) return Status::error(".ptau: section " + std::to_string(type) + " appears twice");
    }
    layout.sections.emplace(type, Section{pos, size});
    pos += size;
  }
  if (pos != file_size) {
    return Status::error(".ptau: " + std::to_string(file_size - pos) + " unexpected bytes after the last section");
  }
  for (uint32_t needed : {kSectionHeader, kSectionTauG1, kSectionTauG2}) {
    if (!layout.sections.count(needed)) {
      return Status::error(".ptau: section " + std::to_string(needed) + " (" +
                           (needed == kSectionHeader ? "header" : needed == kSectionTauG1 ? "tauG1" : "tauG2") +
                           ") is missing");
    }
  }

  // Section 1: n8, the prime, power, ceremonyPower.
  const Section header = layout.sections.at(kSectionHeader);
  if (header.size < 4) return Status::error(".ptau: the header section is too short");
  auto n8_bytes = read_at(in, header.offset, 4, "n8");
  if (!n8_bytes) return n8_bytes.status();
  const uint32_t n8 = static_cast<uint32_t>(read_le(n8_bytes->data(), 4));
  if (n8 != kFieldBytes) {
    return Status::error(".ptau: wrong curve: base field elements of " + std::to_string(n8) +
                         " bytes (BN254/bn128 uses 32; is this a bls12-381 file?)");
  }
  if (header.size != 4 + kFieldBytes + 8) {
    return Status::error(".ptau: the header section has " + std::to_string(header.size) + " bytes, expected " +
                         std::to_string(4 + kFieldBytes + 8));
  }
  auto rest = read_at(in, header.offset + 4, kFieldBytes + 8, "the header");
  if (!rest) return rest.status();
  std::array<uint8_t, 32> prime_be{};
  std::reverse_copy(rest->begin(), rest->begin() + kFieldBytes, prime_be.begin());
  if (u256_from_bytes_be(prime_be.data()) != Fq::kModulus) {
    return Status::error(".ptau: wrong curve: the file's prime is not BN254's base field modulus");
  }
  layout.info.power = static_cast<uint32_t>(read_le(rest->data() + kFieldBytes, 4));
  layout.info.ceremony_power = static_cast<uint32_t>(read_le(rest->data() + kFieldBytes + 4, 4));
  if (layout.info.power < 1 || layout.info.power > Srs::kMaxLogSize) {
    return Status::error(".ptau: power " + std::to_string(layout.info.power) + " is out of range (1 to 28)");
  }

  const uint64_t n = uint64_t{1} << layout.info.power;
  const uint64_t g1_expected = (2 * n - 1) * kG1Bytes;
  const uint64_t g2_expected = n * kG2Bytes;
  if (layout.sections.at(kSectionTauG1).size != g1_expected) {
    return Status::error(".ptau: section 2 (tauG1) has " + std::to_string(layout.sections.at(kSectionTauG1).size) +
                         " bytes; power " + std::to_string(layout.info.power) + " needs " + std::to_string(g1_expected));
  }
  if (layout.sections.at(kSectionTauG2).size != g2_expected) {
    return Status::error(".ptau: section 3 (tauG2) has " + std::to_string(layout.sections.at(kSectionTauG2).size) +
                         " bytes; power " + std::to_string(layout.info.power) + " needs " + std::to_string(g2_expected));
  }
  if (auto it = layout.sections.find(kSectionContributions); it != layout.sections.end() && it->second.size >= 4) {
    auto count = read_at(in, it->second.offset, 4, "the contribution count");
    if (!count) return count.status();
    layout.info.contributions = static_cast<uint32_t>(read_le(count->data(), 4));
  }
  return layout;
}

// An Fq coordinate in LEM form: little-endian Montgomery representative, < p.
std::optional<Fq> decode_lem(const uint8_t* p) {
  std::array<uint8_t, 32> be{};
  std::reverse_copy(p, p + kFieldBytes, be.begin());
  const U256 m = u256_from_bytes_be(be.data());
  if (u256_compare(m, Fq::kModulus) >= 0) return std::nullopt;
  return Fq::from_montgomery(m);
}

Result<G2Affine> decode_g2_lem(const uint8_t* p, const std::string& what) {
  std::array<Fq, 4> c;
  for (size_t i = 0; i < 4; ++i) {
    auto v = decode_lem(p + i * kFieldBytes);
    if (!v) return Status::error(".ptau: " + what + ": coordinate is not canonical (>= p)");
    c[i] = *v;
  }
  if (std::all_of(c.begin(), c.end(), [](const Fq& x) { return x.is_zero(); })) {
    return Status::error(".ptau: " + what + " is the point at infinity");
  }
  const G2Affine q(Fq2(c[0], c[1]), Fq2(c[2], c[3]));
  if (!q.is_on_curve()) return Status::error(".ptau: " + what + " is not on the curve");
  if (!is_in_subgroup(q)) return Status::error(".ptau: " + what + " is not in the G2 subgroup");
  return q;
}

}  // namespace

Result<PtauInfo> read_ptau_info(std::istream& in) {
  auto layout = read_layout(in);
  if (!layout) return layout.status();
  return layout->info;
}

Result<Srs> import_ptau(std::istream& in, uint32_t k, const std::string& source_name, Rng& rng, ThreadPool& pool) {
  auto layout = read_layout(in);
  if (!layout) return Status::error(source_name + ": " + layout.error());
  const PtauInfo& info = layout->info;
  if (k < 1) return Status::error(source_name + ": k must be at least 1");
  if (k > info.power) {
    return Status::error(source_name + ": k = " + std::to_string(k) + " is larger than the file's power " +
                         std::to_string(info.power) + "; use a larger .ptau file");
  }
  const size_t n = size_t{1} << k;

  // [τ^i]₁: convert LEM to the canonical big-endian encoding and decode that,
  // so the points get exactly the checks of every other G1 input.
  auto g1_raw = read_at(in, layout->sections.at(kSectionTauG1).offset, n * kG1Bytes, "tauG1");
  if (!g1_raw) return Status::error(source_name + ": " + g1_raw.error());
  std::vector<uint8_t> g1_be(n * kG1Bytes);
  std::optional<size_t> bad_coordinate;
  std::optional<size_t> at_infinity;
  for (size_t i = 0; i < n && !bad_coordinate && !at_infinity; ++i) {
    const uint8_t* point = g1_raw->data() + i * kG1Bytes;
    if (std::all_of(point, point + kG1Bytes, [](uint8_t b) { return b == 0; })) {
      at_infinity = i;
      break;
    }
    for (size_t c = 0; c < 2; ++c) {
      const size_t at = i * kG1Bytes + c * kFieldBytes;
      auto v = decode_lem(g1_raw->data() + at);
      if (!v) {
        bad_coordinate = i;
        break;
      }
      const auto be = v->to_bytes_be();
      std::copy(be.begin(), be.end(), g1_be.begin() + static_cast<ptrdiff_t>(at));
    }
  }
  if (bad_coordinate) {
    return Status::error(source_name + ": .ptau: tauG1 point " + std::to_string(*bad_coordinate) +
                         ": coordinate is not canonical (>= p)");
  }
  if (at_infinity) {
    return Status::error(source_name + ": .ptau: tauG1 point " + std::to_string(*at_infinity) +
                         " is the point at infinity");
  }
  auto powers = decode_g1_powers(g1_be, "tauG1", pool);
  if (!powers) return Status::error(source_name + ": .ptau: " + powers.error());
  if (!((*powers)[0] == G1Affine::generator())) {
    return Status::error(source_name + ": .ptau: tauG1[0] is not the generator of G1");
  }

  auto g2_raw = read_at(in, layout->sections.at(kSectionTauG2).offset, 2 * kG2Bytes, "tauG2");
  if (!g2_raw) return Status::error(source_name + ": " + g2_raw.error());
  auto g2_0 = decode_g2_lem(g2_raw->data(), "tauG2[0]");
  if (!g2_0) return Status::error(source_name + ": " + g2_0.error());
  if (!(*g2_0 == G2Affine::generator())) return Status::error(source_name + ": .ptau: tauG2[0] is not the generator of G2");
  auto tau_g2 = decode_g2_lem(g2_raw->data() + kG2Bytes, "tauG2[1]");
  if (!tau_g2) return Status::error(source_name + ": " + tau_g2.error());

  const std::string name = source_name.size() > 256 ? source_name.substr(0, 256) : source_name;
  std::string provenance = "ptau-import: " + name + " (power " + std::to_string(info.power) +
                           ", ceremony power " + std::to_string(info.ceremony_power) + ", " +
                           std::to_string(info.contributions) + " contribution(s)), first 2^" + std::to_string(k) +
                           " powers";
  Srs srs(k, std::move(*powers), *tau_g2, Srs::Origin::kPtauImport, std::move(provenance));
  if (Status s = srs.verify(rng, pool); !s) return Status::error(source_name + ": " + s.message());
  return srs;
}

Result<Srs> import_ptau_file(const std::filesystem::path& path, uint32_t k, Rng& rng, ThreadPool& pool) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(path.string() + ": cannot open for reading");
  return import_ptau(in, k, path.filename().string(), rng, pool);
}

}  // namespace zkfl::plonk
