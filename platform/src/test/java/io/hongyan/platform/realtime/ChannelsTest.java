package io.hongyan.platform.realtime;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelsTest {

    @Test
    void segmentsOfLettersDigitsUnderscoresAndDashesJoinedByColonsAreValid() {
        for (String good : List.of("a", "Z", "0", "_", "-", "message:3f2b-9c_1", "app:wx0000000000000001:status", "a:b:c:d",
                "x".repeat(Channels.MAX_LENGTH))) {
            assertTrue(Channels.isValid(good), good);
        }
    }

    @Test
    void anythingElseIsInvalid() {
        for (String bad : Arrays.asList(null, "", ":", "::", "a::b", ":a", "a:", "a b", "a.b", "a*", "a>", "a/b", "é", "a\n",
                "app:wx1:status ", "x".repeat(Channels.MAX_LENGTH + 1))) {
            assertFalse(Channels.isValid(bad), String.valueOf(bad));
        }
    }

    @Test
    void subjectsReplaceColonsWithDotsAndRefuseInvalidChannels() {
        assertEquals("hongyan.rt.message.abc-1", Channels.subject(Channels.message("abc-1")));
        assertEquals("hongyan.rt.app.wx1.inbound", Channels.subject(Channels.appInbound("wx1")));
        assertThrows(IllegalArgumentException.class, () -> Channels.subject("app:*"));
    }
}
