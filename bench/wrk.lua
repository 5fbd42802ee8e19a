-- wrk script of the benchmark: rotates the Host header over the hosts given after "--",
-- counts responses by status and by X-Cache (the accelerator's verdict), and prints one JSON
-- line (prefixed "BENCH-JSON ") when done.
local hosts = {}
local counter = 0
statuses = {}
caches = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i = 1, #args do
    hosts[i] = args[i]
  end
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, { Host = hosts[(counter % #hosts) + 1] })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local verdict = headers["X-Cache"]
  if verdict then
    caches[verdict] = (caches[verdict] or 0) + 1
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local verdicts = {}
  for _, thread in ipairs(threads) do
    for verdict, n in pairs(thread:get("caches")) do
      verdicts[verdict] = (verdicts[verdict] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local cache_parts = {}
  for verdict, n in pairs(verdicts) do
    table.insert(cache_parts, string.format('"%s": %d', verdict, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"statuses": {%s}, "x_cache": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", "),
    table.concat(cache_parts, ", ")))
end
