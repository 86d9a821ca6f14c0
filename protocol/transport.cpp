#include "protocol/transport.hpp"

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>

#include "protocol/zap_handler.hpp"

namespace zkfl::protocol {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// CURVE frames carry a command name, a nonce and a MAC around the payload;
// libzmq's limit applies to that frame, so the socket allows a little more and
// receive() enforces the exact limit on the payload.
constexpr size_t kCurveFrameOverhead = 256;
// ZMTP heartbeats notice a silently dead peer (a pulled cable) and let the
// participant's socket reconnect.
constexpr int kHeartbeatIntervalMs = 2000;
constexpr int kHeartbeatTimeoutMs = 10000;
constexpr std::string_view kZapDomain = "zkfl";

enum class Scheme { kTcp, kInproc };

Result<Scheme> parse_scheme(const std::string& endpoint) {
  if (endpoint.starts_with("tcp://") && endpoint.size() > 6) return Scheme::kTcp;
  if (endpoint.starts_with("inproc://") && endpoint.size() > 9) return Scheme::kInproc;
  return Status::error("endpoint '" + endpoint + "' must be tcp://HOST:PORT or inproc://NAME");
}

Status zmq_failure(const std::string& what, const zmq::error_t& e) {
  return Status::error(what + ": " + e.what());
}

int to_int_ms(milliseconds ms) {
  return static_cast<int>(std::min<int64_t>(ms.count(), std::numeric_limits<int>::max()));
}

// Waits up to `timeout` for `events` on `socket`; true when they are ready.
// Restarts after signals with the time that is left.
bool wait_for(zmq::socket_t& socket, short events, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    zmq_pollitem_t item{socket.handle(), 0, events, 0};
    const auto left = std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
    try {
      return zmq::poll(&item, 1, left) > 0 && (item.revents & events) != 0;
    } catch (const zmq::error_t& e) {
      if (e.num() != EINTR || Clock::now() >= deadline) throw;
    }
  }
}

// Reads and discards the rest of a multi-part message.
void drain(zmq::socket_t& socket) {
  zmq::message_t frame;
  do {
    if (!socket.recv(frame, zmq::recv_flags::dontwait)) return;
  } while (frame.more());
}

void set_common_options(zmq::socket_t& socket, size_t max_message_bytes, milliseconds linger) {
  socket.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(max_message_bytes + kCurveFrameOverhead));
  socket.set(zmq::sockopt::linger, to_int_ms(linger));
  socket.set(zmq::sockopt::heartbeat_ivl, kHeartbeatIntervalMs);
  socket.set(zmq::sockopt::heartbeat_timeout, kHeartbeatTimeoutMs);
}

// "<verb> a message of N bytes, more than the limit of M".
std::string too_large(const char* verb, size_t size, size_t max) {
  return std::string(verb) + " a message of " + std::to_string(size) + " bytes, more than the limit of " +
         std::to_string(max);
}

}  // namespace

// ---------------------------------------------------------------- context

struct TransportState {
  explicit TransportState(int io_threads) : context(io_threads) {}
  zmq::context_t context;
  std::atomic<uint64_t> next_monitor{0};  // names the participants' monitor endpoints
};

namespace {
std::shared_ptr<zmq::context_t> context_of(const std::shared_ptr<TransportState>& state) {
  return std::shared_ptr<zmq::context_t>(state, &state->context);  // shares the state's lifetime
}
}  // namespace

Result<TransportContext> TransportContext::create(int io_threads) {
  try {
    return TransportContext(std::make_shared<TransportState>(io_threads));
  } catch (const zmq::error_t& e) {
    return zmq_failure("cannot create a ZeroMQ context", e);
  }
}

// ---------------------------------------------------------------- coordinator

struct CoordinatorEndpoint::Impl {
  std::shared_ptr<zmq::context_t> context;
  std::unique_ptr<ZapHandler> zap;  // declared before `socket`, so it stops after the socket closes
  std::optional<zmq::socket_t> socket;
  std::string endpoint;
  size_t max_message_bytes = 0;
};

CoordinatorEndpoint::CoordinatorEndpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CoordinatorEndpoint::CoordinatorEndpoint(CoordinatorEndpoint&&) noexcept = default;
CoordinatorEndpoint& CoordinatorEndpoint::operator=(CoordinatorEndpoint&&) noexcept = default;
CoordinatorEndpoint::~CoordinatorEndpoint() = default;

Result<CoordinatorEndpoint> CoordinatorEndpoint::bind(const TransportContext& context, CoordinatorOptions options) {
  auto scheme = parse_scheme(options.endpoint);
  if (!scheme) return scheme.status();
  const bool curve = *scheme == Scheme::kTcp;
  if (curve && !options.server_keys) {
    return Status::error("a tcp:// coordinator endpoint needs the coordinator's CURVE keys (its .secret file); "
                         "unencrypted tcp is not offered");
  }
  if (curve && !curve_supported()) {
    return Status::error("this libzmq was built without CURVE support; install a libzmq built with libsodium");
  }
  auto impl = std::make_unique<Impl>();
  impl->context = context_of(context.state_);
  impl->max_message_bytes = options.max_message_bytes;
  if (curve) {
    // The handler must serve before the socket accepts anyone: libzmq admits
    // CURVE clients unauthenticated when no ZAP handler answers.
    auto zap = ZapHandler::start(impl->context, std::move(options.allowed_clients));
    if (!zap) return zap.status();
    impl->zap = std::move(zap).value();
  }
  try {
    impl->socket.emplace(*impl->context, zmq::socket_type::router);
    zmq::socket_t& socket = *impl->socket;
    set_common_options(socket, options.max_message_bytes, options.linger);
    socket.set(zmq::sockopt::router_mandatory, 1);
    socket.set(zmq::sockopt::sndtimeo, to_int_ms(options.send_timeout));
    if (curve) {
      socket.set(zmq::sockopt::curve_server, 1);
      socket.set(zmq::sockopt::curve_secretkey, zmq::buffer(options.server_keys->secret_key));
      socket.set(zmq::sockopt::zap_domain, std::string(kZapDomain));
    }
    socket.bind(options.endpoint);
    impl->endpoint = socket.get(zmq::sockopt::last_endpoint);
  } catch (const zmq::error_t& e) {
    if (e.num() == EADDRINUSE) {
      return Status::error("cannot bind " + options.endpoint + ": the address is in use (another coordinator?)");
    }
    return zmq_failure("cannot bind " + options.endpoint, e);
  }
  return CoordinatorEndpoint(std::move(impl));
}

const std::string& CoordinatorEndpoint::endpoint() const { return impl_->endpoint; }

void CoordinatorEndpoint::set_allowed_clients(std::vector<CurveKey> keys) {
  if (impl_->zap) impl_->zap->set_allowed(std::move(keys));
}

size_t CoordinatorEndpoint::refused_handshakes() const { return impl_->zap ? impl_->zap->refused() : 0; }

Result<std::optional<Incoming>> CoordinatorEndpoint::receive(milliseconds timeout) {
  zmq::socket_t& socket = *impl_->socket;
  try {
    if (!wait_for(socket, ZMQ_POLLIN, timeout)) return std::optional<Incoming>{};
    zmq::message_t peer;
    zmq::message_t payload;
    if (!socket.recv(peer, zmq::recv_flags::dontwait)) return std::optional<Incoming>{};
    if (!peer.more() || !socket.recv(payload, zmq::recv_flags::dontwait)) {
      return Status::error("dropped a message without payload");
    }
    if (payload.more()) {
      drain(socket);
      return Status::error("dropped a multi-part message (the protocol sends one frame per message)");
    }
    if (payload.size() > impl_->max_message_bytes) {
      return Status::error(too_large("dropped", payload.size(), impl_->max_message_bytes));
    }
    Incoming incoming;
    incoming.peer = peer.to_string();
    if (impl_->zap) {
      // Every CURVE connection was admitted by our handler, which set its
      // User-Id to the client's key; a message without one, or from a key
      // since removed from the allow-list, is not accepted.
      const char* user_id = zmq_msg_gets(payload.handle(), "User-Id");
      auto key = curve_key_from_z85(user_id == nullptr ? std::string_view{} : std::string_view(user_id));
      if (!key) return Status::error("dropped a message from a connection without an authenticated CURVE key");
      if (!impl_->zap->is_allowed(*key)) {
        return Status::error("dropped a message from CURVE key " + to_z85(*key) + ", which is no longer allowed");
      }
      incoming.client_key = *key;
    }
    const auto* data = static_cast<const uint8_t*>(payload.data());
    incoming.bytes.assign(data, data + payload.size());
    return std::optional<Incoming>(std::move(incoming));
  } catch (const zmq::error_t& e) {
    return zmq_failure("receive failed", e);
  }
}

Status CoordinatorEndpoint::send(const PeerId& peer, std::span<const uint8_t> bytes) {
  if (bytes.size() > impl_->max_message_bytes) {
    return Status::error(too_large("did not send", bytes.size(), impl_->max_message_bytes));
  }
  zmq::socket_t& socket = *impl_->socket;
  try {
    if (!socket.send(zmq::buffer(peer), zmq::send_flags::sndmore) ||
        !socket.send(zmq::buffer(bytes.data(), bytes.size()), zmq::send_flags::none)) {
      return Status::error("the peer did not take the message in time (it is not reading)");
    }
  } catch (const zmq::error_t& e) {
    if (e.num() == EHOSTUNREACH) return Status::error("the peer is not connected (it disconnected or never was)");
    return zmq_failure("send failed", e);
  }
  return Status::ok();
}

// ---------------------------------------------------------------- participant

struct ParticipantEndpoint::Impl {
  std::shared_ptr<zmq::context_t> context;
  std::optional<zmq::socket_t> monitor;  // PAIR receiving the DEALER's handshake events
  std::optional<zmq::socket_t> socket;
  std::string endpoint;
  size_t max_message_bytes = 0;
  bool refused = false;           // the coordinator's ZAP handler refused our key
  std::string handshake_failure;  // the last failed handshake, empty after a success

  // Reads the handshake events that arrived since the last call.
  void drain_monitor();
};

namespace {

constexpr int kMonitoredEvents = ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH |
                                 ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;

std::string describe_protocol_failure(uint32_t code) {
  switch (code) {
    case ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC:
    case ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE:
      return "the CURVE handshake failed cryptographically: check the coordinator's CURVE public key";
    case ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
      return "the coordinator does not speak CURVE on this endpoint";
    default: {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%08x", code);
      return std::string("the handshake failed (ZeroMQ protocol error ") + hex + ")";
    }
  }
}

}  // namespace

void ParticipantEndpoint::Impl::drain_monitor() {
  if (!monitor) return;
  for (;;) {
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(*monitor, std::back_inserter(frames), zmq::recv_flags::dontwait)) return;
    if (frames.empty() || frames[0].size() != 6) continue;
    uint16_t event = 0;
    uint32_t value = 0;
    std::memcpy(&event, frames[0].data(), 2);
    std::memcpy(&value, static_cast<const uint8_t*>(frames[0].data()) + 2, 4);
    switch (event) {
      case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
        refused = false;
        handshake_failure.clear();
        break;
      case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
        refused = true;
        handshake_failure = "the coordinator refused this participant's CURVE public key (ZAP status " +
                            std::to_string(value) +
                            "): it is not in the coordinator's config. ZeroMQ does not retry a refusal; connect "
                            "again once the coordinator lists the key";
        break;
      case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
        handshake_failure = describe_protocol_failure(value);
        break;
      case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
        // What a client sees when the server cannot decrypt its HELLO.
        handshake_failure = "the CURVE handshake with the coordinator failed: check the coordinator's CURVE public "
                            "key in this participant's config";
        break;
      default:
        break;
    }
  }
}

ParticipantEndpoint::ParticipantEndpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParticipantEndpoint::ParticipantEndpoint(ParticipantEndpoint&&) noexcept = default;
ParticipantEndpoint& ParticipantEndpoint::operator=(ParticipantEndpoint&&) noexcept = default;
ParticipantEndpoint::~ParticipantEndpoint() = default;

Result<ParticipantEndpoint> ParticipantEndpoint::connect(const TransportContext& context, ParticipantOptions options) {
  auto scheme = parse_scheme(options.endpoint);
  if (!scheme) return scheme.status();
  const bool curve = *scheme == Scheme::kTcp;
  if (curve && (!options.client_keys || !options.server_public_key)) {
    return Status::error("a tcp:// participant endpoint needs this participant's CURVE keys (its .secret file) and "
                         "the coordinator's CURVE public key");
  }
  if (curve && !curve_supported()) {
    return Status::error("this libzmq was built without CURVE support; install a libzmq built with libsodium");
  }
  if (options.reconnect_interval.count() <= 0 || options.reconnect_interval_max < options.reconnect_interval) {
    return Status::error("reconnect intervals must satisfy 0 < reconnect_interval <= reconnect_interval_max");
  }
  auto impl = std::make_unique<Impl>();
  impl->context = context_of(context.state_);
  impl->endpoint = options.endpoint;
  impl->max_message_bytes = options.max_message_bytes;
  try {
    impl->socket.emplace(*impl->context, zmq::socket_type::dealer);
    zmq::socket_t& socket = *impl->socket;
    if (curve) {
      // Handshake events tell "refused" and "wrong server key" apart from "not running".
      const std::string monitor_endpoint =
          "inproc://zkfl-participant-monitor-" + std::to_string(context.state_->next_monitor.fetch_add(1));
      if (zmq_socket_monitor(socket.handle(), monitor_endpoint.c_str(), kMonitoredEvents) != 0) throw zmq::error_t();
      impl->monitor.emplace(*impl->context, zmq::socket_type::pair);
      impl->monitor->set(zmq::sockopt::linger, 0);
      impl->monitor->connect(monitor_endpoint);
    }
    set_common_options(socket, options.max_message_bytes, options.linger);
    // Queue only on completed, authenticated connections: send() then tells
    // "not connected / refused" apart from "sent".
    socket.set(zmq::sockopt::immediate, 1);
    socket.set(zmq::sockopt::reconnect_ivl, to_int_ms(options.reconnect_interval));
    socket.set(zmq::sockopt::reconnect_ivl_max, to_int_ms(options.reconnect_interval_max));
    if (curve) {
      socket.set(zmq::sockopt::curve_serverkey, zmq::buffer(*options.server_public_key));
      socket.set(zmq::sockopt::curve_publickey, zmq::buffer(options.client_keys->public_key));
      socket.set(zmq::sockopt::curve_secretkey, zmq::buffer(options.client_keys->secret_key));
    }
    socket.connect(options.endpoint);
  } catch (const zmq::error_t& e) {
    return zmq_failure("cannot connect to " + options.endpoint, e);
  }
  return ParticipantEndpoint(std::move(impl));
}

const std::string& ParticipantEndpoint::endpoint() const { return impl_->endpoint; }

Status ParticipantEndpoint::send(std::span<const uint8_t> bytes, milliseconds timeout) {
  if (bytes.size() > impl_->max_message_bytes) {
    return Status::error(too_large("did not send", bytes.size(), impl_->max_message_bytes));
  }
  zmq::socket_t& socket = *impl_->socket;
  try {
    if (wait_for(socket, ZMQ_POLLOUT, timeout) &&
        socket.send(zmq::buffer(bytes.data(), bytes.size()), zmq::send_flags::dontwait)) {
      return Status::ok();
    }
  } catch (const zmq::error_t& e) {
    return zmq_failure("send to " + impl_->endpoint + " failed", e);
  }
  const std::string prefix = "could not hand the message to the coordinator at " + impl_->endpoint + " within " +
                             std::to_string(timeout.count()) + " ms: ";
  if (Status s = connection_status(); !s) return Status::error(prefix + s.message());
  return Status::error(prefix + "no connection (is it running, and does its config list this participant's CURVE "
                                "public key?) or it is not reading");
}

Status ParticipantEndpoint::connection_status() {
  try {
    impl_->drain_monitor();
  } catch (const zmq::error_t& e) {
    return zmq_failure("reading connection events failed", e);
  }
  if (impl_->handshake_failure.empty()) return Status::ok();
  return Status::error(impl_->handshake_failure);
}

Result<std::optional<std::vector<uint8_t>>> ParticipantEndpoint::receive(milliseconds timeout) {
  using Out = std::optional<std::vector<uint8_t>>;
  zmq::socket_t& socket = *impl_->socket;
  try {
    if (!wait_for(socket, ZMQ_POLLIN, timeout)) return Out{};
    zmq::message_t payload;
    if (!socket.recv(payload, zmq::recv_flags::dontwait)) return Out{};
    if (payload.more()) {
      drain(socket);
      return Status::error("dropped a multi-part message (the protocol sends one frame per message)");
    }
    if (payload.size() > impl_->max_message_bytes) {
      return Status::error(too_large("dropped", payload.size(), impl_->max_message_bytes));
    }
    const auto* data = static_cast<const uint8_t*>(payload.data());
    return Out(std::vector<uint8_t>(data, data + payload.size()));
  } catch (const zmq::error_t& e) {
    return zmq_failure("receive from " + impl_->endpoint + " failed", e);
  }
}

}  // namespace zkfl::protocol
