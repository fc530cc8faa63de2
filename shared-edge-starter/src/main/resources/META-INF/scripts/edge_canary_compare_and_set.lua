-- Stores a canary's next state if the stored one has the revision before it, and tells
-- every instance on the change channel. Returns 1 when stored, 0 when another change won.
-- KEYS[1]: the canary's hash; ARGV[1]: the expected revision; ARGV[2]: the next state
-- (JSON); ARGV[3]: the change channel
local current = tonumber(redis.call('HGET', KEYS[1], 'revision') or '0')
if current ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'revision', current + 1, 'state', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[2])
return 1
