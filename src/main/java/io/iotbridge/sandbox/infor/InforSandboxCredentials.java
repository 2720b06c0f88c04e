package io.iotbridge.sandbox.infor;

import io.iotbridge.erp.infor.IonApiCredentials;

/**
 * The .ionapi content of the Infor sandbox. SANDBOX ONLY: these values open nothing but the
 * in-process emulator, which is why they can live in code. They point at the sandbox on loopback.
 */
public final class InforSandboxCredentials {

    /** The sandbox listens on loopback only. */
    public static final String HOST = "127.0.0.1";
    public static final String TENANT = "IOTBRIDGE_SANDBOX";
    public static final String CLIENT_ID = TENANT + "~sandbox-client";
    public static final String CLIENT_SECRET = "sandbox-only-client-secret";
    public static final String SERVICE_ACCOUNT_KEY = TENANT + "#sandbox-service-account";
    public static final String SERVICE_ACCOUNT_SECRET = "sandbox-only-service-account-secret";
    public static final String TOKEN_PATH = "token.oauth2";

    private InforSandboxCredentials() {
    }

    /** What an .ionapi file downloaded from the sandbox at {@code http://host:port} would hold. */
    public static IonApiCredentials forSandbox(String host, int port) {
        String base = "http://" + host + ":" + port;
        return new IonApiCredentials(TENANT, "iot-erp-bridge sandbox", CLIENT_ID, CLIENT_SECRET,
                base, base + "/" + TENANT + "/as/", "authorization.oauth2", TOKEN_PATH, "revoke_token.oauth2",
                SERVICE_ACCOUNT_KEY, SERVICE_ACCOUNT_SECRET);
    }
}
