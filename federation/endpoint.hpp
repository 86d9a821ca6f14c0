// ZeroMQ endpoints as a federation config names them: "tcp://HOST:PORT" for
// a consortium over the network (or processes on loopback), "inproc://NAME"
// for a federation simulated in one process.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plonk/base/status.hpp"

namespace zkfl::federation {

using plonk::Result;
using plonk::Status;

enum class Transport : uint8_t { kTcp, kInproc };

struct Endpoint {
  Transport transport = Transport::kTcp;
  std::string host;  // tcp: a host name, an IPv4 address, "[IPv6]" or "*" (every interface)
  uint16_t port = 0; // tcp: 1..65535
  std::string name;  // inproc: the name after "inproc://"

  // True for a tcp endpoint on "*" or "0.0.0.0": one a coordinator binds but nobody connects to.
  bool is_wildcard() const;
  // The endpoint as ZeroMQ spells it ("tcp://127.0.0.1:5555", "inproc://zkfl").
  std::string to_string() const;
};

// Parses "tcp://HOST:PORT" (port 1..65535, host made of letters, digits, '.',
// '-', '_', or "*", or a bracketed IPv6 address) or "inproc://NAME" (NAME not
// empty, no whitespace). An error saying which part is wrong otherwise.
Result<Endpoint> parse_endpoint(std::string_view text);

}  // namespace zkfl::federation
