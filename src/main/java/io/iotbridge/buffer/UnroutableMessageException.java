package io.iotbridge.buffer;

import io.iotbridge.reading.ReadingRejectedException;

/**
 * The broker returned a mandatory publish: no queue is bound for its routing key (for a reading,
 * usually a sensor feeding an ERP module that is disabled or missing). The reading is refused
 * to iot.rejected with reason {@code unroutable} instead of being dropped.
 */
public class UnroutableMessageException extends ReadingRejectedException {

    public UnroutableMessageException(String messageId, String destination, String replyText) {
        super("unroutable", "no queue takes " + messageId + " (" + destination + "): " + replyText
                + "; is the ERP module it feeds enabled?");
    }
}
