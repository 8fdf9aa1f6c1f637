package io.hongyan.dispatch.core;

import io.hongyan.dispatch.core.StatusChange.LastError;
import io.hongyan.platform.config.WeChatApp;
import io.hongyan.platform.config.WeChatApps;
import io.hongyan.platform.tracing.Tracing;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.wechat.message.MessageBody;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one message taken from the work queue: skips it if an earlier delivery already settled
 * it, records SENDING, runs a {@link DeliveryAttempt}, records the outcome, and then acknowledges
 * the message or hands it back for a later attempt. Runs inside the trace the message was accepted in.
 */
public final class Delivery {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    private final WeChatApps apps;
    private final MessageStatuses statuses;
    private final DeliveryAttempt attempt;
    private final RetryPolicy retry;
    private final DispatchMetrics metrics;

    public Delivery(WeChatApps apps, MessageStatuses statuses, DeliveryAttempt attempt, RetryPolicy retry, DispatchMetrics metrics) {
        this.apps = apps;
        this.statuses = statuses;
        this.attempt = attempt;
        this.retry = retry;
        this.metrics = metrics;
    }

    public void deliver(WorkItem item) {
        Span span = Tracing.tracer().spanBuilder("dispatch deliver").setParent(item.traceContext())
                .setSpanKind(SpanKind.CONSUMER).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute("hongyan.message_id", item.message().messageId());
            deliver(item, item.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Left unacknowledged: the queue redelivers it after its ack wait.
        } catch (RuntimeException e) {
            // Redis or NATS trouble half-way: try the whole delivery again later; the record says how far it got.
            LOG.log(Level.WARNING, "delivery of message " + item.message().messageId() + " failed; retrying later", e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            item.retryAfter(retry.backoffAfter(1));
        } finally {
            span.end();
        }
    }

    private void deliver(WorkItem item, AcceptedMessage message) throws InterruptedException {
        Optional<WeChatApp> app = apps.find(message.appId());
        if (app.isEmpty()) {
            failUnlessSettled(item, message,
                    record -> StatusChange.failed(new LastError(0, "app " + message.appId() + " is no longer configured"), 0));
            return;
        }
        MessageBody body;
        try {
            body = message.wechatBody();
        } catch (IllegalArgumentException e) {
            failUnlessSettled(item, message, record -> retry.exhausted(record.getAttempts())
                    ? budgetSpent(record) : StatusChange.failed(new LastError(0, e.getMessage()), 0));
            return;
        }
        // One Redis round trip in the usual case: checks that ACCEPTED is out, that the message is
        // not settled and that attempts are left, and records SENDING.
        switch (statuses.startSending(message, retry.maxAttempts())) {
            case SendingStart.Started started -> send(item, message, app.get(), body, started.record());
            // SENT or final: a redelivery after the outcome was recorded (e.g. the process died before its ack), or cancelled meanwhile.
            case SendingStart.Refused refused -> item.ack();
            // Attempts were made by processes that died before recording their outcome.
            case SendingStart.Exhausted exhausted -> finish(item, message, budgetSpent(exhausted.record()));
            case SendingStart.Unannounced unannounced -> throw new IllegalStateException("startSending returned Unannounced");
            case SendingStart.Missing missing -> throw new IllegalStateException("startSending returned Missing");
        }
    }

    private void send(WorkItem item, AcceptedMessage message, WeChatApp app, MessageBody body, MessageRecord sending) {
        item.inProgress();
        DeliveryAttempt.Attempted attempted = attempt.run(app, body);
        int extraCalls = Math.max(0, attempted.wechatCalls() - 1);
        int attempts = sending.getAttempts() + extraCalls;
        switch (attempted.outcome()) {
            case DeliveryOutcome.Sent sent -> finish(item, message, StatusChange.sent(sent.wechatMsgid(), extraCalls));
            case DeliveryOutcome.Failed failed -> finish(item, message, StatusChange.failed(failed.error(), extraCalls));
            case DeliveryOutcome.RetryLater later -> retryOrGiveUp(item, message, later.error(), attempts, extraCalls);
            case DeliveryOutcome.TokenRejected rejected -> retryOrGiveUp(item, message, rejected.error(), attempts, extraCalls);
        }
    }

    /** A message no attempt can send (its app is gone, or its content cannot be put into a WeChat body): FAILED, unless settled. */
    private void failUnlessSettled(WorkItem item, AcceptedMessage message, Function<MessageRecord, StatusChange> failure)
            throws InterruptedException {
        MessageRecord record = statuses.announced(message);
        if (settled(record.getStatus())) {
            item.ack(); // a redelivery after the outcome was recorded (e.g. the process died before its ack)
            return;
        }
        finish(item, message, failure.apply(record));
    }

    private static StatusChange budgetSpent(MessageRecord record) {
        return StatusChange.failed(new LastError(record.getLastErrcode(), "retry budget spent; last error: " + record.getLastErrmsg()), 0);
    }

    private void retryOrGiveUp(WorkItem item, AcceptedMessage message, LastError error, int attempts, int extraCalls) {
        if (retry.exhausted(attempts)) {
            finish(item, message, StatusChange.failed(error, extraCalls));
            return;
        }
        statuses.change(message.messageId(), StatusChange.retrying(error, extraCalls));
        metrics.retry(message.appId());
        item.retryAfter(retry.backoffAfter(attempts));
    }

    private void finish(WorkItem item, AcceptedMessage message, StatusChange change) {
        statuses.change(message.messageId(), change);
        item.ack();
    }

    /** Nothing more to send: SENT (a receipt may still follow) or a final state. */
    private static boolean settled(MessageStatus status) {
        return switch (status) {
            case ACCEPTED, SENDING, RETRYING -> false;
            case SENT, DELIVERED, REJECTED, FAILED, CANCELLED, EXPIRED -> true;
            case MESSAGE_STATUS_UNSPECIFIED, UNRECOGNIZED -> false;
        };
    }
}
