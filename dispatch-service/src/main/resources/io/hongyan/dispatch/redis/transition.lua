-- Moves a message's status forward, never back. ACCEPTED, SENDING and RETRYING may move to any
-- status but ACCEPTED; SENT only to DELIVERED or REJECTED (the delivery receipt); FAILED, CANCELLED,
-- EXPIRED, DELIVERED and REJECTED are final. Each change increments seq and sets updatedAt.
-- KEYS[1] hy:msg:{<id>}
-- ARGV[1] new status, ARGV[2] attempts to add, ARGV[3] last errcode ('' keeps the last error),
-- ARGV[4] last errmsg, ARGV[5] WeChat msgid ('' keeps it), ARGV[6] now (epoch ms), ARGV[7] ttl in ms,
-- optional guards for a sender starting an attempt (so that it needs one round trip, not a read and
-- a transition): ARGV[8] '1' = only once the ACCEPTED event is out, ARGV[9] attempt budget ('' = none):
-- a record whose attempts reached it is left as it is.
-- Returns {'missing'}, {'unannounced'}, {'refused', current status}, {'exhausted', field, value, ...}
-- or {'applied', previous status, field, value, ...}.
local current = redis.call('HGET', KEYS[1], 'status')
if not current then
  return {'missing'}
end
if ARGV[8] == '1' and redis.call('HGET', KEYS[1], 'announced') ~= '1' then
  return {'unannounced'}
end
local to = ARGV[1]
local allowed
if current == 'ACCEPTED' or current == 'SENDING' or current == 'RETRYING' then
  allowed = to ~= 'ACCEPTED'
elseif current == 'SENT' then
  allowed = to == 'DELIVERED' or to == 'REJECTED'
else
  allowed = false
end
if not allowed then
  return {'refused', current}
end
if ARGV[9] and ARGV[9] ~= '' and tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0') >= tonumber(ARGV[9]) then
  local result = {'exhausted'}
  for _, item in ipairs(redis.call('HGETALL', KEYS[1])) do
    result[#result + 1] = item
  end
  return result
end
redis.call('HSET', KEYS[1], 'status', to, 'updatedAt', ARGV[6])
redis.call('HINCRBY', KEYS[1], 'attempts', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'seq', 1)
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'lastErrcode', ARGV[3], 'lastErrmsg', ARGV[4])
end
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'wechatMsgid', ARGV[5])
end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
local result = {'applied', current}
for _, item in ipairs(redis.call('HGETALL', KEYS[1])) do
  result[#result + 1] = item
end
return result
