-- wrk script for every benchmark here; prints one JSON line when done. After `--`:
--   (nothing)                        GET the URL
--   json PREFIX TOKEN BODY_FILE      POST that JSON with a bearer token and a new Idempotency-Key
--   form-get COOKIE                  GET the URL as a browser with these cookies
--   form-post COOKIE CSRF            POST a form answer as that browser
--   signed FILE THREADS              POST form bodies signed like Twilio's webhooks: FILE holds
--                                    "signature<TAB>body" lines; each of THREADS takes its share
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
  elseif mode == "signed" then
    signed = {}
    local n = 0
    local nthreads = tonumber(args[3])
    for line in io.lines(args[2]) do
      n = n + 1
      -- Thread k of t keeps lines k, k+t, k+2t ...: no two threads send the same message.
      if (n - tid) % nthreads == 0 then
        local tab = line:find("\t")
        table.insert(signed, { line:sub(1, tab - 1), line:sub(tab + 1) })
      end
    end
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
  elseif mode == "signed" then
    counter = counter % #signed + 1
    local item = signed[counter]
    return wrk.format("POST", nil, {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Twilio-Signature"] = item[1],
    }, item[2])
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
