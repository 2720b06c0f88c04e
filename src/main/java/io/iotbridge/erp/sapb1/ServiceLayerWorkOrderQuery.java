package io.iotbridge.erp.sapb1;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Service Layer query for the production order in progress on a machine, in one place for the
 * client and the sandbox (which answers this filter and no other): released orders
 * ({@code ProductionOrderStatus eq 'boposReleased'}) with a resource line ({@code ItemType}
 * {@code pit_Resource}) for the machine, latest started first. The same question as the DI
 * Server's {@link SapB1WorkOrderQuery}.
 *
 * <p>UNCONFIRMED: that the Service Layer takes the lambda {@code any} over ProductionOrderLines in
 * {@code $filter} on both v1 and v2 (OData 3 and 4 both define it; no SAP sample shows it on this
 * entity). Where it is refused, {@link #released()} reads the released orders with their lines instead.
 */
public final class ServiceLayerWorkOrderQuery {

    public static final String ENTITY_SET = "ProductionOrders";
    public static final String SELECT = "AbsoluteEntry,ItemNo";
    public static final String ORDER_BY = "StartDate desc,AbsoluteEntry desc";
    private static final String FILTER_PREFIX = "ProductionOrderStatus eq 'boposReleased' and "
            + "ProductionOrderLines/any(l: l/ItemType eq 'pit_Resource' and l/ItemNo eq '";
    private static final String FILTER_SUFFIX = "')";
    private static final Pattern FILTER = Pattern.compile(Pattern.quote(FILTER_PREFIX) + "((?:[^']|'')*)"
            + Pattern.quote(FILTER_SUFFIX));

    private ServiceLayerWorkOrderQuery() {
    }

    /** The $filter for one machine; a quote in the id is doubled, so it stays a string literal. */
    public static String filter(String machineId) {
        return FILTER_PREFIX + machineId.replace("'", "''") + FILTER_SUFFIX;
    }

    /** The entity set and query, URL-encoded, relative to the service root. */
    public static String forMachine(String machineId) {
        return ENTITY_SET + "?$select=" + encode(SELECT) + "&$filter=" + encode(filter(machineId))
                + "&$orderby=" + encode(ORDER_BY) + "&$top=1";
    }

    /** Every released order with its lines: the fallback where the Service Layer refuses the lambda {@code any}. */
    public static final String RELEASED_FILTER = "ProductionOrderStatus eq 'boposReleased'";

    /** The released orders with their lines, latest started first, relative to the service root. */
    public static String released() {
        return ENTITY_SET + "?$select=" + encode(SELECT + ",ProductionOrderLines") + "&$filter=" + encode(RELEASED_FILTER)
                + "&$orderby=" + encode(ORDER_BY);
    }

    /** The machine a decoded $filter asks about, when it is this filter. */
    public static Optional<String> machineOf(String filter) {
        Matcher m = FILTER.matcher(filter == null ? "" : filter);
        return m.matches() ? Optional.of(m.group(1).replace("''", "'")) : Optional.empty();
    }

    /** Percent-encoding for a query value: spaces as %20, as OData servers expect. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
