-- Creates a message's status record unless it exists (the submitting thread and a sender that
-- found no record may race; exactly one creates it).
-- KEYS[1] hy:msg:{<id>}
-- ARGV[1] the record's time to live in ms; ARGV[2..] field, value, field, value, ...
-- Returns 1 if created, 0 if it existed.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
