package io.hongyan.ingress;

import io.helidon.http.Status;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.hongyan.platform.config.WeChatApp;
import io.hongyan.platform.config.WeChatApps;
import io.hongyan.wechat.callback.CallbackJson;
import io.hongyan.wechat.callback.CallbackSignature;
import io.hongyan.wechat.callback.CallbackXml;
import io.hongyan.wechat.callback.InboundEvent;
import io.hongyan.wechat.callback.MalformedCallbackException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * WeChat's callbacks, step by step: known app, {@code signature}, plaintext mode, size cap,
 * hardened parse, normalise, publish. Each step either passes its result on or ends the
 * callback with a {@link CallbackOutcome.Rejected}; nothing is published unless every step
 * passed. Safe-mode decryption (after the signature), Redis dedup (before publishing) and
 * receipts to dispatch (after publishing) are further steps of this same chain.
 *
 * <p>Outcomes are counted in {@code hongyan_ingress_callbacks{outcome}}.
 */
public final class CallbackPipeline {
    private final WeChatApps apps;
    private final BodyLimit bodyLimit;
    private final InboundEventPublisher publisher;

    public CallbackPipeline(WeChatApps apps, BodyLimit bodyLimit, InboundEventPublisher publisher) {
        this.apps = apps;
        this.bodyLimit = bodyLimit;
        this.publisher = publisher;
    }

    /** {@code GET}: WeChat checks that the URL is ours; answer its echostr if the signature holds. */
    public CallbackOutcome verifyUrl(String appId, CallbackQuery query) {
        try {
            WeChatApp app = knownApp(appId);
            verifySignature(app, query);
            String echostr = query.echostr().filter(value -> !value.isEmpty())
                    .orElseThrow(() -> reject(Status.UNAUTHORIZED_401, "bad_signature", "missing echostr", "bad_signature"));
            return count(new CallbackOutcome.Echo(echostr));
        } catch (Rejection rejection) {
            return count(rejection.outcome);
        }
    }

    /** {@code POST}: a user message or event. */
    public CallbackOutcome receive(String appId, CallbackQuery query, CallbackBody body) {
        try {
            WeChatApp app = knownApp(appId);
            verifySignature(app, query);
            requirePlaintext(query);
            InboundEvent event = normalise(appId, parse(read(body)));
            return count(publish(event));
        } catch (Rejection rejection) {
            return count(rejection.outcome);
        }
    }

    private WeChatApp knownApp(String appId) {
        return apps.find(appId).orElseThrow(() ->
                reject(Status.NOT_FOUND_404, "unknown_app", "no app " + appId + " is configured", "unknown_app"));
    }

    private void verifySignature(WeChatApp app, CallbackQuery query) {
        boolean valid = CallbackSignature.verify(query.signature().orElse(null), app.callbackToken(),
                query.timestamp().orElse(null), query.nonce().orElse(null));
        if (!valid) {
            throw reject(Status.UNAUTHORIZED_401, "bad_signature",
                    "signature, timestamp and nonce do not match this app's callback token", "bad_signature");
        }
        counter("verified").increment();
    }

    private void requirePlaintext(CallbackQuery query) {
        String mode = query.encryptType().orElse("raw");
        if (mode.equals("aes")) {
            throw reject(Status.NOT_IMPLEMENTED_501, "encryption_not_supported",
                    "safe mode (encrypt_type=aes) is not supported yet; set the app's message encryption to plaintext",
                    "unsupported_encryption");
        }
        if (!mode.equals("raw")) {
            throw reject(Status.BAD_REQUEST_400, "invalid_encrypt_type", "unknown encrypt_type " + mode, "bad_request");
        }
    }

    private byte[] read(CallbackBody body) {
        try {
            return body.read(bodyLimit);
        } catch (BodyTooLargeException e) {
            throw reject(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                    "the body is larger than " + e.maxBytes() + " bytes", "too_large");
        }
    }

    /** XML as WeChat sends by default; a JSON object for Mini Programs configured for JSON. */
    private Map<String, String> parse(byte[] body) {
        try {
            return startsWithBrace(body) ? CallbackJson.parse(body, bodyLimit.maxBytes())
                    : CallbackXml.parse(body, bodyLimit.maxBytes());
        } catch (MalformedCallbackException e) {
            throw badBody(e);
        }
    }

    private InboundEvent normalise(String appId, Map<String, String> fields) {
        try {
            return InboundEvent.from(appId, fields);
        } catch (MalformedCallbackException e) {
            throw badBody(e);
        }
    }

    private CallbackOutcome publish(InboundEvent event) {
        return switch (publisher.publish(event)) {
            case InboundEventPublisher.Publication.Stored stored -> new CallbackOutcome.Accepted(event, false);
            case InboundEventPublisher.Publication.Duplicate duplicate -> new CallbackOutcome.Accepted(event, true);
            case InboundEventPublisher.Publication.Unavailable unavailable -> throw new Rejection(new CallbackOutcome.Rejected(
                    ApiError.of(Status.SERVICE_UNAVAILABLE_503, "unavailable", "cannot store the event now; retry")
                            .retryAfter(Duration.ofSeconds(1)), "unavailable"));
        };
    }

    private static boolean startsWithBrace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    private static Rejection badBody(MalformedCallbackException e) {
        if (e.reason() == MalformedCallbackException.Reason.TOO_LARGE) {
            return reject(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large", "the body is too large", "too_large");
        }
        String code = e.reason() == MalformedCallbackException.Reason.DTD_NOT_ALLOWED ? "dtd_not_allowed" : "malformed_body";
        return reject(Status.BAD_REQUEST_400, code, "unacceptable callback body: " + e.getMessage(), "bad_xml");
    }

    private static Rejection reject(Status status, String code, String message, String outcome) {
        return new Rejection(new CallbackOutcome.Rejected(ApiError.of(status, code, message), outcome));
    }

    private static CallbackOutcome count(CallbackOutcome outcome) {
        String tag = switch (outcome) {
            case CallbackOutcome.Echo echo -> "echoed";
            case CallbackOutcome.Accepted accepted -> accepted.duplicate() ? "duplicate" : "published";
            case CallbackOutcome.Rejected rejected -> rejected.outcome();
        };
        counter(tag).increment();
        return outcome;
    }

    private static Counter counter(String outcome) {
        return Metrics.globalRegistry().getOrCreate(Counter.builder("hongyan_ingress_callbacks")
                .description("WeChat callbacks by outcome")
                .tags(List.of(Tag.create("outcome", outcome))));
    }

    /** Ends the chain early; caught in the entry points, never escapes. */
    private static final class Rejection extends RuntimeException {
        private final CallbackOutcome.Rejected outcome;

        Rejection(CallbackOutcome.Rejected outcome) {
            super(outcome.outcome(), null, false, false);
            this.outcome = outcome;
        }
    }
}
