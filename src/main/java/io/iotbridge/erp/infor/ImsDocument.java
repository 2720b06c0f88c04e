package io.iotbridge.erp.infor;

/**
 * One BOD ready for the ION Messaging Service.
 *
 * @param documentName IMS documentName, {@code Verb.Noun} (e.g. {@code Sync.SensorReading})
 * @param messageId    the document key: the same for a replay, so IMS and the sandbox recognise it
 * @param bod          the BOD XML, already validated against schemas/infor
 */
public record ImsDocument(String documentName, String messageId, String bod) {
}
