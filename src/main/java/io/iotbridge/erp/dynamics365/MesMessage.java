package io.iotbridge.erp.dynamics365;

import java.util.List;

/**
 * One MES integration message ready for SendMessage, its content validated against the schema.
 *
 * @param kind       the document kind (counter)
 * @param key        the document key, carried inside the content ({@link MesMessages#TRACE})
 * @param readingIds the ids of every reading the message carries
 * @param json       the SendMessage body as it is sent
 */
public record MesMessage(String kind, String key, List<String> readingIds, String json) {

    public MesMessage {
        readingIds = List.copyOf(readingIds);
    }
}
