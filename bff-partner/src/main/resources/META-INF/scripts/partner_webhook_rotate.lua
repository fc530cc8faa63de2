-- Replace the secret of a tenant's webhook; the replaced one keeps signing until ARGV[2].
-- KEYS[1] the tenant's webhook hash; ARGV[1] the new secret, ARGV[2] when the replaced secret
-- stops signing (epoch ms, 0: now), ARGV[3] now (epoch ms). Returns the hash as stored, or an
-- empty array when the tenant has no webhook.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
local replaced = redis.call('HGET', KEYS[1], 'secret')
redis.call('HSET', KEYS[1], 'secret', ARGV[1], 'updatedAt', ARGV[3])
if ARGV[2] == '0' then
  redis.call('HDEL', KEYS[1], 'previousSecret', 'previousSecretExpiresAt')
else
  redis.call('HSET', KEYS[1], 'previousSecret', replaced, 'previousSecretExpiresAt', ARGV[2])
end
return redis.call('HGETALL', KEYS[1])
