// The federation's transport over ZeroMQ (docs/PROTOCOL.md, "Transport"): a
// ROUTER socket at the coordinator, a DEALER socket at each participant, each
// message one frame of encoded bytes (messages.hpp). Over tcp:// every
// connection is CURVE-encrypted and the coordinator admits only the client
// keys on its allow-list, checked by a ZAP handler the endpoint owns; inproc://
// (one process, e.g. a simulation) uses no encryption. Sockets drop frames
// larger than the size limit (ZMQ_MAXMSGSIZE). Endpoints are not thread-safe:
// use each from one thread at a time. cppzmq exceptions never escape; failures
// come back as Status.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plonk/base/status.hpp"
#include "protocol/identity.hpp"
#include "protocol/messages.hpp"

namespace zkfl::protocol {

struct TransportState;  // the ZeroMQ context and what endpoints share (transport.cpp)

// A ZeroMQ context: the I/O threads that every endpoint made from it shares.
// inproc:// endpoints reach each other only within one context. Copies share
// the context; endpoints keep it alive, so destruction order does not matter.
class TransportContext {
 public:
  // A context with `io_threads` I/O threads; an error if libzmq cannot make one.
  static Result<TransportContext> create(int io_threads = 1);

 private:
  explicit TransportContext(std::shared_ptr<TransportState> state) : state_(std::move(state)) {}
  friend class CoordinatorEndpoint;
  friend class ParticipantEndpoint;
  std::shared_ptr<TransportState> state_;
};

// A peer's ROUTER routing id: opaque bytes, new for every connection, so use
// it only to reply; identify participants by Incoming::client_key.
using PeerId = std::string;

struct Incoming {
  PeerId peer;
  std::optional<CurveKey> client_key;  // the CURVE key the handshake authenticated (tcp only)
  std::vector<uint8_t> bytes;
};

struct CoordinatorOptions {
  // "tcp://HOST:PORT" (PORT 0 or * picks a free port) or "inproc://NAME".
  std::string endpoint;
  // The coordinator's CURVE key pair; required for tcp://.
  std::optional<CurveKeyPair> server_keys;
  // CURVE public keys of the participants admitted (tcp://).
  std::vector<CurveKey> allowed_clients;
  size_t max_message_bytes = kDefaultMaxMessageBytes;
  std::chrono::milliseconds send_timeout{1000};  // how long send() waits for a slow peer
  std::chrono::milliseconds linger{1000};        // how long unsent replies survive destruction
};

class CoordinatorEndpoint {
 public:
  // Binds a ROUTER socket at options.endpoint; over tcp:// it first starts the
  // ZAP handler that admits only options.allowed_clients. Errors: a bad or busy
  // endpoint, tcp:// without server keys, a second CURVE coordinator in one context.
  static Result<CoordinatorEndpoint> bind(const TransportContext& context, CoordinatorOptions options);

  CoordinatorEndpoint(CoordinatorEndpoint&&) noexcept;
  CoordinatorEndpoint& operator=(CoordinatorEndpoint&&) noexcept;
  ~CoordinatorEndpoint();  // closes the socket, then stops and joins the ZAP thread

  // The endpoint actually bound, with the port a "tcp://...:0" request got.
  const std::string& endpoint() const;
  // Replaces the allow-list (tcp) for handshakes from now on; messages from
  // open connections whose key is no longer listed are dropped by receive().
  // Thread-safe; no effect on an inproc endpoint.
  void set_allowed_clients(std::vector<CurveKey> keys);
  // Number of CURVE handshakes the ZAP handler refused so far. Thread-safe.
  size_t refused_handshakes() const;

  // The next message, or nullopt when none arrives within `timeout`. An error
  // when a message was received but dropped (multi-part, too large, sender not
  // allowed): the caller logs it and keeps serving.
  Result<std::optional<Incoming>> receive(std::chrono::milliseconds timeout);
  // Sends `bytes` to `peer`. Errors: the peer is gone, or it did not take the
  // message within options.send_timeout.
  Status send(const PeerId& peer, std::span<const uint8_t> bytes);

 private:
  struct Impl;
  explicit CoordinatorEndpoint(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ParticipantOptions {
  std::string endpoint;  // the coordinator's "tcp://HOST:PORT" or "inproc://NAME"
  // This participant's CURVE key pair and the coordinator's public key; required for tcp://.
  std::optional<CurveKeyPair> client_keys;
  std::optional<CurveKey> server_public_key;
  size_t max_message_bytes = kDefaultMaxMessageBytes;
  // Reconnection after a lost connection waits reconnect_interval, doubling
  // up to reconnect_interval_max (ZMQ_RECONNECT_IVL / ZMQ_RECONNECT_IVL_MAX).
  std::chrono::milliseconds reconnect_interval{100};
  std::chrono::milliseconds reconnect_interval_max{10000};
  std::chrono::milliseconds linger{1000};  // how long unsent messages survive destruction
};

class ParticipantEndpoint {
 public:
  // A DEALER socket connecting (in the background, retrying with backoff) to
  // options.endpoint. Errors: a malformed endpoint, tcp:// without CURVE keys.
  static Result<ParticipantEndpoint> connect(const TransportContext& context, ParticipantOptions options);

  ParticipantEndpoint(ParticipantEndpoint&&) noexcept;
  ParticipantEndpoint& operator=(ParticipantEndpoint&&) noexcept;
  ~ParticipantEndpoint();

  const std::string& endpoint() const;
  // Sends `bytes` to the coordinator. Messages are queued only on a completed
  // (authenticated) connection, so an error after `timeout` means there is
  // none; it says why when a handshake failed (key refused, wrong server key).
  Status send(std::span<const uint8_t> bytes, std::chrono::milliseconds timeout);
  // Ok unless the last CURVE handshake failed; then why. A refusal of this
  // participant's key is final for this endpoint (libzmq does not retry it):
  // connect a new endpoint once the coordinator lists the key.
  Status connection_status();
  // The next message from the coordinator, or nullopt after `timeout`. An
  // error when a message was received but dropped (multi-part, too large).
  Result<std::optional<std::vector<uint8_t>>> receive(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  explicit ParticipantEndpoint(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zkfl::protocol
