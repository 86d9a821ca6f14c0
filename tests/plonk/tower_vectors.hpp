// Parsers for the Fq6/Fq12 values of tests/data/bn254_vectors.json, whose
// layout follows the tower: Fq6 = [c0, c1, c2] of Fq2, Fq12 = [c0, c1] of Fq6.
#pragma once

#include "plonk/field/fq12.hpp"
#include "plonk/field/fq6.hpp"
#include "test_vectors.hpp"

namespace zkfl::plonk::test {

inline Fq6 parse_fq6(const Json& j) { return Fq6(parse_fq2(j.at(0)), parse_fq2(j.at(1)), parse_fq2(j.at(2))); }

inline Fq12 parse_fq12(const Json& j) { return Fq12(parse_fq6(j.at(0)), parse_fq6(j.at(1))); }

}  // namespace zkfl::plonk::test
