package io.iotbridge.erp.infor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The content of an .ionapi file (schemas/infor/README.md, "Sources: .ionapi file"), the
 * credentials an ION API Gateway
 * client downloads. {@link #toString()} leaves out the two secrets, {@code cs} and {@code sask}.
 *
 * @param tenantId             ti
 * @param clientName           cn
 * @param clientId             ci
 * @param clientSecret         cs (secret)
 * @param ionApiUrl            iu, the gateway base; API calls go to {@code {iu}/{ti}/...}
 * @param authorizationServer  pu, the SSO base; tokens come from {@code {pu}{ot}}
 * @param authorizationPath    oa
 * @param tokenPath            ot
 * @param revokePath           or
 * @param serviceAccountKey    saak, the password grant's username
 * @param serviceAccountSecret sask, the password grant's password (secret)
 */
public record IonApiCredentials(String tenantId, String clientName, String clientId, String clientSecret,
        String ionApiUrl, String authorizationServer, String authorizationPath, String tokenPath, String revokePath,
        String serviceAccountKey, String serviceAccountSecret) {

    /** What the password grant and the API calls cannot do without; oa, or, dt, ev and v are optional. */
    static final List<String> REQUIRED = List.of("ti", "ci", "cs", "iu", "pu", "ot", "saak", "sask");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads an .ionapi file; a missing file, bad JSON or a missing key is named with the file. */
    public static IonApiCredentials read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IonApiFileException(file, "the file does not exist");
        } catch (IOException e) {
            throw new IonApiFileException(file, "cannot be read: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the file's content, secrets included: keep only where
            throw new IonApiFileException(file, "is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new IonApiFileException(file, "is not a JSON object");
        }
        for (String key : REQUIRED) {
            JsonNode value = json.get(key);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new IonApiFileException(file, "has no value for the key \"" + key + "\"");
            }
        }
        return new IonApiCredentials(text(json, "ti"), text(json, "cn"), text(json, "ci"), text(json, "cs"),
                text(json, "iu"), text(json, "pu"), text(json, "oa"), text(json, "ot"), text(json, "or"),
                text(json, "saak"), text(json, "sask"));
    }

    /** {@code {pu}{ot}}, as the .ionapi's pu ends with a slash. */
    public String tokenUrl() {
        return authorizationServer + tokenPath;
    }

    /** {@code {iu}/{ti}}, the root of every ION API call. */
    public String tenantUrl() {
        return stripSlash(ionApiUrl) + "/" + tenantId;
    }

    /** The same credentials with another gateway base (bridge.erp.infor.url). */
    public IonApiCredentials withIonApiUrl(String url) {
        return new IonApiCredentials(tenantId, clientName, clientId, clientSecret, url, authorizationServer,
                authorizationPath, tokenPath, revokePath, serviceAccountKey, serviceAccountSecret);
    }

    @Override
    public String toString() {
        return "IonApiCredentials[ti=" + tenantId + ", cn=" + clientName + ", ci=" + clientId + ", iu=" + ionApiUrl
                + ", pu=" + authorizationServer + ", ot=" + tokenPath + ", saak=" + serviceAccountKey
                + ", cs=***, sask=***]";
    }

    private static String text(JsonNode json, String key) {
        JsonNode value = json.get(key);
        return value == null || value.isNull() ? null : value.asText().trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
