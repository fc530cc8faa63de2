-- One rate limit key: a token bucket plus fixed quota windows, checked and consumed in one atomic step.
-- Time comes from the Redis server, so gateways with skewed clocks agree.
--
-- KEYS[1]      bucket hash {t = tokens, ts = last update in ms}
-- KEYS[1 + i]  quota i hash {w = window index, c = tokens used in that window}
-- ARGV         capacity, refill tokens, refill period ms, cost, then limit and window ms of each quota
-- Returns      {allowed (1/0), limit, remaining, reset ms, retry-after ms (-1: never)} of the most
--              constraining limit: fewest tokens left when allowed, longest wait when denied.

local capacity = tonumber(ARGV[1])
-- capacity 0: no bucket, the quota windows only
local has_bucket = capacity > 0
local per_ms = tonumber(ARGV[2]) / tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
-- absorbs floating point error, so that waiting the returned time is always enough
local epsilon = 1e-6
local function ceil(x) return math.ceil(x - epsilon) end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000

-- every limit: size, tokens left, wait until the cost fits, reset if consumed, reset as is
local limits = {}
local tokens = capacity
if has_bucket then
  local state = redis.call('HMGET', KEYS[1], 't', 'ts')
  local stored = tonumber(state[1])
  local updated = tonumber(state[2])
  if stored ~= nil and updated ~= nil then
    tokens = math.min(capacity, stored + math.max(0, now - updated) * per_ms)
  end
  local bucket_wait = 0
  if tokens + epsilon < cost then
    if cost > capacity then bucket_wait = -1 else bucket_wait = ceil((cost - tokens) / per_ms) end
  end
  limits[1] = { capacity, tokens, bucket_wait, ceil((capacity - tokens + cost) / per_ms),
    ceil((capacity - tokens) / per_ms) }
end
-- index of quota i in limits is offset + i
local offset = #limits

local windows = {}
local counts = {}
local quota_count = (#ARGV - 4) / 2
for i = 1, quota_count do
  local limit = tonumber(ARGV[3 + 2 * i])
  local window = tonumber(ARGV[4 + 2 * i])
  local index = math.floor(now / window)
  local quota = redis.call('HMGET', KEYS[1 + i], 'w', 'c')
  local count = 0
  if tonumber(quota[1]) == index then count = tonumber(quota[2]) end
  local reset = ceil((index + 1) * window - now)
  local wait = 0
  if count + cost > limit then
    if cost > limit then wait = -1 else wait = reset end
  end
  windows[i] = index
  counts[i] = count
  limits[offset + i] = { limit, limit - count, wait, reset, reset }
end

local allowed = true
local never = false
for _, l in ipairs(limits) do
  if l[3] ~= 0 then allowed = false end
  if l[3] == -1 then never = true end
end

if allowed then
  if has_bucket then
    local new_tokens = tokens - cost
    local bucket_ttl = ceil((capacity - new_tokens) / per_ms) + 1000
    redis.call('HSET', KEYS[1], 't', new_tokens, 'ts', now)
    redis.call('PEXPIRE', KEYS[1], bucket_ttl)
  end
  for i = 1, quota_count do
    redis.call('HSET', KEYS[1 + i], 'w', windows[i], 'c', counts[i] + cost)
    redis.call('PEXPIRE', KEYS[1 + i], limits[offset + i][4] + 1000)
  end
  local best = nil
  for _, l in ipairs(limits) do
    local remaining = math.floor(l[2] - cost + epsilon)
    if best == nil or remaining < best[2] or (remaining == best[2] and l[4] > best[3]) then
      best = { l[1], remaining, l[4] }
    end
  end
  return { 1, best[1], best[2], best[3], 0 }
end

local worst = nil
for _, l in ipairs(limits) do
  local wait = l[3]
  if wait == -1 then wait = math.huge end
  if wait > 0 and (worst == nil or wait > worst[4]) then
    worst = { l[1], math.max(0, math.floor(l[2] + epsilon)), l[5], wait }
  end
end
local retry = worst[4]
if never then retry = -1 end
return { 0, worst[1], worst[2], worst[3], retry }
