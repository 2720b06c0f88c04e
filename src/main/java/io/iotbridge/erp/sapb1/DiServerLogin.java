package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.sapb1.dis.Login;

/**
 * The fields of the DI Server's Login command, in SAP's order. Passwords come from the caller
 * (environment or files) and never appear in {@link #toString()}.
 *
 * @param databaseType a BoDataServerTypes member, e.g. {@code dst_MSSQL2019} or {@code dst_HANADB}
 * @param language     a BoSuppLangs member, e.g. {@code ln_English}
 * @param licenseServer {@code host:port}, e.g. {@code b1-license:30000}
 */
public record DiServerLogin(
        String databaseServer,
        String databaseName,
        String databaseType,
        String databaseUsername,
        String databasePassword,
        String companyUsername,
        String companyPassword,
        String language,
        String licenseServer) {

    /** The Login command, validated against the XSD by the client before it is sent. */
    public Login toCommand() {
        Login login = new Login();
        login.setDatabaseServer(databaseServer);
        login.setDatabaseName(databaseName);
        login.setDatabaseType(databaseType);
        login.setDatabaseUsername(databaseUsername);
        login.setDatabasePassword(databasePassword);
        login.setCompanyUsername(companyUsername);
        login.setCompanyPassword(companyPassword);
        login.setLanguage(language);
        login.setLicenseServer(licenseServer);
        return login;
    }

    @Override
    public String toString() {
        return "DiServerLogin[databaseServer=" + databaseServer + ", databaseName=" + databaseName
                + ", databaseType=" + databaseType + ", databaseUsername=" + databaseUsername
                + ", databasePassword=****, companyUsername=" + companyUsername
                + ", companyPassword=****, language=" + language + ", licenseServer=" + licenseServer + "]";
    }
}
