package io.iotbridge.erp.sapb1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData {@code $batch} body the Service Layer takes and answers: {@code multipart/mixed}, each
 * part an HTTP message ({@code application/http}) or a change set (a nested multipart/mixed whose
 * requests succeed or fail together). Written and read here once, for the client and the sandbox.
 */
public final class ServiceLayerBatch {

    private static final String CRLF = "\r\n";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private ServiceLayerBatch() {
    }

    /** One HTTP message inside a batch: its start line ("POST U_IOT_METER" or "HTTP/1.1 201 Created"), headers, body. */
    public record Message(String startLine, Map<String, String> headers, String body) {

        /** A header by its lower-case name, or {@code null}. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The status of a response message; -1 for a request. */
        public int status() {
            String[] words = startLine.split(" ");
            return startLine.startsWith("HTTP/") && words.length > 1 ? Integer.parseInt(words[1]) : -1;
        }
    }

    /** A top-level part: a change set of several messages, or one message alone. */
    public record Segment(boolean changeSet, List<Message> messages) {
    }

    /** A body to send, with the Content-Type that names its boundary. */
    public record Body(String contentType, String text) {
    }

    /**
     * One change set of POSTs to one entity set, Content-IDs 1..n in order.
     *
     * @param servicePath the service root's path, e.g. {@code /b1s/v2}
     */
    public static Body changeSet(String servicePath, String entitySet, List<String> jsonBodies) {
        String batch = "batch_" + UUID.randomUUID();
        String changeSet = "changeset_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        out.append("--").append(batch).append(CRLF)
                .append("Content-Type: multipart/mixed; boundary=").append(changeSet).append(CRLF).append(CRLF);
        for (int i = 0; i < jsonBodies.size(); i++) {
            out.append("--").append(changeSet).append(CRLF)
                    .append("Content-Type: application/http").append(CRLF)
                    .append("Content-Transfer-Encoding: binary").append(CRLF)
                    .append("Content-ID: ").append(i + 1).append(CRLF).append(CRLF)
                    .append("POST ").append(servicePath).append('/').append(entitySet).append(" HTTP/1.1").append(CRLF)
                    .append("Content-Type: application/json").append(CRLF).append(CRLF)
                    .append(jsonBodies.get(i)).append(CRLF);
        }
        out.append("--").append(changeSet).append("--").append(CRLF);
        out.append("--").append(batch).append("--").append(CRLF);
        return new Body("multipart/mixed; boundary=" + batch, out.toString());
    }

    /** A batch answer: the segments in order, each message with its status line. */
    public static Body answer(List<Segment> segments) {
        String batch = "batchresponse_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append("--").append(batch).append(CRLF);
            if (segment.changeSet()) {
                String changeSet = "changesetresponse_" + UUID.randomUUID();
                out.append("Content-Type: multipart/mixed; boundary=").append(changeSet).append(CRLF).append(CRLF);
                for (Message m : segment.messages()) {
                    out.append("--").append(changeSet).append(CRLF);
                    http(out, m);
                }
                out.append("--").append(changeSet).append("--").append(CRLF);
            } else {
                http(out, segment.messages().get(0));
            }
        }
        out.append("--").append(batch).append("--").append(CRLF);
        return new Body("multipart/mixed; boundary=" + batch, out.toString());
    }

    private static void http(StringBuilder out, Message m) {
        out.append("Content-Type: application/http").append(CRLF)
                .append("Content-Transfer-Encoding: binary").append(CRLF);
        String id = m.header("content-id");
        if (id != null) {
            out.append("Content-ID: ").append(id).append(CRLF);
        }
        out.append(CRLF).append(m.startLine()).append(CRLF);
        m.headers().forEach((name, value) -> {
            if (!name.equals("content-id")) {
                out.append(name).append(": ").append(value).append(CRLF);
            }
        });
        out.append(CRLF).append(m.body() == null ? "" : m.body()).append(CRLF);
    }

    /**
     * Reads a batch request or answer.
     *
     * @throws IllegalArgumentException naming what is wrong, when it is no multipart/mixed batch
     */
    public static List<Segment> parse(String contentType, String text) {
        List<Segment> segments = new ArrayList<>();
        for (Part part : parts(contentType, text)) {
            String type = part.headers().getOrDefault("content-type", "");
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
                List<Message> messages = new ArrayList<>();
                for (Part inner : parts(type, part.body())) {
                    messages.add(message(inner));
                }
                segments.add(new Segment(true, messages));
            } else {
                segments.add(new Segment(false, List.of(message(part))));
            }
        }
        return segments;
    }

    private record Part(Map<String, String> headers, String body) {
    }

    private static List<Part> parts(String contentType, String text) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("a $batch needs Content-Type multipart/mixed with a boundary, got '"
                    + contentType + "'");
        }
        String delimiter = "--" + m.group(1);
        String normalized = text.replace(CRLF, "\n");
        int end = normalized.indexOf(delimiter + "--");
        if (end < 0) {
            throw new IllegalArgumentException("the multipart body has no closing delimiter " + delimiter + "--");
        }
        List<Part> parts = new ArrayList<>();
        String[] chunks = normalized.substring(0, end).split(Pattern.quote(delimiter) + "\n", -1);
        // chunks[0] is the preamble
        for (int i = 1; i < chunks.length; i++) {
            String chunk = stripTrailingNewline(chunks[i]);
            int blank = chunk.indexOf("\n\n");
            String head = blank < 0 ? chunk : chunk.substring(0, blank);
            String body = blank < 0 ? "" : chunk.substring(blank + 2);
            parts.add(new Part(headers(head.lines().toList()), body));
        }
        return parts;
    }

    private static Message message(Part part) {
        String text = part.body();
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String body = blank < 0 ? "" : stripTrailingNewline(text.substring(blank + 2));
        List<String> lines = head.lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException("a batch part holds no HTTP message");
        }
        Map<String, String> headers = headers(lines.subList(1, lines.size()));
        String id = part.headers().get("content-id");
        if (id != null) {
            headers.put("content-id", id);
        }
        return new Message(lines.get(0).trim(), headers, body);
    }

    private static Map<String, String> headers(List<String> lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
