-- wrk script for the web form. Arguments: -- COOKIE CSRF [post]
-- GET renders the question page; with "post" it saves an answer (and redirects, 303).
function init(args)
  cookie = args[1]
  csrf = args[2]
  post = args[3] == "post"
end

request = function()
  local headers = { ["Cookie"] = cookie }
  if post then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", nil, headers, "csrf=" .. csrf .. "&answer=5&website=")
  end
  return wrk.format("GET", nil, headers)
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "non2xx": %d, "socket_errors": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
