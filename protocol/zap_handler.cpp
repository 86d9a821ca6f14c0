#include "protocol/zap_handler.hpp"

#include <chrono>
#include <thread>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <chrono>
#include <cstring>
#include <iterator>
#include <string_view>
#include <system_error>

namespace zkfl::protocol {

namespace {

constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";
// Binding attempts, 10 ms apart, while the ZAP address is still being released.
constexpr int kBindAttempts = 50;

// How often the thread looks at its stop flag; bounds the destructor's wait.
constexpr std::chrono::milliseconds kPollInterval{50};

bool frame_is(const zmq::message_t& frame, std::string_view text) {
  return frame.size() == text.size() && std::memcmp(frame.data(), text.data(), text.size()) == 0;
}

}  // namespace

ZapHandler::ZapHandler(std::shared_ptr<zmq::context_t> context, std::vector<CurveKey> allowed)
    : context_(std::move(context)), allowed_(allowed.begin(), allowed.end()) {}

Result<std::unique_ptr<ZapHandler>> ZapHandler::start(std::shared_ptr<zmq::context_t> context,
                                                      std::vector<CurveKey> allowed) {
  std::unique_ptr<ZapHandler> handler(new ZapHandler(std::move(context), std::move(allowed)));
  std::promise<Status> started;
  std::future<Status> bound = started.get_future();
  try {
    // The thread owns the promise, so it outlives the set_value that wakes us.
    handler->thread_ =
        std::thread([h = handler.get(), started = std::move(started)]() mutable { h->serve(started); });
  } catch (const std::system_error& e) {
    return Status::error(std::string("cannot start the ZAP handler thread: ") + e.what());
  }
  Status status = bound.get();
  if (!status) {
    handler->thread_.join();
    return status;
  }
  return handler;
}

ZapHandler::~ZapHandler() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

void ZapHandler::set_allowed(std::vector<CurveKey> keys) {
  std::lock_guard lock(mutex_);
  allowed_ = std::set<CurveKey>(keys.begin(), keys.end());
}

bool ZapHandler::is_allowed(const CurveKey& key) const {
  std::lock_guard lock(mutex_);
  return allowed_.contains(key);
}

// A ROUTER rather than the usual REP: it has no send/receive state to get
// stuck in, so one odd request can never wedge authentication.
// Request:  [routing id]["" ]["1.0"][request id][domain][address][identity][mechanism][credentials…]
// Reply:    [routing id]["" ]["1.0"][request id][status code][status text][user id][metadata]
void ZapHandler::serve(std::promise<Status>& started) {
  std::optional<zmq::socket_t> socket;
  // ZeroMQ releases an inproc address asynchronously when its socket closes, so
  // a handler that follows one just stopped may briefly find the address taken:
  // retry for a moment before concluding that another coordinator holds it.
  for (int attempt = 0;; ++attempt) {
    try {
      socket.emplace(*context_, zmq::socket_type::router);
      socket->set(zmq::sockopt::linger, 0);
      socket->bind(kZapEndpoint);
      break;
    } catch (const zmq::error_t& e) {
      socket.reset();
      if (e.num() == EADDRINUSE && attempt < kBindAttempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      std::string message = e.num() == EADDRINUSE
                                ? "a CURVE coordinator endpoint already runs in this transport context; use one "
                                  "context per coordinator"
                                : std::string("cannot start the ZAP handler: ") + e.what();
      started.set_value(Status::error(std::move(message)));
      return;
    }
  }
  started.set_value(Status::ok());

  while (!stop_.load()) {
    try {
      zmq_pollitem_t item{socket->handle(), 0, ZMQ_POLLIN, 0};
      if (zmq::poll(&item, 1, kPollInterval) == 0) continue;
      std::vector<zmq::message_t> request;
      if (!zmq::recv_multipart(*socket, std::back_inserter(request), zmq::recv_flags::dontwait)) continue;
      // The routing id, the empty delimiter, then at least the six ZAP frames before the credentials.
      if (request.size() < 4 || request[1].size() != 0) continue;  // not a ZAP request: nothing to answer
      std::string status_code = "200";
      std::string status_text = "OK";
      std::string user_id;
      if (!frame_is(request[2], "1.0") || request.size() < 8) {
        status_code = "500";
        status_text = "malformed ZAP request";
      } else if (!frame_is(request[7], "CURVE") || request.size() != 9 || request[8].size() != 32) {
        status_code = "400";
        status_text = "only CURVE clients are admitted";
      } else {
        CurveKey key{};
        std::memcpy(key.data(), request[8].data(), key.size());
        if (is_allowed(key)) {
          user_id = to_z85(key);
        } else {
          status_code = "400";
          status_text = "CURVE key not on the allow-list";
        }
      }
      if (status_code != "200") refused_.fetch_add(1);
      std::vector<zmq::message_t> reply;
      reply.emplace_back(request[0].data(), request[0].size());
      reply.emplace_back();
      reply.emplace_back(std::string_view("1.0"));
      reply.emplace_back(request[3].data(), request[3].size());
      reply.emplace_back(status_code);
      reply.emplace_back(status_text);
      reply.emplace_back(user_id);
      reply.emplace_back();
      (void)zmq::send_multipart(*socket, reply, zmq::send_flags::dontwait);
    } catch (const zmq::error_t& e) {
      if (e.num() == ETERM) break;  // the context is shutting down
      // Anything else concerns one request; keep serving the next.
    }
  }
}

}  // namespace zkfl::protocol
