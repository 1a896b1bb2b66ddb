-- Random requests from a list, for bench/mix.py: each line of MIX_PATHS is a path;
-- each line of MIX_COOKIES (none for guests) one signed-in member's Cookie header.
-- Every request takes a random path and a random member.
local function lines(name)
  local found = {}
  if name == nil or name == "" then return found end
  for line in io.lines(name) do
    if line ~= "" then found[#found + 1] = line end
  end
  return found
end

local paths, cookies

init = function(args)
  paths = lines(os.getenv("MIX_PATHS"))
  cookies = lines(os.getenv("MIX_COOKIES"))
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

request = function()
  local headers = {}
  if #cookies > 0 then headers["Cookie"] = cookies[math.random(#cookies)] end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

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
