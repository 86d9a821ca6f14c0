// A small fixed-size thread pool for data-parallel loops (MSM, NTT, prover).
// There is no global pool: the owner of the work creates one and passes it on.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace zkfl::plonk {

class ThreadPool {
 public:
  // A pool of `threads` threads in all, the calling thread included
  // (0 means std::thread::hardware_concurrency()).
  explicit ThreadPool(size_t threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Number of threads that share the work, the caller included.
  size_t size() const { return workers_.size() + 1; }

  // Calls task(i) for every i in [0, n), spread over the pool; the caller
  // works too and the call returns when all are done. A call from inside a
  // task runs serially on that thread (no deadlock, no oversubscription).
  void run(size_t n, const std::function<void(size_t)>& task);

  // Splits [0, n) into at most size() contiguous ranges of at least
  // `min_chunk` items and calls body(begin, end) for each, in parallel.
  void parallel_for(size_t n, const std::function<void(size_t, size_t)>& body,
                    size_t min_chunk = 1);

 private:
  void worker_loop();
  void drain_current_job();

  std::vector<std::thread> workers_;
  std::mutex submit_mutex_;  // one job at a time from outside the pool
  std::mutex mutex_;
  std::condition_variable job_ready_;
  std::condition_variable job_done_;
  const std::function<void(size_t)>* task_ = nullptr;
  size_t task_count_ = 0;
  std::atomic<size_t> next_index_{0};
  size_t workers_busy_ = 0;
  uint64_t generation_ = 0;
  bool stopping_ = false;
};

}  // namespace zkfl::plonk
