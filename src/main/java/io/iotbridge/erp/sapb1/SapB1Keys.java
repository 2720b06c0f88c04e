package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.sapb1.dis.BusinessObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bridge's own key of a DI object, in one place for the client and the sandbox: the UDT row's
 * {@code Code} (meter) or the header row's {@code U_IotKey} (counter, alert). SAP numbers
 * documents itself (DocEntry), so counter and alert documents carry our key in a user field, and
 * a replay is recognised by it: the DI Server refuses the second one with its duplicate-key error
 * ({@link DiServerFaults#isDuplicateKey}), which the client counts as accepted.
 */
public final class SapB1Keys {

    /** The length of the U_IotKey user field. */
    static final int MAX_IOT_KEY = 100;

    private SapB1Keys() {
    }

    /** Our key of the object, or {@code null} when it carries none. */
    public static String documentKey(BusinessObject bo) {
        if (bo == null) {
            return null;
        }
        if (bo.getUserTable() != null && bo.getUserTable().getRow() != null) {
            return bo.getUserTable().getRow().getCode();
        }
        if (bo.getDocuments() != null && bo.getDocuments().getRow() != null) {
            return bo.getDocuments().getRow().getUIotKey();
        }
        if (bo.getServiceCalls() != null && bo.getServiceCalls().getRow() != null) {
            return bo.getServiceCalls().getRow().getUIotKey();
        }
        return null;
    }

    /** A document key fit for U_IotKey: itself, or cut and followed by 8 hex characters of its SHA-256. */
    public static String iotKey(String key) {
        if (key.length() <= MAX_IOT_KEY) {
            return key;
        }
        return key.substring(0, MAX_IOT_KEY - 9) + "~" + sha256Hex(key).substring(0, 8);
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
