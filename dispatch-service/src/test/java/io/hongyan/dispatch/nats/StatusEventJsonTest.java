package io.hongyan.dispatch.nats;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.StatusEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** StatusEventJson must print exactly what JsonFormat prints: the realtime channels' payload format. */
class StatusEventJsonTest {
    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final List<String> AWKWARD_STRINGS = List.of("", "plain", "quote \" and backslash \\", "tab\tnew\nline\r\f\b",
            "\u0000\u0001\u001f\u007f", "<html> & 'x'='y'", "中文 openid 鸿雁", "emoji \uD83D\uDE00", "\u2028\u2029", "lone \uD800 surrogate");

    @Test
    void everyFieldOfTheRecordIsPrintedAsJsonFormatPrintsIt() {
        // Sets every field the record has (found through its descriptor), so a field added to the
        // proto later fails this test until StatusEventJson prints it too.
        MessageRecord.Builder record = MessageRecord.newBuilder();
        for (FieldDescriptor field : MessageRecord.getDescriptor().getFields()) {
            switch (field.getJavaType()) {
                case STRING -> record.setField(field, "v-" + field.getName());
                case INT -> record.setField(field, 7 + field.getNumber());
                case LONG -> record.setField(field, 9_000_000_000L + field.getNumber());
                case ENUM -> record.setField(field, field.getEnumType().findValueByNumber(4));
                case MESSAGE -> record.setField(field, Timestamp.newBuilder().setSeconds(1_700_000_000L + field.getNumber())
                        .setNanos(123_000_000).build());
                default -> throw new AssertionError("StatusEventJson does not print " + field.getJavaType() + " fields (" + field + ")");
            }
        }
        assertSame(StatusEvent.newBuilder().setRecord(record).setPreviousStatus(MessageStatus.SENDING).build());
    }

    @Test
    void defaultsAreLeftOutAsJsonFormatDoes() {
        assertSame(StatusEvent.getDefaultInstance());
        assertSame(StatusEvent.newBuilder().setRecord(MessageRecord.getDefaultInstance()).build());
        assertSame(StatusEvent.newBuilder().setRecord(MessageRecord.newBuilder().setAcceptedAt(Timestamp.getDefaultInstance())).build());
        assertSame(StatusEvent.newBuilder().setRecord(MessageRecord.newBuilder().setMessageId("m").setAttempts(0).setLastErrcode(-1)
                .setWechatMsgid(-5)).build());
    }

    @Test
    void stringsAreEscapedAsJsonFormatEscapesThem() {
        for (String text : AWKWARD_STRINGS) {
            assertSame(StatusEvent.newBuilder().setRecord(MessageRecord.newBuilder().setMessageId(text).setLastErrmsg(text)
                    .setRecipient(text).setIdempotencyKey(text)).build());
        }
    }

    @Test
    void timestampsHaveNoneThreeSixOrNineFractionDigitsAsJsonFormatPrintsThem() {
        for (long seconds : List.of(0L, 1L, -1L, 1_700_000_000L, -62_135_596_800L, 253_402_300_799L)) {
            for (int nanos : List.of(0, 1, 10, 999, 1_000, 123_000, 1_000_000, 5_000_000, 120_000_000, 999_999_999, 123_456_789)) {
                Timestamp at = Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
                assertSame(StatusEvent.newBuilder().setRecord(MessageRecord.newBuilder().setAcceptedAt(at).setUpdatedAt(at)).build());
            }
        }
    }

    @Test
    void statusesThisBuildDoesNotKnowArePrintedByNumber() {
        assertSame(StatusEvent.newBuilder().setRecord(MessageRecord.newBuilder().setStatusValue(42)).setPreviousStatusValue(43).build());
    }

    @Test
    void randomEventsPrintAsJsonFormatPrintsThem() {
        Random random = new Random(20261121);
        for (int i = 0; i < 2_000; i++) {
            MessageRecord.Builder record = MessageRecord.newBuilder()
                    .setMessageId(randomString(random))
                    .setAppId(randomString(random))
                    .setRecipient(randomString(random))
                    .setStatusValue(random.nextInt(12))
                    .setAttempts(random.nextInt(3) == 0 ? 0 : random.nextInt())
                    .setLastErrcode(random.nextInt(3) == 0 ? 0 : random.nextInt())
                    .setLastErrmsg(randomString(random))
                    .setWechatMsgid(random.nextInt(3) == 0 ? 0 : random.nextLong())
                    .setIdempotencyKey(randomString(random))
                    .setKind(randomString(random));
            if (random.nextBoolean()) {
                record.setAcceptedAt(randomTimestamp(random));
            }
            if (random.nextBoolean()) {
                record.setUpdatedAt(randomTimestamp(random));
            }
            StatusEvent.Builder event = StatusEvent.newBuilder().setPreviousStatusValue(random.nextInt(12));
            if (random.nextInt(10) > 0) {
                event.setRecord(record);
            }
            assertSame(event.build());
        }
    }

    @Test
    void aTimestampJsonFormatCannotPrintIsRefused() {
        StatusEvent outOfRange = StatusEvent.newBuilder().setRecord(MessageRecord.newBuilder()
                .setUpdatedAt(Timestamp.newBuilder().setSeconds(253_402_300_800L))).build();
        assertThrows(IllegalArgumentException.class, () -> JSON_FORMAT.print(outOfRange));
        assertThrows(IllegalArgumentException.class, () -> StatusEventJson.print(outOfRange));
    }

    private static void assertSame(StatusEvent event) {
        try {
            assertThat(event.toString(), StatusEventJson.print(event), is(JSON_FORMAT.print(event)));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static String randomString(Random random) {
        if (random.nextInt(4) == 0) {
            return "";
        }
        if (random.nextInt(3) == 0) {
            return AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()));
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static Timestamp randomTimestamp(Random random) {
        long seconds = -62_135_596_800L + (long) (random.nextDouble() * (253_402_300_799L + 62_135_596_800L));
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }
}
