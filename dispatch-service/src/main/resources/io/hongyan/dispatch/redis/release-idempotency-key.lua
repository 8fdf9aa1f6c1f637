-- Compare-and-delete: frees an idempotency key only while it still names this message, so a late
-- release never frees a key that meanwhile belongs to another submit.
-- KEYS[1] hy:{<app>}:idem:<key>; ARGV[1] the message id
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
