// Internal to protocol/: the ZAP handler (ZeroMQ RFC 27) behind a CURVE
// CoordinatorEndpoint. libzmq asks whoever serves inproc://zeromq.zap.01 in
// the socket's context whether to admit each handshake; this thread answers
// 200 for CURVE client keys on the allow-list (with the key's Z85 text as the
// connection's User-Id, which every message then carries) and 400 otherwise.
#pragma once

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "protocol/identity.hpp"

namespace zmq {
class context_t;
}

namespace zkfl::protocol {

class ZapHandler {
 public:
  // Binds inproc://zeromq.zap.01 in `context` and serves it on a new thread;
  // returns once the bind is done. Error: the address is taken (another CURVE
  // coordinator endpoint in this context), or the thread cannot start.
  static Result<std::unique_ptr<ZapHandler>> start(std::shared_ptr<zmq::context_t> context,
                                                   std::vector<CurveKey> allowed);
  // Stops the thread and joins it (within one poll interval).
  ~ZapHandler();
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  void set_allowed(std::vector<CurveKey> keys);
  bool is_allowed(const CurveKey& key) const;
  size_t refused() const { return refused_.load(); }

 private:
  explicit ZapHandler(std::shared_ptr<zmq::context_t> context, std::vector<CurveKey> allowed);
  void serve(std::promise<Status>& started);

  std::shared_ptr<zmq::context_t> context_;
  mutable std::mutex mutex_;
  std::set<CurveKey> allowed_;
  std::atomic<size_t> refused_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace zkfl::protocol
