package io.iotbridge.sandbox.infor;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sandbox's reading of a multipart/form-data body: part name to its bytes, nothing else. */
final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    private MultipartForm() {
    }

    /** @throws IllegalArgumentException when the body is not multipart/form-data */
    static Map<String, byte[]> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Content-Type must be multipart/form-data, was " + contentType);
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new IllegalArgumentException("multipart/form-data without a boundary");
        }
        // ISO-8859-1 maps every byte to one char and back, so the parts' bytes stay exact
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            int next = text.indexOf("\r\n" + delimiter, start);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body has no closing boundary");
            }
            String part = text.substring(skipLineBreak(text, start), next);
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part without headers");
            }
            Matcher name = NAME.matcher(part.substring(0, headersEnd));
            if (name.find()) {
                parts.put(name.group(1), part.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
            }
            at = next + 2;
        }
        return parts;
    }

    private static int skipLineBreak(String text, int at) {
        return text.startsWith("\r\n", at) ? at + 2 : at;
    }
}
