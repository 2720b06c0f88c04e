package io.iotbridge.historian;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * The month partitions of historian.readings and of its per-minute roll-up readings_minute: made
 * before the first batch with a reading of that month is written (function ensure_reading_partition
 * of the migrations makes both), and dropped whole once older than their level's retention:
 * bridge.historian.retention for readings, bridge.historian.rollup-retention for the roll-up.
 */
public final class ReadingPartitions implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPartitions.class);

    private final DataSource dataSource;
    private final Duration retention;
    private final Duration rollupRetention;
    /** Months known to have their partition; forgotten when an insert finds one missing (retention elsewhere). */
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    /**
     * @throws IllegalArgumentException when the roll-up would go before the readings it sums
     */
    public ReadingPartitions(DataSource dataSource, Duration retention, Duration rollupRetention) {
        if (rollupRetention.compareTo(retention) < 0) {
            throw new IllegalArgumentException("bridge.historian.rollup-retention (" + rollupRetention.toDays()
                    + " days) is shorter than bridge.historian.retention (" + retention.toDays()
                    + " days): the per-minute roll-up would be dropped before the readings it sums; make it as long or longer");
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.rollupRetention = rollupRetention;
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

    /** Drops the partitions of each level wholly older than its retention; answers their names. */
    public List<String> applyRetention() throws SQLException {
        OffsetDateTime cutoff = cutoff(retention);
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            drop(c, "readings", cutoff, dropped);
            drop(c, "readings_minute", cutoff(rollupRetention), dropped);
            try (PreparedStatement outcomes = c.prepareStatement("DELETE FROM document_outcomes WHERE decided_at < ?")) {
                outcomes.setObject(1, cutoff);
                outcomes.executeUpdate();
            }
        }
        if (!dropped.isEmpty()) {
            known.clear();
            LOG.info("Historian retention (readings {}, roll-up {}): dropped partitions {}", retention, rollupRetention, dropped);
        }
        return dropped;
    }

    private static OffsetDateTime cutoff(Duration retention) {
        return Instant.now().minus(retention).atOffset(ZoneOffset.UTC);
    }

    private static void drop(Connection c, String parent, OffsetDateTime cutoff, List<String> dropped) throws SQLException {
        try (PreparedStatement drop = c.prepareStatement("SELECT drop_month_partitions_before(?, ?)")) {
            drop.setString(1, parent);
            drop.setObject(2, cutoff);
            try (ResultSet rs = drop.executeQuery()) {
                while (rs.next()) {
                    dropped.add(rs.getString(1));
                }
            }
        }
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
