package io.hongyan.ingress;

import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;

import java.util.Optional;

/** What ingress asks of dispatch-service. Failures are {@link DispatchFailure}s. */
public interface Dispatch {

    SubmitMessageResponse submit(SubmitMessageRequest request);

    /** The message's record; empty if dispatch does not know it (or it expired). */
    Optional<MessageRecord> find(String messageId);
}
