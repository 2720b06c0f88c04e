package io.iotbridge.erp.dynamics365;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.enrich.WorkOrderLookup;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production order in progress on a machine, read from F&O's OData entity
 * {@code ProductionOrderHeaders}: status started, on the machine's resource, in the module's
 * company; for the client and the sandbox (which answers exactly this filter).
 *
 * <p>UNCONFIRMED (no public source names the production order entity): the field that
 * names the
 * order's resource ({@link #RESOURCE_FIELD}) and that "in progress" is the {@code ProdStatus}
 * value {@code StartedUp}. This class is the place to correct them.
 */
public final class Dynamics365WorkOrders implements WorkOrderLookup {

    public static final String ENTITY_PATH = "/data/ProductionOrderHeaders";
    static final String RESOURCE_FIELD = "ProductionResourceId";
    static final String STATUS_STARTED = "Microsoft.Dynamics.DataEntities.ProdStatus'StartedUp'";
    private static final Pattern FILTER = Pattern.compile("dataAreaId eq '((?:[^']|'')*)' and ProductionOrderStatus eq "
            + Pattern.quote(STATUS_STARTED) + " and " + RESOURCE_FIELD + " eq '((?:[^']|'')*)'");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dynamics365EnqueueClient client;

    public Dynamics365WorkOrders(Dynamics365EnqueueClient client) {
        this.client = client;
    }

    @Override
    public Optional<WorkOrder> inProgress(String machineId) {
        Dynamics365Settings settings = client.settings();
        String answer = client.get(uri(settings.environmentUrl(), settings.company(), machineId),
                "production order of " + machineId);
        try {
            JsonNode first = JSON.readTree(answer).path("value").path(0);
            String number = first.path("ProductionOrderNumber").asText("");
            if (number.isBlank()) {
                return Optional.empty();
            }
            String item = first.path("ItemNumber").asText("");
            return Optional.of(new WorkOrder(number, item.isBlank() ? null : item));
        } catch (JsonProcessingException e) {
            throw new Dynamics365TransientException("Dynamics 365 answered the production order query for "
                    + machineId + " with no OData JSON: " + e.getOriginalMessage(), 0, null, e);
        }
    }

    /** {@code {url}/data/ProductionOrderHeaders?$filter=...&$select=ProductionOrderNumber,ItemNumber&$top=1}. */
    static URI uri(String environmentUrl, String company, String machineId) {
        String filter = "dataAreaId eq '" + literal(company.toLowerCase(Locale.ROOT)) + "' and ProductionOrderStatus eq "
                + STATUS_STARTED + " and " + RESOURCE_FIELD + " eq '" + literal(machineId) + "'";
        String base = environmentUrl.endsWith("/") ? environmentUrl.substring(0, environmentUrl.length() - 1) : environmentUrl;
        return URI.create(base + ENTITY_PATH + "?%24filter=" + encode(filter)
                + "&%24select=ProductionOrderNumber,ItemNumber&%24top=1");
    }

    /** The company and machine a filter asks about, when it is this lookup's filter. */
    public static Optional<String[]> companyAndMachine(String filter) {
        Matcher m = FILTER.matcher(filter == null ? "" : filter);
        return m.matches() ? Optional.of(new String[] {m.group(1).replace("''", "'"), m.group(2).replace("''", "'")})
                : Optional.empty();
    }

    /** An OData string literal's content: a quote is doubled. */
    private static String literal(String s) {
        return s.replace("'", "''");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
