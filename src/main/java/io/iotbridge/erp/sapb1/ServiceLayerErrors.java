package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Service Layer's error body, {@code {"error":{"code":…,"message":{"lang":…,"value":…}}}}
 * (some versions send {@code message} as a plain string), and the codes the bridge acts on, in
 * one place for the client and the sandbox.
 *
 * <p>Documented: the body shape, the duplicate-key code -2035 with "(ODBC -2035)" in the text.
 * UNCONFIRMED (no public source shows them verbatim): the code and text of an invalid or timed-out
 * session ({@link #INVALID_SESSION}) and of a refused login ({@link #LOGIN_FAILED}); the client
 * reads a session's end from HTTP 401 alone and a refused login from any 4xx answer to Login.
 */
public final class ServiceLayerErrors {

    public static final int DUPLICATE_KEY = -2035;
    public static final int INVALID_SESSION = 301;
    public static final String INVALID_SESSION_MESSAGE = "Invalid session or session already timeout.";
    public static final int LOGIN_FAILED = 100000027;
    public static final String LOGIN_FAILED_MESSAGE = "Login failed";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The code and the text of one error. */
    public record Error(String code, String message) {

        public boolean isDuplicateKey() {
            return String.valueOf(DUPLICATE_KEY).equals(code) || message.contains("(ODBC " + DUPLICATE_KEY + ")");
        }
    }

    private ServiceLayerErrors() {
    }

    /** The error of an answer body; its first 200 characters as the message when it is not the SL shape. */
    public static Error read(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                JsonNode message = error.path("message");
                String text = message.isObject() ? message.path("value").asText() : message.asText();
                return new Error(error.path("code").asText(), text);
            }
        } catch (Exception e) {
            // not JSON: a proxy's or a web server's own page; shown as it is below
        }
        String text = body == null ? "" : body.strip();
        return new Error("", text.length() <= 200 ? text : text.substring(0, 200) + "…");
    }

    /**
     * An error body as the Service Layer writes it.
     *
     * @param plainMessage {@code message} as a plain string (and the code as a string) instead of {@code {lang, value}}
     */
    public static String body(int code, String message, boolean plainMessage) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        if (plainMessage) {
            error.put("code", String.valueOf(code));
            error.put("message", message);
        } else {
            error.put("code", code);
            error.putObject("message").put("lang", "en-us").put("value", message);
        }
        return root.toString();
    }

    /** SAP's answer to a second row or document with the same key. */
    public static String duplicateKeyMessage(String table) {
        return "This entry already exists in the following tables '" + table + "' (ODBC " + DUPLICATE_KEY + ")";
    }
}
