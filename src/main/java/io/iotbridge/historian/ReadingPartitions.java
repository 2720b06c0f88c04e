package io.iotbridge.historian;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The month partitions of historian.readings: made before the first batch with a reading of that
 * month is written (function ensure_reading_partition of the migration), and dropped whole once
 * they are older than bridge.historian.retention.
 */
public final class ReadingPartitions implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPartitions.class);

    private final DataSource dataSource;
    private final java.time.Duration retention;
    /** Months known to have their partition; forgotten when an insert finds one missing (retention elsewhere). */
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public ReadingPartitions(DataSource dataSource, java.time.Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    /** Makes the partitions the batch's readings fall into, when not yet known. */
    public void ensure(@Body List<Map<String, Object>> rows) throws SQLException {
        Set<YearMonth> months = new TreeSet<>();
        for (Map<String, Object> row : rows) {
            YearMonth month = YearMonth.from((OffsetDateTime) row.get("source_time"));
            if (!known.contains(month)) {
                months.add(month);
            }
        }
        if (months.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ensure = c.prepareStatement("SELECT ensure_reading_partition(?)")) {
            for (YearMonth month : months) {
                ensure.setObject(1, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                ensure.execute();
                known.add(month);
            }
        }
    }

    /** Drops the partitions wholly older than the retention; answers their names. */
    public List<String> applyRetention() throws SQLException {
        OffsetDateTime cutoff = Instant.now().minus(retention).atOffset(ZoneOffset.UTC);
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement drop = c.prepareStatement("SELECT drop_reading_partitions_before(?)")) {
                drop.setObject(1, cutoff);
                try (ResultSet rs = drop.executeQuery()) {
                    while (rs.next()) {
                        dropped.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement outcomes = c.prepareStatement("DELETE FROM document_outcomes WHERE decided_at < ?")) {
                outcomes.setObject(1, cutoff);
                outcomes.executeUpdate();
            }
        }
        if (!dropped.isEmpty()) {
            known.clear();
            LOG.info("Historian retention ({}): dropped partitions {}", retention, dropped);
        }
        return dropped;
    }

    /** A row whose month has no partition (dropped by another bridge's retention): made again on the next try. */
    static boolean isMissingPartition(SQLException e) {
        return "23514".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("no partition");
    }

    /** Before a failed batch is written again (the route's onRedeliveryRef): its months are checked again. */
    @Override
    public void process(Exchange exchange) {
        known.clear();
    }
}
