-- wrk -s post_count.lua URL -- BODY_FILE COUNT DONE_FILE : like post.lua, but the (single) thread stops after COUNT
-- responses and creates DONE_FILE; wrk itself sleeps out its -d, so run.sh then ends it with SIGINT (it still reports).
local stop_after, seen, done_file = 0, 0, nil
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  stop_after = tonumber(args[2])
  done_file = args[3]
end

function response(status, headers, body)
  seen = seen + 1
  if seen == stop_after then
    wrk.thread:stop()
    io.open(done_file, "w"):close()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.requests / summary.duration * 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
