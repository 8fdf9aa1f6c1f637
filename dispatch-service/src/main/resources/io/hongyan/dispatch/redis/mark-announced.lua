-- Notes that the ACCEPTED event of a message is out.
-- KEYS[1] hy:msg:{<id>}
-- Returns 1 if this call noted it, 0 if it was noted already (or there is no record).
if redis.call('HGET', KEYS[1], 'announced') == '0' then
  redis.call('HSET', KEYS[1], 'announced', '1')
  return 1
end
return 0
