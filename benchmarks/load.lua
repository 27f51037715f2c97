-- wrk script. With arguments (-- PREFIX TOKEN BODY_FILE): POST that body to the URL's path
-- with a new Idempotency-Key each time. Without: GET the URL. Either way, print one JSON line.
local counter = 0
local threads = {}
local post = false

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then
    post = true
    prefix, token = args[1], args[2]
    body = io.open(args[3]):read("*a")
  end
end

request = function()
  if not post then
    return wrk.format("GET")
  end
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("%s-%d-%d", prefix, tid, counter),
  }
  return wrk.format("POST", nil, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "non2xx": %d, "socket_errors": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
