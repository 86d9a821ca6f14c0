// Canonical encoding of a ConstraintSystem, so that a verifying key carries
// the exact gates, lookups and columns it checks (and its digest covers
// them): a verifier needs no circuit code, and a key for another circuit can
// never be mistaken for this one.
#pragma once

#include "plonk/base/byte_io.hpp"
#include "plonk/circuit/constraint_system.hpp"

namespace zkfl::plonk {

// Appends the canonical encoding of `cs`.
void encode_constraint_system(const ConstraintSystem& cs, ByteWriter& out);
// Decodes what encode_constraint_system wrote; errors name the malformed part.
// Limits (columns, gates, expression size and depth) bound the work an
// untrusted key can cause.
Result<ConstraintSystem> decode_constraint_system(ByteReader& in);

}  // namespace zkfl::plonk
