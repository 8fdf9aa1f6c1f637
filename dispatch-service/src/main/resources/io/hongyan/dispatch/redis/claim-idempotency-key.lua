-- Reserves an idempotency key for a new message, or says who holds it and for how much longer.
-- KEYS[1] hy:{<app>}:idem:<key>
-- ARGV[1] the new message id, ARGV[2] the key's time to live in ms
-- Returns {1} when reserved, or {0, holder's message id, remaining ttl in ms}.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1}
end
return {0, redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
