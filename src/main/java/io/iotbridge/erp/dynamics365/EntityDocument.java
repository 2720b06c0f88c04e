package io.iotbridge.erp.dynamics365;

import java.util.List;

/**
 * One entity XML file ready for the enqueue endpoint, validated against the XSD.
 *
 * @param kind       meter, counter or alert
 * @param key        the document key, sent as {@code x-ms-dyn-externalidentifier}
 * @param readingIds the ids of every reading the document carries
 * @param xml        the file as it is sent (UTF-8)
 */
public record EntityDocument(String kind, String key, List<String> readingIds, String xml) {

    public EntityDocument {
        readingIds = List.copyOf(readingIds);
    }
}
