-- Keeps the response of the request that holds an idempotency key.
-- KEYS[1] the key's record, ARGV[1] fingerprint of the request, ARGV[2] the response,
-- ARGV[3] time to live in milliseconds. A record taken over by another fingerprint
-- (the lock expired and another payload took the key) is left alone.
if redis.call('HGET', KEYS[1], 'fp') ~= ARGV[1] then
	return 0
end
redis.call('HSET', KEYS[1], 'response', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
