package io.iotbridge.historian;

import com.zaxxer.hikari.HikariDataSource;
import io.iotbridge.ExternalBrokersTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Databases of the tests' own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust
 * authentication, as .ci/run starts it), one per test class, dropped afterwards; and plain JDBC to
 * read what the historian wrote.
 */
public final class HistorianDatabases {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private HistorianDatabases() {
    }

    /**
     * Creates a fresh database; answers its JDBC URL. Skips the test when PostgreSQL is not running
     * here, unless IOTBRIDGE_REQUIRE_BROKERS=true (as in CI, whose .ci/run starts it): then it fails.
     */
    public static String create() throws SQLException {
        ExternalBrokersTest.requireBroker("PostgreSQL", 5432);
        String name = "historian_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return SERVER + name;
    }

    public static void drop(String url) throws SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A pool on the database's schema historian, as the historian's; the caller closes it. */
    static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setSchema("historian");
        return pool;
    }

    /** The historian's migrations up to {@code version} (null: all), as HistorianDatabase runs them. */
    static void migrate(DataSource dataSource, String version) {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).schemas("historian").locations("classpath:db/historian");
        (version == null ? flyway : flyway.target(version)).load().migrate();
    }

    /** The first column of each row of {@code sql}, as text. */
    static List<String> column(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
