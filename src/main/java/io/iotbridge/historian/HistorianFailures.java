package io.iotbridge.historian;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a failure of the database (away, restarting, out of connections, schema not there yet):
 * the batch waits and is written again, from a queue nothing else reads, so ERP delivery never
 * notices; from a failure of the data (a row PostgreSQL refuses), which only that row pays for.
 */
public final class HistorianFailures {

    /** SQLSTATE classes of a database that is away or busy, not of bad data. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "55", "57", "58");
    /** The table or schema is not there yet (the migration has not run), or a partition was dropped meanwhile. */
    private static final Set<String> TRANSIENT_STATES = Set.of("42P01", "3F000", "3D000");

    /** For the route's onWhen (bean historianFailures). */
    public boolean isTransientFailure(Exception failure) {
        return isTransient(failure);
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))
                        || ReadingPartitions.isMissingPartition(sql)) {
                    return true;
                }
            }
        }
        return false;
    }
}
