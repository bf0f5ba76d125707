-- wrk script for the peer (the server openapi-mcp-generator generates from the demo document, see
-- tests/bench/peer/prepare.sh): the same tools/call as tools-call.lua (getForecast, city Lisbon,
-- days 3) over a session-based (2025) Streamable HTTP transport.
--
-- The handshake runs once, in setup(), before the measured run and outside wrk's latency figures:
-- initialize (with curl, since wrk's Lua has no HTTP client), then notifications/initialized. Every
-- thread and connection then uses that one Mcp-Session-Id. One session and not one per connection,
-- because the generated server connects its single MCP Server object to each new session's
-- transport and answers on the newest one only: calls on an older session never get an answer.
-- Request ids are unique per request, because the server routes each answer to its HTTP request
-- by JSON-RPC id within a session.
--
-- A tools/call is "bad" unless the answer is HTTP 200 with a JSON-RPC result (plain JSON or an SSE
-- "data:" line) that is not isError and carries the backend's 200 answer: the generated server
-- reports a failed backend call as a normal text result ("API Error: Status ..."), not as isError.
local protocol = "2025-11-25"

local function sh(cmd)
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("*a")
  p:close()
  return out
end

-- setup() runs in its own Lua state; thread:set() hands these values to each thread's globals.
local shared_session, shared_protocol, nthreads = nil, nil, 0
function setup(thread)
  if not shared_session then
    local url = string.format("%s://%s:%s%s", wrk.scheme, wrk.host, wrk.port, wrk.path)
    local curl = "curl -sS --max-time 10 -D - -H 'Content-Type: application/json'"
      .. " -H 'Accept: application/json, text/event-stream' "
    local init = sh(curl .. "-d '{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
      .. "\"protocolVersion\":\"" .. protocol .. "\",\"capabilities\":{},"
      .. "\"clientInfo\":{\"name\":\"portcullis-bench\",\"version\":\"1\"}}}' '" .. url .. "'")
    shared_session = string.match(init, "\n[Mm][Cc][Pp]%-[Ss][Ee][Ss][Ss][Ii][Oo][Nn]%-[Ii][Dd]:%s*([%w%-%._]+)")
    shared_protocol = string.match(init, '"protocolVersion":"([^"]+)"')
    if not string.match(init, "^HTTP/1%.1 200") or not shared_session or not shared_protocol then
      io.stderr:write("peer-tools-call.lua: initialize failed:\n" .. init .. "\n")
      os.exit(1)
    end
    local note = sh(curl .. "-H 'Mcp-Session-Id: " .. shared_session .. "' -H 'MCP-Protocol-Version: "
      .. shared_protocol .. "' -d '{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}' '" .. url .. "'")
    if not string.match(note, "^HTTP/1%.1 20[02]") then
      io.stderr:write("peer-tools-call.lua: notifications/initialized failed:\n" .. note .. "\n")
      os.exit(1)
    end
  end
  nthreads = nthreads + 1
  thread:set("session", shared_session)
  thread:set("negotiated", shared_protocol)
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end
threads = {}

local next_id
function init(args)
  bad = 0
  next_id = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["Mcp-Session-Id"] = session
  wrk.headers["MCP-Protocol-Version"] = negotiated
end

local suffix = ',"method":"tools/call","params":{"name":"getForecast","arguments":{"city":"Lisbon","days":3}}}'
function request()
  next_id = next_id + 1
  -- ids tid*1e9 + n: unique across this run's threads
  return wrk.format(nil, nil, nil, '{"jsonrpc":"2.0","id":' .. string.format("%d", tid * 1e9 + next_id) .. suffix)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"result":', 1, true)
     or string.find(body, '"isError":true', 1, true)
     or not string.find(body, "API Response (Status: 200)", 1, true)
     or not string.find(body, "Lisbon", 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("BENCH rps=%.0f p50us=%d p99us=%d requests=%d errors=%d bad=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout, total))
end
