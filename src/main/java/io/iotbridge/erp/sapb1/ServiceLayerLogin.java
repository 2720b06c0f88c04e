package io.iotbridge.erp.sapb1;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the Service Layer's Login takes: company database, B1 user, password. The password comes
 * from the environment (BRIDGE_ERP_SAP_B1_SERVICE_LAYER_PASSWORD) and never appears in {@link #toString()}.
 */
public record ServiceLayerLogin(String companyDb, String userName, String password) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Login request body. */
    public String toJson() {
        return JSON.createObjectNode().put("CompanyDB", companyDb).put("UserName", userName)
                .put("Password", password == null ? "" : password).toString();
    }

    @Override
    public String toString() {
        return "ServiceLayerLogin[companyDb=" + companyDb + ", userName=" + userName + ", password=****]";
    }
}
