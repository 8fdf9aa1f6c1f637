package io.hongyan.dispatch.core;

import io.hongyan.platform.config.WeChatApp;
import io.hongyan.platform.config.WeChatApps;
import io.hongyan.proto.v1.CustomerServiceContent;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.TemplateValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The rules a SubmitMessage request must pass before anything is stored. Fields are checked in
 * the order a client would fix them; the first failure is reported with its field path.
 */
public final class SubmitValidation {
    public static final int MAX_RECIPIENT_CHARS = 128;
    public static final int MAX_TEMPLATE_ID_CHARS = 128;
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 128;
    public static final int MAX_DATA_ENTRIES = 50;
    public static final int MAX_DATA_KEY_CHARS = 64;
    public static final int MAX_DATA_VALUE_BYTES = 1024;
    /** The whole request: WeChat's own bodies are far smaller, and the stream stores every byte. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private static final Set<String> MINIPROGRAM_STATES = Set.of("", "developer", "trial", "formal");
    private static final Set<String> LANGUAGES = Set.of("", "zh_CN", "en_US", "zh_HK", "zh_TW");

    private final WeChatApps apps;

    public SubmitValidation(WeChatApps apps) {
        this.apps = apps;
    }

    /**
     * Checks a request.
     *
     * @return the app it is sent from
     * @throws RequestRejectedException naming the first field at fault
     */
    public WeChatApp check(SubmitMessageRequest request) {
        if (request.getAppId().isBlank()) {
            throw RequestRejectedException.missing("appId");
        }
        WeChatApp app = apps.find(request.getAppId()).orElseThrow(RequestRejectedException::unknownApp);
        requireText(request.getRecipient(), "recipient", MAX_RECIPIENT_CHARS);
        switch (request.getContentCase()) {
            case TEMPLATE -> {
                requireText(request.getTemplate().getTemplateId(), "template.templateId", MAX_TEMPLATE_ID_CHARS);
                checkData(request.getTemplate().getDataMap(), "template.data");
            }
            case SUBSCRIBE -> {
                var subscribe = request.getSubscribe();
                requireText(subscribe.getTemplateId(), "subscribe.templateId", MAX_TEMPLATE_ID_CHARS);
                checkData(subscribe.getDataMap(), "subscribe.data");
                if (!MINIPROGRAM_STATES.contains(subscribe.getMiniprogramState())) {
                    throw RequestRejectedException.invalid("subscribe.miniprogramState",
                            "subscribe.miniprogramState must be developer, trial or formal");
                }
                if (!LANGUAGES.contains(subscribe.getLang())) {
                    throw RequestRejectedException.invalid("subscribe.lang", "subscribe.lang must be zh_CN, en_US, zh_HK or zh_TW");
                }
            }
            case CUSTOMER_SERVICE -> checkCustomerService(request.getCustomerService());
            case CONTENT_NOT_SET -> throw RequestRejectedException.missing("content");
        }
        if (request.getIdempotencyKey().length() > MAX_IDEMPOTENCY_KEY_CHARS) {
            throw RequestRejectedException.invalid("idempotencyKey",
                    "idempotencyKey must be at most " + MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        if (request.getSerializedSize() > MAX_REQUEST_BYTES) {
            throw RequestRejectedException.tooLarge("content",
                    "the message is larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        return app;
    }

    private static void checkCustomerService(CustomerServiceContent content) {
        switch (content.getBodyCase()) {
            case TEXT -> {
                if (content.getText().getContent().isBlank()) {
                    throw RequestRejectedException.missing("customerService.text.content");
                }
            }
            case BODY_NOT_SET -> throw RequestRejectedException.missing("customerService.text");
        }
    }

    private static void checkData(Map<String, TemplateValue> data, String field) {
        if (data.size() > MAX_DATA_ENTRIES) {
            throw RequestRejectedException.invalid(field, field + " has more than " + MAX_DATA_ENTRIES + " keys");
        }
        for (Map.Entry<String, TemplateValue> entry : data.entrySet()) {
            String key = entry.getKey();
            if (key.isBlank() || key.length() > MAX_DATA_KEY_CHARS) {
                throw RequestRejectedException.invalid(field,
                        field + " keys must be 1 to " + MAX_DATA_KEY_CHARS + " characters");
            }
            if (entry.getValue().getValue().getBytes(StandardCharsets.UTF_8).length > MAX_DATA_VALUE_BYTES) {
                throw RequestRejectedException.invalid(field,
                        field + "." + key + " is longer than " + MAX_DATA_VALUE_BYTES + " bytes");
            }
        }
    }

    private static void requireText(String value, String field, int maxChars) {
        if (value.isBlank()) {
            throw RequestRejectedException.missing(field);
        }
        if (value.length() > maxChars) {
            throw RequestRejectedException.invalid(field, field + " must be at most " + maxChars + " characters");
        }
    }
}
