-- wrk's results as one machine-readable line, for bench/load.py.
-- Latencies are in microseconds in wrk; the line gives milliseconds.
-- errors.status counts responses with a status of 400 or more.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.2f p50_ms=%.2f p95_ms=%.2f " ..
    "p99_ms=%.2f max_ms=%.2f bytes=%d status_errors=%d connect_errors=%d " ..
    "read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.bytes,
    e.status, e.connect, e.read, e.write, e.timeout))
end
