package io.hongyan.dispatch.core;

import io.hongyan.wechat.api.SendResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** PROTOCOL.md §6 as dispatch applies it. */
class DeliveryOutcomeTest {

    @Test
    void okIsSentWithWeChatsMsgid() {
        assertThat(DeliveryOutcome.of(new SendResult.Sent(42), "t"), is(new DeliveryOutcome.Sent(42)));
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 40014, 42001})
    void tokenErrorsNameTheRefusedToken(int errcode) {
        DeliveryOutcome outcome = DeliveryOutcome.of(new SendResult.Refused(errcode, "invalid credential"), "the-token");

        assertThat(outcome, instanceOf(DeliveryOutcome.TokenRejected.class));
        assertThat(((DeliveryOutcome.TokenRejected) outcome).accessToken(), is("the-token"));
        assertThat(outcome.toString(), not(containsString("the-token")));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 45011, 45009, 99999})
    void transientQuotaAndUnknownErrorsAreRetried(int errcode) {
        assertThat(DeliveryOutcome.of(new SendResult.Refused(errcode, "x"), "t"),
                is(new DeliveryOutcome.RetryLater(new StatusChange.LastError(errcode, "x"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {40003, 43004, 43101, 45015, 45047, 40037, 47001, 47003, 41030, 48001, 50001, 40013, 40125, 40164, 61004})
    void recipientAndPayloadErrorsFail(int errcode) {
        assertThat(DeliveryOutcome.of(new SendResult.Refused(errcode, "x"), "t"),
                is(new DeliveryOutcome.Failed(new StatusChange.LastError(errcode, "x"))));
    }

    @Test
    void noAnswerIsRetried() {
        assertThat(DeliveryOutcome.of(new SendResult.Failed("HTTP 503", 503), "t"),
                is(new DeliveryOutcome.RetryLater(new StatusChange.LastError(0, "HTTP 503"))));
    }
}
