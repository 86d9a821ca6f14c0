#include "federation/endpoint.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace zkfl::federation {
namespace {

constexpr std::string_view kTcpPrefix = "tcp://";
constexpr std::string_view kInprocPrefix = "inproc://";

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
}

bool is_ipv6_char(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.'; }

Status check_host(std::string_view host, std::string_view text) {
  const std::string quoted = std::string("'").append(text).append("'");
  if (host.empty()) return Status::error("endpoint " + quoted + " has no host (write tcp://HOST:PORT)");
  if (host == "*") return Status::ok();
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']' ||
        !std::all_of(host.begin() + 1, host.end() - 1, is_ipv6_char)) {
      return Status::error("endpoint " + quoted + " has a malformed IPv6 address (write tcp://[::1]:PORT)");
    }
    return Status::ok();
  }
  if (!std::all_of(host.begin(), host.end(), is_host_char)) {
    return Status::error("endpoint " + quoted + " has a host with characters other than letters, digits, '.', '-', '_'");
  }
  return Status::ok();
}

}  // namespace

bool Endpoint::is_wildcard() const { return transport == Transport::kTcp && (host == "*" || host == "0.0.0.0"); }

std::string Endpoint::to_string() const {
  if (transport == Transport::kInproc) return std::string(kInprocPrefix) + name;
  return std::string(kTcpPrefix) + host + ":" + std::to_string(port);
}

Result<Endpoint> parse_endpoint(std::string_view text) {
  const std::string quoted = std::string("'").append(text).append("'");
  if (text.starts_with(kInprocPrefix)) {
    const std::string_view name = text.substr(kInprocPrefix.size());
    if (name.empty()) return Status::error("endpoint " + quoted + " has an empty inproc name (write inproc://NAME)");
    if (std::any_of(name.begin(), name.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
      return Status::error("endpoint " + quoted + " has whitespace in its inproc name");
    }
    Endpoint e;
    e.transport = Transport::kInproc;
    e.name = std::string(name);
    return e;
  }
  if (!text.starts_with(kTcpPrefix)) {
    return Status::error("endpoint " + quoted + " is neither tcp://HOST:PORT nor inproc://NAME");
  }
  const std::string_view rest = text.substr(kTcpPrefix.size());
  const size_t colon = rest.rfind(':');
  // The port's colon follows the host, and for IPv6 the closing bracket.
  if (colon == std::string_view::npos || (rest.find(']') != std::string_view::npos && colon < rest.find(']'))) {
    return Status::error("endpoint " + quoted + " has no port (write tcp://HOST:PORT)");
  }
  const std::string_view host = rest.substr(0, colon);
  const std::string_view port_text = rest.substr(colon + 1);
  if (Status s = check_host(host, text); !s.is_ok()) return s;
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
      port > 65535) {
    return Status::error("endpoint " + quoted + " has port '" + std::string(port_text) +
                         "'; a port is a number in 1..65535");
  }
  Endpoint e;
  e.transport = Transport::kTcp;
  e.host = std::string(host);
  e.port = static_cast<uint16_t>(port);
  return e;
}

}  // namespace zkfl::federation
