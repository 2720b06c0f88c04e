package io.iotbridge.mqtt;

import java.io.EOFException;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Why a broker connection went away, in words an operator can act on: the reason code and
 * string of the broker's DISCONNECT, or what cut the connection when the broker sent none.
 * Paho's own {@code toString} is a dump of every field, null ones included.
 */
final class DisconnectReason {

    /** The DISCONNECT reason codes a broker sends (MQTT 5.0, 3.14.2.1). */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00, "normal disconnection"), Map.entry(0x80, "unspecified error"),
            Map.entry(0x81, "malformed packet"), Map.entry(0x82, "protocol error"),
            Map.entry(0x83, "implementation specific error"), Map.entry(0x87, "not authorized"),
            Map.entry(0x89, "server busy"), Map.entry(0x8B, "server shutting down"),
            Map.entry(0x8D, "keep alive timeout"), Map.entry(0x8E, "session taken over"),
            Map.entry(0x8F, "topic filter invalid"), Map.entry(0x90, "topic name invalid"),
            Map.entry(0x93, "receive maximum exceeded"), Map.entry(0x94, "topic alias invalid"),
            Map.entry(0x95, "packet too large"), Map.entry(0x96, "message rate too high"),
            Map.entry(0x97, "quota exceeded"), Map.entry(0x98, "administrative action"),
            Map.entry(0x99, "payload format invalid"), Map.entry(0x9A, "retain not supported"),
            Map.entry(0x9B, "QoS not supported"), Map.entry(0x9C, "use another server"),
            Map.entry(0x9D, "server moved"), Map.entry(0x9E, "shared subscriptions not supported"),
            Map.entry(0x9F, "connection rate exceeded"), Map.entry(0xA0, "maximum connect time"),
            Map.entry(0xA1, "subscription identifiers not supported"),
            Map.entry(0xA2, "wildcard subscriptions not supported"));

    private DisconnectReason() {
    }

    /** E.g. {@code the broker sent DISCONNECT, reason code 0x8b (server shutting down)}. */
    static String of(MqttDisconnectResponse response) {
        MqttException lost = response.getException();
        if (lost != null) {
            return "connection lost without a DISCONNECT from the broker (" + cause(lost) + ")";
        }
        int code = response.getReturnCode();
        String reasonString = response.getReasonString();
        return "the broker sent DISCONNECT, reason code 0x" + String.format("%02x", code) + " ("
                + NAMES.getOrDefault(code, "not an MQTT 5 disconnect reason") + ")"
                + (reasonString == null || reasonString.isBlank() ? "" : ", reason string \"" + reasonString + "\"");
    }

    /** Paho's message and the cause under it, without a class name where a sentence says it. */
    private static String cause(MqttException lost) {
        Throwable cause = lost.getCause();
        if (cause == null) {
            return lost.getMessage();
        }
        String why = cause instanceof EOFException ? "the broker closed the socket"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return lost.getMessage() + ": " + why;
    }
}
