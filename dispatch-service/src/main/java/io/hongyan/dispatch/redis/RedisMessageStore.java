package io.hongyan.dispatch.redis;

import io.hongyan.dispatch.core.IdempotencyClaim;
import io.hongyan.dispatch.core.MessageStore;
import io.hongyan.dispatch.core.SendingStart;
import io.hongyan.dispatch.core.StatusChange;
import io.hongyan.dispatch.core.StoredMessage;
import io.hongyan.dispatch.core.TransitionResult;
import io.hongyan.proto.v1.MessageRecord;
import redis.clients.jedis.UnifiedJedis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Status records and idempotency keys in Redis. Keys (each script touches one key, and keys are
 * hash-tagged, so this works on Redis Cluster):
 * <ul>
 *   <li>{@code hy:msg:{<message id>}}: the status record, a hash (see {@link RecordHash}); TTL refreshed on each change</li>
 *   <li>{@code hy:{<app>}:idem:<key>}: the message id an idempotency key stands for</li>
 * </ul>
 */
public final class RedisMessageStore implements MessageStore {
    private static final LuaScript CLAIM_KEY = LuaScript.load("claim-idempotency-key.lua");
    private static final LuaScript RELEASE_KEY = LuaScript.load("release-idempotency-key.lua");
    private static final LuaScript CREATE_RECORD = LuaScript.load("create-record.lua");
    private static final LuaScript MARK_ANNOUNCED = LuaScript.load("mark-announced.lua");
    private static final LuaScript TRANSITION = LuaScript.load("transition.lua");

    private final UnifiedJedis redis;
    private final Duration recordTtl;
    private final Duration idempotencyTtl;
    private final Clock clock;

    public RedisMessageStore(UnifiedJedis redis, Duration recordTtl, Duration idempotencyTtl, Clock clock) {
        this.redis = redis;
        this.recordTtl = recordTtl;
        this.idempotencyTtl = idempotencyTtl;
        this.clock = clock;
    }

    /** The key of a message's status record. */
    public static String recordKey(String messageId) {
        return "hy:msg:{" + messageId + "}";
    }

    /** The key of an app's idempotency key. */
    public static String idempotencyKey(String appId, String key) {
        return "hy:{" + appId + "}:idem:" + key;
    }

    @Override
    public IdempotencyClaim claimIdempotencyKey(String appId, String key, String messageId) {
        List<?> reply = (List<?>) CLAIM_KEY.run(redis, List.of(idempotencyKey(appId, key)),
                List.of(messageId, Long.toString(idempotencyTtl.toMillis())));
        if (((Long) reply.get(0)) == 1L) {
            return new IdempotencyClaim.Reserved();
        }
        long remainingMillis = Math.max(0, (Long) reply.get(2));
        return new IdempotencyClaim.Taken((String) reply.get(1), idempotencyTtl.minusMillis(remainingMillis));
    }

    @Override
    public void releaseIdempotencyKey(String appId, String key, String messageId) {
        RELEASE_KEY.run(redis, List.of(idempotencyKey(appId, key)), List.of(messageId));
    }

    @Override
    public boolean createAccepted(MessageRecord accepted, boolean announced) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(recordTtl.toMillis()));
        args.addAll(RecordHash.fieldsOf(accepted, announced));
        return ((Long) CREATE_RECORD.run(redis, List.of(recordKey(accepted.getMessageId())), args)) == 1L;
    }

    @Override
    public boolean markAnnounced(String messageId) {
        return ((Long) MARK_ANNOUNCED.run(redis, List.of(recordKey(messageId)), List.of())) == 1L;
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        Map<String, String> hash = redis.hgetAll(recordKey(messageId));
        return hash.isEmpty() ? Optional.empty() : Optional.of(RecordHash.parse(hash));
    }

    @Override
    public TransitionResult transition(String messageId, StatusChange change) {
        List<?> reply = runTransition(messageId, change, List.of());
        return switch ((String) reply.get(0)) {
            case "applied" -> new TransitionResult.Applied(RecordHash.status((String) reply.get(1)),
                    RecordHash.parse(reply.subList(2, reply.size())).record());
            case "refused" -> new TransitionResult.Refused(RecordHash.status((String) reply.get(1)));
            default -> new TransitionResult.Missing();
        };
    }

    /** The transition script with its guards, so the sender's usual start is one round trip rather than a read and a transition. */
    @Override
    public SendingStart startSending(String messageId, int attemptBudget) {
        List<?> reply = runTransition(messageId, StatusChange.sending(), List.of("1", Integer.toString(attemptBudget)));
        return switch ((String) reply.get(0)) {
            case "applied" -> new SendingStart.Started(RecordHash.status((String) reply.get(1)),
                    RecordHash.parse(reply.subList(2, reply.size())).record());
            case "refused" -> new SendingStart.Refused(RecordHash.status((String) reply.get(1)));
            case "exhausted" -> new SendingStart.Exhausted(RecordHash.parse(reply.subList(1, reply.size())).record());
            case "unannounced" -> new SendingStart.Unannounced();
            default -> new SendingStart.Missing();
        };
    }

    private List<?> runTransition(String messageId, StatusChange change, List<String> guards) {
        List<String> args = new ArrayList<>(9);
        args.add(change.to().name());
        args.add(Integer.toString(change.addedAttempts()));
        args.add(change.lastError().map(error -> Integer.toString(error.errcode())).orElse(""));
        args.add(change.lastError().map(StatusChange.LastError::errmsg).orElse(""));
        args.add(change.wechatMsgid() == 0 ? "" : Long.toString(change.wechatMsgid()));
        args.add(Long.toString(clock.millis()));
        args.add(Long.toString(recordTtl.toMillis()));
        args.addAll(guards);
        return (List<?>) TRANSITION.run(redis, List.of(recordKey(messageId)), args);
    }
}
