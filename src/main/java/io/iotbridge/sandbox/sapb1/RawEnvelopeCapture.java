package io.iotbridge.sandbox.sapb1;

import io.iotbridge.sandbox.SandboxRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Keeps the request exactly as it arrived (before CXF parses it) on the exchange, so the sandbox
 * can record the envelope as received (less its secrets). The stream is replaced by a replay of
 * the same bytes.
 */
final class RawEnvelopeCapture extends AbstractPhaseInterceptor<Message> {

    static final String RAW_ENVELOPE = RawEnvelopeCapture.class.getName() + ".envelope";
    /**
     * The SessionID header and the Login passwords, whatever their prefix: whoever reads the
     * records could otherwise act, or log the bridge out, in the bridge's session.
     */
    private static final Pattern SECRETS = Pattern.compile(
            "(<(?:[\\w.-]+:)?(?:SessionID|DatabasePassword|CompanyPassword)(?:\\s[^>]*)?>)[^<]*(</)");

    RawEnvelopeCapture() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        try (in) {
            byte[] bytes = in.readAllBytes();
            message.setContent(InputStream.class, new ByteArrayInputStream(bytes));
            message.getExchange().put(RAW_ENVELOPE, new String(bytes, charsetOf(message)));
        } catch (IOException e) {
            throw new Fault(e);
        }
    }

    /** The envelope as received, its session id and passwords replaced by {@link SandboxRecord#MASKED}. */
    static String envelopeOf(Message message) {
        String raw = message == null ? null : (String) message.getExchange().get(RAW_ENVELOPE);
        return raw == null ? null : SECRETS.matcher(raw).replaceAll("$1" + SandboxRecord.MASKED + "$2");
    }

    /** The URL the request was sent to, with its query, as the gateway received it. */
    static String urlOf(Message message) {
        if (message == null) {
            return null;
        }
        Object url = message.get(Message.REQUEST_URL);
        Object query = message.get(Message.QUERY_STRING);
        return url == null ? null : url + (query == null || query.toString().isEmpty() ? "" : "?" + query);
    }

    static String methodOf(Message message) {
        return message == null ? null : (String) message.get(Message.HTTP_REQUEST_METHOD);
    }

    /** The request headers a DI Server gateway acts on: Content-Type and SOAPAction (the session travels in the envelope). */
    static Map<String, String> headersOf(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (message != null && message.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> protocol) {
            for (String name : List.of("Content-Type", "SOAPAction")) {
                protocol.entrySet().stream()
                        .filter(e -> name.equalsIgnoreCase(String.valueOf(e.getKey())))
                        .findFirst()
                        .ifPresent(e -> headers.put(name, e.getValue() instanceof List<?> values && !values.isEmpty()
                                ? String.valueOf(values.get(0)) : String.valueOf(e.getValue())));
            }
        }
        return headers;
    }

    private static Charset charsetOf(Message message) {
        Object encoding = message.get(Message.ENCODING);
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding.toString());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
