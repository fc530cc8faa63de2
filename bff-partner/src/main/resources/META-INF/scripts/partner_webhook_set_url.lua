-- Set the URL of a tenant's webhook, keeping its secret, or make the webhook when there is none.
-- KEYS[1] the tenant's webhook hash; ARGV[1] the URL, ARGV[2] the secret of a new webhook,
-- ARGV[3] now (epoch ms). Returns the hash as stored.
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'url', ARGV[1], 'updatedAt', ARGV[3])
else
  redis.call('HSET', KEYS[1], 'url', ARGV[1], 'secret', ARGV[2], 'createdAt', ARGV[3], 'updatedAt', ARGV[3])
end
return redis.call('HGETALL', KEYS[1])
