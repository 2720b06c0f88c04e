package io.iotbridge.erp.sapb1;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DI Server query for the production order in progress on a machine, in one place for the
 * client and the sandbox (which answers exactly this query and no other).
 *
 * <p>UNCONFIRMED (the sources name ExecuteSQL/DoQuery, not its reply: schemas/sap-b1/README.md,
 * "Sources: Session flow"): a machine is a
 * production resource (ORSC), and an order runs on it when one of its lines is that resource
 * ({@code WOR1.ItemType} 290, {@code ItemCode} = machine id); in progress is status Released
 * ({@code OWOR.Status = 'R'}); of several, the latest started wins. The reply shape is in
 * dis-commands.xsd ({@code ExecuteSQLResponse}).
 */
public final class SapB1WorkOrderQuery {

    private static final String PREFIX = "SELECT TOP 1 T0.\"DocEntry\", T0.\"ItemCode\" FROM OWOR T0"
            + " WHERE T0.\"Status\" = 'R' AND EXISTS (SELECT 1 FROM WOR1 T1 WHERE T1.\"DocEntry\" = T0.\"DocEntry\""
            + " AND T1.\"ItemType\" = 290 AND T1.\"ItemCode\" = '";
    private static final String SUFFIX = "') ORDER BY T0.\"StartDate\" DESC, T0.\"DocEntry\" DESC";
    private static final Pattern QUERY = Pattern.compile(Pattern.quote(PREFIX) + "((?:[^']|'')*)" + Pattern.quote(SUFFIX));

    private SapB1WorkOrderQuery() {
    }

    /** The query for one machine; a quote in the id is doubled, so it stays a string literal. */
    public static String forMachine(String machineId) {
        return PREFIX + machineId.replace("'", "''") + SUFFIX;
    }

    /** The machine a query asks about, when it is this query. */
    public static Optional<String> machineOf(String query) {
        Matcher m = QUERY.matcher(query);
        return m.matches() ? Optional.of(m.group(1).replace("''", "'")) : Optional.empty();
    }
}
