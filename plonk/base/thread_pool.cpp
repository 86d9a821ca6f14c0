#include "plonk/base/thread_pool.hpp"

#include <algorithm>

namespace zkfl::plonk {

namespace {
thread_local bool t_inside_pool_task = false;
}

ThreadPool::ThreadPool(size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (size_t i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  job_ready_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::drain_current_job() {
  const bool was_inside = t_inside_pool_task;
  t_inside_pool_task = true;
  for (;;) {
    size_t i = next_index_.fetch_add(1, std::memory_order_relaxed);
    if (i >= task_count_) break;
    (*task_)(i);
  }
  t_inside_pool_task = was_inside;
}

void ThreadPool::worker_loop() {
  uint64_t seen_generation = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      job_ready_.wait(lock, [&] { return stopping_ || generation_ != seen_generation; });
      if (stopping_) return;
      seen_generation = generation_;
    }
    drain_current_job();
    {
      std::lock_guard lock(mutex_);
      if (--workers_busy_ == 0) job_done_.notify_all();
    }
  }
}

void ThreadPool::run(size_t n, const std::function<void(size_t)>& task) {
  if (n == 0) return;
  if (workers_.empty() || n == 1 || t_inside_pool_task) {
    for (size_t i = 0; i < n; ++i) task(i);
    return;
  }
  std::lock_guard submit(submit_mutex_);
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    task_count_ = n;
    next_index_.store(0, std::memory_order_relaxed);
    workers_busy_ = workers_.size();
    ++generation_;
  }
  job_ready_.notify_all();
  drain_current_job();
  std::unique_lock lock(mutex_);
  job_done_.wait(lock, [&] { return workers_busy_ == 0; });
  task_ = nullptr;
}

void ThreadPool::parallel_for(size_t n, const std::function<void(size_t, size_t)>& body,
                              size_t min_chunk) {
  if (n == 0) return;
  min_chunk = std::max<size_t>(1, min_chunk);
  size_t chunks = std::min(size(), (n + min_chunk - 1) / min_chunk);
  size_t per = (n + chunks - 1) / chunks;
  run(chunks, [&](size_t c) {
    size_t begin = c * per;
    size_t end = std::min(n, begin + per);
    if (begin < end) body(begin, end);
  });
}

}  // namespace zkfl::plonk
