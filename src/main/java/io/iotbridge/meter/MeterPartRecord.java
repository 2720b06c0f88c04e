package io.iotbridge.meter;

import java.util.List;
import java.util.Set;

/**
 * A meter document as it was (or is being) sent, kept until every reading it carries has been
 * acknowledged to the broker.
 *
 * @param windowStart epoch ms of the window
 * @param part the window part of its key ({@link MeterWindow#windowPart()})
 * @param readingIds the readings it carries
 * @param accepted whether the ERP accepted it (false: being sent, or the bridge stopped meanwhile)
 * @param acknowledged the readings of it already acknowledged to the broker
 */
public record MeterPartRecord(long windowStart, String part, List<String> readingIds, boolean accepted,
                              Set<String> acknowledged) {

    boolean fullyAcknowledged() {
        return acknowledged.containsAll(readingIds);
    }
}
