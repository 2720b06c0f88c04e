package io.iotbridge.buffer;

/**
 * A reading in a module's dead-letter queue, as GET /api/v1/dead-letters shows it.
 *
 * @param id       the reading id (the message id)
 * @param group    the document it travelled in (readings of one refused document are replayed together)
 * @param reason   the ERP's (or module's) message, or the broker's reason for a broker-side dead letter
 * @param payload  the reading as it arrived, canonical JSON
 */
public record DeadLetter(String id, String erp, String group, String reason, String deadLetteredAt,
                         String routingKey, String payload) {
}
