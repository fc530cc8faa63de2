-- Takes an idempotency key, atomically.
-- KEYS[1] the key's record (a hash: fp = request fingerprint, response = kept response)
-- ARGV[1] fingerprint of this request, ARGV[2] lock timeout in milliseconds
-- Returns {"acquired"}, {"mismatch"}, {"in-flight"} or {"completed", response}.
local record = redis.call('HMGET', KEYS[1], 'fp', 'response')
if not record[1] then
	redis.call('HSET', KEYS[1], 'fp', ARGV[1])
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
	return { 'acquired' }
end
if record[1] ~= ARGV[1] then
	return { 'mismatch' }
end
if not record[2] then
	return { 'in-flight' }
end
return { 'completed', record[2] }
