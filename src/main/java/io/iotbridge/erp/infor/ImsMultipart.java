package io.iotbridge.erp.infor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The body of an IMS multipartMessage (schemas/infor/README.md, "Sources: IMS"): a form-data part
 * {@code ParameterRequest} (JSON) and a part {@code MessagePayload} (the BOD, octet-stream).
 */
public final class ImsMultipart {

    private final String boundary = "iotbridge-" + UUID.randomUUID();
    private final byte[] body;

    public ImsMultipart(String parameterRequestJson, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 1024);
        part(out, "ParameterRequest", "application/json", parameterRequestJson.getBytes(StandardCharsets.UTF_8));
        part(out, "MessagePayload", "application/octet-stream", payload);
        ascii(out, "--" + boundary + "--\r\n");
        this.body = out.toByteArray();
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] body() {
        return body;
    }

    private void part(ByteArrayOutputStream out, String name, String contentType, byte[] content) {
        ascii(out, "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
