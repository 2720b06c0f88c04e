package io.iotbridge.erp.infor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes BODs to the ION Messaging Service: {@code POST {iu}/{ti}/IONSERVICES/api/ion/messaging/
 * service/v2/multipartMessage} with a Bearer token (schemas/infor/README.md, "Sources: IMS").
 * Any 2xx is success;
 * a 401 gets one fresh token and one retry; 403, 412 and 400 are refusals carrying ION's message.
 */
public final class ImsPublisher {

    /** Relative to {@code {iu}/{ti}}. */
    public static final String IMS_PATH = "/IONSERVICES/api/ion/messaging/service/";
    public static final String MULTIPART_MESSAGE = "v2/multipartMessage";
    public static final String PING = "ping";

    private static final Logger LOG = LoggerFactory.getLogger(ImsPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<IonApiCredentials> credentials;
    private final IonApiTokenClient tokens;
    private final HttpClient http;
    private final String fromLogicalId;
    private final String toLogicalId;
    private final Duration timeout;

    public ImsPublisher(Supplier<IonApiCredentials> credentials, IonApiTokenClient tokens, HttpClient http,
            String fromLogicalId, String toLogicalId, Duration timeout) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.http = http;
        this.fromLogicalId = fromLogicalId;
        this.toLogicalId = toLogicalId;
        this.timeout = timeout;
    }

    /** Sends the BOD; returns IMS's HTTP status (201 for v2) once ION has accepted it. */
    public int publish(ImsDocument document) {
        byte[] payload = document.bod().getBytes(StandardCharsets.UTF_8);
        String url = credentials.get().tenantUrl() + IMS_PATH + MULTIPART_MESSAGE;
        String token = tokens.token();
        HttpResponse<String> response = send(post(url, token, document, payload));
        if (response.statusCode() == 401) {
            // the token expired or was revoked early: one fresh token, one retry
            LOG.info("ION API answered 401 for {}; fetching a new token and retrying once", document.messageId());
            tokens.invalidate(token);
            response = send(post(url, tokens.token(), document, payload));
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            LOG.debug("IMS accepted {} {} (HTTP {})", document.documentName(), document.messageId(), status);
            return status;
        }
        String message = inforMessage(response.body());
        switch (status) {
            case 401, 403 -> throw new InforAuthException(status, "ION API refused " + document.documentName() + " "
                    + document.messageId() + " from " + fromLogicalId + " (HTTP " + status + "): " + message);
            case 400, 412 -> throw new InforRejectedException(status, message);
            default -> throw new InforUnavailableException("IMS answered HTTP " + status + " for "
                    + document.messageId() + ": " + message, null);
        }
    }

    /** GET ping with a token: whether the gateway, the token and IMS answer. */
    public boolean ping() {
        String url = credentials.get().tenantUrl() + IMS_PATH + PING;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + tokens.token()).GET().build();
        return send(request).statusCode() / 100 == 2;
    }

    private HttpRequest post(String url, String token, ImsDocument document, byte[] payload) {
        ObjectNode parameters = JSON.createObjectNode()
                .put("documentName", document.documentName())
                .put("messageId", document.messageId())
                .put("fromLogicalId", fromLogicalId)
                .put("toLogicalId", toLogicalId)
                .put("encoding", "NONE")
                .put("characterSet", "UTF-8");
        ImsMultipart multipart = new ImsMultipart(parameters.toString(), payload);
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", multipart.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InforUnavailableException("ION API " + request.uri() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InforUnavailableException("interrupted while calling the ION API", e);
        }
    }

    /**
     * ION's message from an error reply. UNCONFIRMED: the error body's shape; we take a JSON
     * {@code message} (as in the success reply), else the body as text.
     */
    static String inforMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: the text is the message
        }
        return body.strip();
    }
}
