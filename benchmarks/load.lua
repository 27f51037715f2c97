-- wrk script for every benchmark here; prints one JSON line when done. After `--`:
--   (nothing)                        GET the URL
--   json PREFIX TOKEN BODY_FILE      POST that JSON with a bearer token and a new Idempotency-Key
--   form-get COOKIE                  GET the URL as a browser with these cookies
--   form-post COOKIE CSRF            POST a form answer as that browser
local counter = 0
local threads = {}
local mode = "get"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "get"
  if mode == "json" then
    prefix, token = args[2], args[3]
    body = io.open(args[4]):read("*a")
  elseif mode == "form-get" or mode == "form-post" then
    cookie, csrf = args[2], args[3]
  end
end

request = function()
  if mode == "json" then
    counter = counter + 1
    return wrk.format("POST", nil, {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
      ["Idempotency-Key"] = string.format("%s-%d-%d", prefix, tid, counter),
    }, body)
  elseif mode == "form-post" then
    return wrk.format("POST", nil, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, "csrf=" .. csrf .. "&answer=5&website=")
  elseif mode == "form-get" then
    return wrk.format("GET", nil, { ["Cookie"] = cookie })
  end
  return wrk.format("GET")
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "non2xx": %d, "socket_errors": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
