-- wrk script for the Quarkus Session benchmark.
--
-- Usage: wrk -t C -c C -d 10s -s bench.lua http://127.0.0.1:PORT/bench/counter -- MODE
--   MODE = plain      : no cookies; a 2xx body must be "ok" (else counted in bad_body)
--          new        : new visitors: never send a cookie; a 2xx body must be "1" and the
--                       response must carry a Set-Cookie (else no_cookie)
--          returning  : returning visitors: the Set-Cookie of a response is sent back on
--                       every later request of this thread; each 2xx body must be the
--                       previous body + 1 (else counter_errors)
-- Run with as many threads as connections (-tC -cC): wrk keeps one Lua state per thread,
-- so one connection per thread = one session per connection.
--
-- A *success* is a 2xx answer that passes its mode's check (and, for returning visitors, is
-- not a counter error). done() prints one line "BENCH_RESULT {json}" that run-benchmark.sh
-- parses: its "rps" counts successes only (wrk's own Requests/sec counts every answer, failures
-- included; it is kept as "rps_all"). Besides the counters above it reports, for every mode, the longest run of consecutive non-2xx answers on
-- one connection (fail_streak_max) and how many connections ended on a non-2xx answer
-- (ended_failing): a session whose cookie the server no longer accepts fails on every request.
-- Every mode defines request() and response(), so the client-side cost is the same for
-- baselines and session endpoints.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- ---- per-thread state (globals so that thread:get() can read them) ----
mode = "plain"
responses = 0
successes = 0        -- 2xx answers that passed their mode's check: what "rps" counts
non2xx = 0
counter_errors = 0   -- returning: body ~= previous + 1 (lost update, stale read, lost session)
resets = 0           -- returning: subset of counter_errors where the body fell back to 1
bad_body = 0         -- body not the expected shape ("ok" / an integer / "1" for new visitors)
no_cookie = 0        -- new: 2xx response without Set-Cookie
cookie_changes = 0   -- returning: server sent a different session cookie mid-stream
fail_streak = 0      -- current run of consecutive non-2xx responses on this connection
fail_streak_max = 0  -- longest such run: a session that stays broken shows as one long streak
ended_failing = 0    -- 1 when this connection's last response was non-2xx (its session is stuck)

local cookies = {}   -- name -> "name=value"
local cookie_count = 0
local cookie_header = nil
local req_plain = nil
local req_prefix = nil
local req_cookie = nil
local prev = nil

local function rebuild_request()
  if cookie_count == 0 then
    cookie_header = nil
    req_cookie = nil
    return
  end
  if cookie_count == 1 then
    -- the usual case, and every response of a cookie store: no sorting and joining for one cookie
    local _, only = next(cookies)
    cookie_header = only
  else
    local names = {}
    for name, _ in pairs(cookies) do names[#names + 1] = name end
    table.sort(names)
    local parts = {}
    for _, name in ipairs(names) do parts[#parts + 1] = cookies[name] end
    cookie_header = table.concat(parts, "; ")
  end
  -- The plain request with one more header line: wrk.format would rebuild it all, a cost the client would pay only
  -- for session endpoints (the cookie store sends a new cookie with every response).
  req_cookie = req_prefix .. "Cookie: " .. cookie_header .. "\r\n\r\n"
end

function init(args)
  if args ~= nil and args[1] ~= nil then mode = args[1] end
  if mode ~= "plain" and mode ~= "new" and mode ~= "returning" then
    error("bench.lua: unknown mode '" .. tostring(mode) .. "' (plain|new|returning)")
  end
  req_plain = wrk.format(nil, nil, {})
  -- wrk.format ends a body-less request with an empty line: the prefix is everything before it.
  req_prefix = string.sub(req_plain, 1, -3)
end

function request()
  if req_cookie ~= nil then return req_cookie end
  return req_plain
end

-- The Set-Cookie value of a response, or nil. wrk passes headers as a table keyed by the name as received
-- (duplicates collapse to the last one, which is fine here: the servers measured send one session cookie).
-- The two spellings servers use are looked up directly; the other casings are only looked for in a
-- response that carries neither, so a server with an unusual spelling is still understood.
local function set_cookie_value(headers)
  local v = headers["set-cookie"] or headers["Set-Cookie"]
  if v ~= nil then return v end
  for k, value in pairs(headers) do
    local first = string.byte(k, 1)
    if (first == 115 or first == 83) and string.lower(k) == "set-cookie" then return value end
  end
  return nil
end

-- Whether the attributes of a Set-Cookie (from the first ';' on) expire the cookie at once: Max-Age=0 or
-- negative. Plain finds and byte tests, like the rest of the per-response path: LuaJIT compiles those,
-- while a pattern match would run interpreted and cost the client more than the server work measured.
local function expires_now(sc, from)
  local at = string.find(sc, "ge=", from, true)
  while at ~= nil do
    local c = string.byte(sc, at + 3)
    if (c == 48 or c == 45) and string.lower(string.sub(sc, at - 5, at - 1)) == "max-a" then return true end
    at = string.find(sc, "ge=", at + 3, true)
  end
  return false
end

local function absorb_cookie(sc)
  -- "name=value" is everything before the first ';' (servers send no blanks around the '=')
  local semi = string.find(sc, ";", 1, true)
  local pair = sc
  if semi ~= nil then pair = string.sub(sc, 1, semi - 1) end
  local eq = string.find(pair, "=", 1, true)
  if eq == nil or eq == 1 then return end
  local name = string.sub(pair, 1, eq - 1)
  local known = cookies[name]
  if eq == #pair or (semi ~= nil and expires_now(sc, semi)) then
    if known ~= nil then
      cookies[name] = nil
      cookie_count = cookie_count - 1
      rebuild_request()
    end
    return
  end
  if known == pair then return end
  cookies[name] = pair
  if known ~= nil then
    cookie_changes = cookie_changes + 1
  else
    cookie_count = cookie_count + 1
  end
  rebuild_request()
end

-- The counter in a response body, or nil when the body is not an integer.
local function integer_body(body)
  local n = body and tonumber(body)
  if n ~= nil and n == math.floor(n) then return n end
  return nil
end

function response(status, headers, body)
  responses = responses + 1
  local ok = status >= 200 and status < 300
  if not ok then
    non2xx = non2xx + 1
    fail_streak = fail_streak + 1
    if fail_streak > fail_streak_max then fail_streak_max = fail_streak end
    ended_failing = 1
  else
    fail_streak = 0
    ended_failing = 0
  end

  if mode == "plain" then
    if not ok then return end
    if body ~= "ok" and (body == nil or string.match(body, "^%s*ok%s*$") == nil) then
      bad_body = bad_body + 1
    else
      successes = successes + 1
    end
    return
  end

  local sc = set_cookie_value(headers)

  if mode == "new" then
    if ok then
      local good = true
      if sc == nil then no_cookie = no_cookie + 1; good = false end
      if integer_body(body) ~= 1 then bad_body = bad_body + 1; good = false end
      if good then successes = successes + 1 end
    end
    return
  end

  -- returning visitors
  if sc ~= nil then absorb_cookie(sc) end
  if not ok then
    -- the failed request may or may not have incremented: resynchronise on the next one
    prev = nil
    return
  end
  local n = integer_body(body)
  if n == nil then
    bad_body = bad_body + 1
    prev = nil
    return
  end
  if prev ~= nil and n ~= prev + 1 then
    counter_errors = counter_errors + 1
    if n == 1 then resets = resets + 1 end
  else
    successes = successes + 1
  end
  prev = n
end

local function sum(name)
  local total = 0
  for _, t in ipairs(threads) do
    local v = t:get(name)
    if type(v) == "number" then total = total + v end
  end
  return total
end

local function max(name)
  local m = 0
  for _, t in ipairs(threads) do
    local v = t:get(name)
    if type(v) == "number" and v > m then m = v end
  end
  return m
end

function done(summary, latency, requests)
  local m = "?"
  if #threads > 0 then m = tostring(threads[1]:get("mode")) end
  local secs = summary.duration / 1e6
  local ok = sum("successes")
  local rps, rps_all = 0, 0
  if secs > 0 then
    rps = ok / secs
    rps_all = summary.requests / secs
  end
  local e = summary.errors
  local fields = {
    string.format('"mode":"%s"', m),
    string.format('"requests":%d', summary.requests),
    string.format('"duration_us":%d', summary.duration),
    string.format('"rps":%.2f', rps),
    string.format('"rps_all":%.2f', rps_all),
    string.format('"successes":%d', ok),
    string.format('"lat_mean_us":%.1f', latency.mean),
    string.format('"lat_p50_us":%d', latency:percentile(50.0)),
    string.format('"lat_p90_us":%d', latency:percentile(90.0)),
    string.format('"lat_p99_us":%d', latency:percentile(99.0)),
    string.format('"lat_max_us":%d', latency.max),
    string.format('"err_connect":%d', e.connect),
    string.format('"err_read":%d', e.read),
    string.format('"err_write":%d', e.write),
    string.format('"err_status":%d', e.status),
    string.format('"err_timeout":%d', e.timeout),
    string.format('"responses":%d', sum("responses")),
    string.format('"non2xx":%d', sum("non2xx")),
    string.format('"counter_errors":%d', sum("counter_errors")),
    string.format('"resets":%d', sum("resets")),
    string.format('"bad_body":%d', sum("bad_body")),
    string.format('"no_cookie":%d', sum("no_cookie")),
    string.format('"cookie_changes":%d', sum("cookie_changes")),
    string.format('"fail_streak_max":%d', max("fail_streak_max")),
    string.format('"ended_failing":%d', sum("ended_failing")),
    string.format('"threads":%d', #threads),
  }
  io.write("BENCH_RESULT {" .. table.concat(fields, ",") .. "}\n")
end
