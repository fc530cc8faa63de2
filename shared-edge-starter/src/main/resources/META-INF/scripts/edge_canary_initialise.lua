-- Stores a canary's first state unless one is stored, and returns the stored state.
-- KEYS[1]: the canary's hash; ARGV[1]: the state (JSON); ARGV[2]: its revision
if redis.call('HSETNX', KEYS[1], 'state', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'revision', ARGV[2])
  return ARGV[1]
end
return redis.call('HGET', KEYS[1], 'state')
