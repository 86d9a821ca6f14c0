// The ZeroMQ transport on this machine only (tcp://127.0.0.1 and inproc://):
// CURVE connections from allowed keys work both ways, unknown keys and wrong
// server keys are refused, the allow-list can change, oversized messages are
// dropped, participants reconnect, and bad configurations are errors.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "protocol/transport.hpp"

namespace {

using namespace zkfl::protocol;
using namespace std::chrono_literals;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

CurveKeyPair fresh_keys() {
  auto keys = CurveKeyPair::generate();
  EXPECT_TRUE(keys) << keys.error();
  return *keys;
}

std::vector<uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

class TransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(curve_supported());
    auto context = TransportContext::create();
    ASSERT_TRUE(context) << context.error();
    context_.emplace(*context);
  }

  CoordinatorEndpoint bind_tcp(std::vector<CurveKey> allowed, size_t max_bytes = kDefaultMaxMessageBytes,
                               std::string endpoint = "tcp://127.0.0.1:0") {
    CoordinatorOptions options;
    options.endpoint = std::move(endpoint);
    options.server_keys = server_;
    options.allowed_clients = std::move(allowed);
    options.max_message_bytes = max_bytes;
    options.linger = 0ms;
    auto coordinator = CoordinatorEndpoint::bind(*context_, options);
    EXPECT_TRUE(coordinator) << coordinator.error();
    return std::move(coordinator).value();
  }

  ParticipantEndpoint connect_tcp(const std::string& endpoint, const CurveKeyPair& keys,
                                  size_t max_bytes = kDefaultMaxMessageBytes) {
    ParticipantOptions options;
    options.endpoint = endpoint;
    options.client_keys = keys;
    options.server_public_key = server_.public_key;
    options.max_message_bytes = max_bytes;
    options.reconnect_interval = 20ms;
    options.reconnect_interval_max = 200ms;
    options.linger = 0ms;
    auto participant = ParticipantEndpoint::connect(*context_, options);
    EXPECT_TRUE(participant) << participant.error();
    return std::move(participant).value();
  }

  // The endpoint's connection status once it reports a failed handshake
  // (events arrive asynchronously; a loaded machine may take a while).
  static Status failed_handshake(ParticipantEndpoint& participant) {
    for (int i = 0; i < 250; ++i) {
      Status s = participant.connection_status();
      if (!s) return s;
      std::this_thread::sleep_for(20ms);
    }
    return Status::ok();
  }

  // The next message, which must arrive within `timeout`.
  static Incoming expect_message(CoordinatorEndpoint& coordinator, std::chrono::milliseconds timeout = 5s) {
    auto r = coordinator.receive(timeout);
    EXPECT_TRUE(r) << r.error();
    EXPECT_TRUE(r && r->has_value()) << "nothing arrived";
    return r && r->has_value() ? **r : Incoming{};
  }

  std::optional<TransportContext> context_;
  CurveKeyPair server_ = fresh_keys();
  CurveKeyPair alice_ = fresh_keys();
  CurveKeyPair mallory_ = fresh_keys();
};

TEST_F(TransportTest, AllowedParticipantTalksBothWaysOverCurve) {
  CoordinatorEndpoint coordinator = bind_tcp({alice_.public_key});
  EXPECT_TRUE(coordinator.endpoint().starts_with("tcp://127.0.0.1:")) << coordinator.endpoint();
  EXPECT_FALSE(coordinator.endpoint().ends_with(":0"));
  ParticipantEndpoint alice = connect_tcp(coordinator.endpoint(), alice_);

  ASSERT_TRUE(alice.send(bytes_of("register me"), 5s));
  const Incoming in = expect_message(coordinator);
  EXPECT_EQ(in.bytes, bytes_of("register me"));
  ASSERT_TRUE(in.client_key.has_value());
  EXPECT_EQ(*in.client_key, alice_.public_key);  // authenticated by the handshake

  ASSERT_TRUE(coordinator.send(in.peer, bytes_of("round 1 is open")));
  auto reply = alice.receive(5s);
  ASSERT_TRUE(reply) << reply.error();
  ASSERT_TRUE(reply->has_value());
  EXPECT_EQ(**reply, bytes_of("round 1 is open"));

  // A real protocol message, end to end.
  const Heartbeat heartbeat{1, 1, 0.75};
  ASSERT_TRUE(alice.send(encode(heartbeat).value(), 5s));
  const Incoming hb = expect_message(coordinator);
  auto decoded = decode(hb.bytes);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(std::get<Heartbeat>(*decoded), heartbeat);

  // Nothing more is waiting.
  auto none = coordinator.receive(50ms);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(coordinator.refused_handshakes(), 0u);
}

TEST_F(TransportTest, UnknownCurveKeyIsRefused) {
  CoordinatorEndpoint coordinator = bind_tcp({alice_.public_key});
  ParticipantEndpoint mallory = connect_tcp(coordinator.endpoint(), mallory_);
  EXPECT_FALSE(mallory.send(bytes_of("let me in"), 500ms));
  const Status status = failed_handshake(mallory);
  EXPECT_TRUE(has(status.message(), "refused this participant's CURVE public key")) << status.message();
  // Once known, send() explains itself.
  const Status sent = mallory.send(bytes_of("let me in"), 100ms);
  EXPECT_TRUE(has(sent.message(), "refused this participant's CURVE public key")) << sent.message();
  auto r = coordinator.receive(500ms);
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->has_value()) << "a message from an unknown key arrived";
  EXPECT_GE(coordinator.refused_handshakes(), 1u);

  // The allowed participant is unaffected.
  ParticipantEndpoint alice = connect_tcp(coordinator.endpoint(), alice_);
  ASSERT_TRUE(alice.send(bytes_of("hello"), 5s));
  EXPECT_EQ(*expect_message(coordinator).client_key, alice_.public_key);
}

TEST_F(TransportTest, WrongServerKeyNeverConnects) {
  CoordinatorEndpoint coordinator = bind_tcp({alice_.public_key});
  ParticipantOptions options;
  options.endpoint = coordinator.endpoint();
  options.client_keys = alice_;
  options.server_public_key = mallory_.public_key;  // an impostor's key
  options.linger = 0ms;
  auto alice = ParticipantEndpoint::connect(*context_, options);
  ASSERT_TRUE(alice) << alice.error();
  EXPECT_FALSE(alice->send(bytes_of("secret"), 500ms));
  const Status status = failed_handshake(*alice);
  EXPECT_TRUE(has(status.message(), "check the coordinator's CURVE public key")) << status.message();
  auto r = coordinator.receive(200ms);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_value());
}

TEST_F(TransportTest, AllowListChangesTakeEffect) {
  CoordinatorEndpoint coordinator = bind_tcp({});
  {
    ParticipantEndpoint refused = connect_tcp(coordinator.endpoint(), alice_);
    EXPECT_FALSE(refused.send(bytes_of("early"), 300ms));
    EXPECT_FALSE(failed_handshake(refused));
  }
  // Admitted from the next handshake on (a refused endpoint does not retry: connect anew).
  coordinator.set_allowed_clients({alice_.public_key});
  ParticipantEndpoint alice = connect_tcp(coordinator.endpoint(), alice_);
  ASSERT_TRUE(alice.send(bytes_of("now"), 5s));
  EXPECT_TRUE(alice.connection_status());
  const Incoming in = expect_message(coordinator);
  EXPECT_EQ(in.bytes, bytes_of("now"));

  // Removed again: what its open connection still sends is dropped with an error.
  coordinator.set_allowed_clients({});
  ASSERT_TRUE(alice.send(bytes_of("after removal"), 1s));
  auto r = coordinator.receive(5s);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "no longer allowed")) << r.error();
}

TEST_F(TransportTest, InprocRoundTrip) {
  CoordinatorOptions coordinator_options;
  coordinator_options.endpoint = "inproc://coordinator";
  auto coordinator = CoordinatorEndpoint::bind(*context_, coordinator_options);
  ASSERT_TRUE(coordinator) << coordinator.error();
  EXPECT_EQ(coordinator->endpoint(), "inproc://coordinator");
  ParticipantOptions participant_options;
  participant_options.endpoint = "inproc://coordinator";
  std::vector<ParticipantEndpoint> participants;
  for (int i = 0; i < 3; ++i) {
    auto p = ParticipantEndpoint::connect(*context_, participant_options);
    ASSERT_TRUE(p) << p.error();
    participants.push_back(std::move(p).value());
  }
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(participants[i].send(bytes_of("p" + std::to_string(i)), 1s));
  std::vector<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    const Incoming in = expect_message(*coordinator);
    EXPECT_FALSE(in.client_key.has_value());
    seen.emplace_back(in.bytes.begin(), in.bytes.end());
    ASSERT_TRUE(coordinator->send(in.peer, bytes_of("ack " + seen.back())));
  }
  for (int i = 0; i < 3; ++i) {
    auto reply = participants[i].receive(1s);
    ASSERT_TRUE(reply && reply->has_value());
    EXPECT_EQ(**reply, bytes_of("ack p" + std::to_string(i)));
  }
  // A participant in another context does not reach it.
  auto other = TransportContext::create();
  ASSERT_TRUE(other);
  auto stranger = ParticipantEndpoint::connect(*other, participant_options);
  ASSERT_TRUE(stranger);
  (void)stranger->send(bytes_of("hi"), 100ms);  // inproc queues for a binder that never comes
  auto nothing = coordinator->receive(100ms);
  ASSERT_TRUE(nothing);
  EXPECT_FALSE(nothing->has_value());
}

TEST_F(TransportTest, OversizedMessageIsDroppedByTheSocket) {
  constexpr size_t kLimit = 64 * 1024;
  CoordinatorEndpoint coordinator = bind_tcp({alice_.public_key}, kLimit);
  ParticipantEndpoint alice = connect_tcp(coordinator.endpoint(), alice_, 1 << 20);
  ASSERT_TRUE(alice.send(std::vector<uint8_t>(512 * 1024, 0x5a), 5s));
  // libzmq drops the frame and the connection: nothing arrives, not even an error.
  auto r = coordinator.receive(1s);
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->has_value());
  // The participant reconnects; a message within the limit goes through.
  ASSERT_TRUE(alice.send(std::vector<uint8_t>(kLimit, 0x5b), 5s));
  const Incoming in = expect_message(coordinator);
  EXPECT_EQ(in.bytes.size(), kLimit);

  // Senders refuse to send over their own limit.
  EXPECT_FALSE(coordinator.send(in.peer, std::vector<uint8_t>(kLimit + 1, 0)));
  EXPECT_FALSE(alice.send(std::vector<uint8_t>((1 << 20) + 1, 0), 1s));
}

TEST_F(TransportTest, OversizedInprocMessageIsDroppedWithAnError) {
  CoordinatorOptions coordinator_options;
  coordinator_options.endpoint = "inproc://small";
  coordinator_options.max_message_bytes = 1000;
  auto coordinator = CoordinatorEndpoint::bind(*context_, coordinator_options);
  ASSERT_TRUE(coordinator) << coordinator.error();
  ParticipantOptions participant_options;
  participant_options.endpoint = "inproc://small";
  auto participant = ParticipantEndpoint::connect(*context_, participant_options);
  ASSERT_TRUE(participant);
  ASSERT_TRUE(participant->send(std::vector<uint8_t>(1001, 1), 1s));
  auto r = coordinator->receive(1s);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "1001 bytes")) << r.error();
  ASSERT_TRUE(participant->send(std::vector<uint8_t>(1000, 1), 1s));
  EXPECT_EQ(expect_message(*coordinator).bytes.size(), 1000u);
}

TEST_F(TransportTest, ParticipantConnectsOnceTheCoordinatorAppears) {
  std::string endpoint;
  {
    CoordinatorEndpoint probe = bind_tcp({});
    endpoint = probe.endpoint();  // a port that was free a moment ago
  }
  ParticipantEndpoint alice = connect_tcp(endpoint, alice_);
  EXPECT_FALSE(alice.send(bytes_of("anyone?"), 200ms));
  CoordinatorEndpoint coordinator = bind_tcp({alice_.public_key}, kDefaultMaxMessageBytes, endpoint);
  ASSERT_TRUE(alice.send(bytes_of("there you are"), 5s));
  EXPECT_EQ(expect_message(coordinator).bytes, bytes_of("there you are"));
}

TEST_F(TransportTest, ConfigurationErrors) {
  CoordinatorOptions plain;
  plain.endpoint = "tcp://127.0.0.1:0";
  auto no_keys = CoordinatorEndpoint::bind(*context_, plain);
  ASSERT_FALSE(no_keys);
  EXPECT_TRUE(has(no_keys.error(), "CURVE keys")) << no_keys.error();

  for (const char* bad : {"", "udp://127.0.0.1:1", "tcp://", "inproc://", "127.0.0.1:5555"}) {
    CoordinatorOptions o;
    o.endpoint = bad;
    o.server_keys = server_;
    auto r = CoordinatorEndpoint::bind(*context_, o);
    ASSERT_FALSE(r) << bad;
    EXPECT_TRUE(has(r.error(), "tcp://HOST:PORT or inproc://NAME")) << r.error();
  }
  CoordinatorOptions unresolvable;  // an address this machine does not have
  unresolvable.endpoint = "tcp://192.0.2.1:1";  // TEST-NET-1: no local interface has it
  unresolvable.server_keys = server_;
  EXPECT_FALSE(CoordinatorEndpoint::bind(*context_, unresolvable));

  // One CURVE coordinator per context (the ZAP address is per context), and one per port.
  CoordinatorEndpoint first = bind_tcp({});
  CoordinatorOptions second;
  second.endpoint = "tcp://127.0.0.1:0";
  second.server_keys = server_;
  auto again = CoordinatorEndpoint::bind(*context_, second);
  ASSERT_FALSE(again);
  EXPECT_TRUE(has(again.error(), "one context per coordinator")) << again.error();
  auto other = TransportContext::create();
  ASSERT_TRUE(other);
  second.endpoint = first.endpoint();
  auto busy = CoordinatorEndpoint::bind(*other, second);
  ASSERT_FALSE(busy);
  EXPECT_TRUE(has(busy.error(), "in use")) << busy.error();

  ParticipantOptions p;
  p.endpoint = first.endpoint();
  auto no_client_keys = ParticipantEndpoint::connect(*context_, p);
  ASSERT_FALSE(no_client_keys);
  EXPECT_TRUE(has(no_client_keys.error(), "CURVE keys")) << no_client_keys.error();
  p.client_keys = alice_;
  p.server_public_key = server_.public_key;
  p.reconnect_interval = 0ms;
  EXPECT_FALSE(ParticipantEndpoint::connect(*context_, p));

  // Replying to a peer that is not connected is an error, not a hang.
  const Status to_nobody = first.send("no-such-peer", bytes_of("hello?"));
  ASSERT_FALSE(to_nobody);
  EXPECT_TRUE(has(to_nobody.message(), "not connected")) << to_nobody.message();
}

}  // namespace
