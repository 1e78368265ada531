-- wrk script: every request POSTs a batch of new native events (unique ids per thread
-- and request), so each one is a real insert, commit and table update.
local counter = 0
local thread_id = 0
local batch = tonumber(os.getenv("RAPPORT_BENCH_BATCH") or "10")
local token = os.getenv("RAPPORT_TOKEN") or "bench"
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function request()
  local lines = {}
  for i = 1, batch do
    counter = counter + 1
    lines[i] = string.format(
      '{"platform":"x","id":"wrk-%d-%d","type":"post","author":"wrk%d","author_handle":"@wrk%d",' ..
      '"created_at":"2024-06-30T12:00:00Z","text":"@AcmeHelp load test %d","inbound":true}',
      thread_id, counter, counter % 500, counter % 500, counter)
  end
  return wrk.format("POST", "/v1/events",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/x-ndjson"},
    table.concat(lines, "\n") .. "\n")
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
