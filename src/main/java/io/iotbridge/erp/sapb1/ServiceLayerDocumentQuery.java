package io.iotbridge.erp.sapb1;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Service Layer query for a document the bridge already booked, by its key in U_IotKey, in one
 * place for the client and the sandbox: before a Receipt from Production or a Service Call is
 * added, so a replay finds the first one even where the company does not keep U_IotKey unique.
 */
public final class ServiceLayerDocumentQuery {

    private static final String FILTER_PREFIX = "U_IotKey eq '";
    private static final Pattern FILTER = Pattern.compile(Pattern.quote(FILTER_PREFIX) + "((?:[^']|'')*)'");

    private ServiceLayerDocumentQuery() {
    }

    /** {@code <set>?$select=<keyField>&$filter=U_IotKey eq '<key>'&$top=1}, URL-encoded. */
    public static String byIotKey(String entitySet, String keyField, String iotKey) {
        return entitySet + "?$select=" + keyField + "&$filter="
                + ServiceLayerWorkOrderQuery.encode(FILTER_PREFIX + iotKey.replace("'", "''") + "'") + "&$top=1";
    }

    /** The key a decoded $filter asks for, when it is this filter. */
    public static Optional<String> iotKeyOf(String filter) {
        Matcher m = FILTER.matcher(filter == null ? "" : filter);
        return m.matches() ? Optional.of(m.group(1).replace("''", "'")) : Optional.empty();
    }
}
