package io.iotbridge.erp.sapb1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Login a bridge with the default bridge.erp.sap-b1.* values sends, read from
 * application.properties: what a sandbox started by a test beside such a bridge must accept.
 */
public final class DefaultDiServerLogin {

    private DefaultDiServerLogin() {
    }

    public static DiServerLogin of() {
        Properties defaults = new Properties();
        try (InputStream in = DefaultDiServerLogin.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String p = "bridge.erp.sap-b1.";
        return new DiServerLogin(defaults.getProperty(p + "database-server"), defaults.getProperty(p + "database-name"),
                defaults.getProperty(p + "database-type"), defaults.getProperty(p + "database-username"),
                defaults.getProperty(p + "database-password"), defaults.getProperty(p + "company-username"),
                defaults.getProperty(p + "company-password"), defaults.getProperty(p + "language"),
                defaults.getProperty(p + "license-server"));
    }
}
