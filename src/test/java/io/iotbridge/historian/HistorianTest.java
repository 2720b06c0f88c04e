package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.iotbridge.BridgeHarness;
import io.iotbridge.embedded.EmbeddedServices;
import io.iotbridge.embedded.LineSignal;
import io.iotbridge.embedded.LineSimulator;
import io.iotbridge.sandbox.sapb1.SapB1Sandbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The historian against the machine's real PostgreSQL, fed by the real bridge (embedded broker,
 * HTTP ingest of the catalogue's press07-energy meter): readings in, rows out with their
 * enrichment; a reading that comes twice is stored and rolled up once; document outcomes recorded; the API
 * answers from the rows.
 */
class HistorianTest {

    private static final String SENSOR = "press07-energy";
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private static String url;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        url = HistorianDatabases.create();
        bridge = new BridgeHarness()
                .with("bridge.historian.enabled", "true")
                .with("bridge.historian.jdbc-url", url)
                .with("bridge.historian.user", "postgres")
                .with("bridge.historian.batch-interval", "200")
                .withoutMqtt()
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (url != null) {
            HistorianDatabases.drop(url);
        }
    }

    @Test
    void readingsPostedComeOutAsRowsWithTheirMachineShiftAndTimes() throws Exception {
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            long seq = SEQ.incrementAndGet();
            Instant t = ts.plusMillis(i);
            body.append(i == 0 ? "" : ",").append(reading(1000.5 + i, t, seq));
            ids.add(SENSOR + ":" + t.toEpochMilli() + ":" + seq);
        }
        assertThat(bridge.postJson("/readings", body.append("]").toString()).statusCode()).isEqualTo(202);

        // batches go every bridge.historian.batch-interval even while the line simulator's readings keep coming
        Awaitility.await("the five readings as rows").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                HistorianDatabases.column(url, "SELECT reading_id FROM historian.readings WHERE reading_id IN (" + quoted(ids) + ")")
                        .size() == 5);
        String id = ids.get(2);
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', sensor_id, machine_id, erp, kind, field, value, unit,"
                + " quality, seq, to_char(source_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'),"
                + " coalesce(shift, '-'), arrival_time >= source_time - interval '1 minute')"
                + " FROM historian.readings WHERE reading_id = '" + id + "'"))
                .containsExactly(String.join("|", SENSOR, "PRESS-07", "sap-b1", "meter", "energy", "1002.5", "kW.h", "GOOD",
                        id.substring(id.lastIndexOf(':') + 1), ts.plusMillis(2).toString().replace("Z", ""),
                        shiftAt(ts.plusMillis(2)), "t"));
        // each reading in the month partition of its source time
        assertThat(HistorianDatabases.column(url, "SELECT DISTINCT tableoid::regclass::text FROM historian.readings"
                + " WHERE reading_id = '" + id + "'")).containsExactly("historian.readings_p"
                + ts.atOffset(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM")));

        JsonNode answer = bridge.getJson("/historian/readings?sensorId=" + SENSOR + "&from="
                + enc(ts.toString()) + "&to=" + enc(ts.plusMillis(5).toString()) + "&limit=3");
        assertThat(answer).hasSize(3);
        assertThat(answer.get(0).path("readingId").asText()).isEqualTo(ids.get(0));
        assertThat(answer.get(2).path("value").asDouble()).isEqualTo(1002.5);
        assertThat(answer.get(0).path("sourceTime").asText()).isEqualTo(ts.toString());
    }

    @Test
    void aReadingThatComesTwiceIsStoredAndRolledUpOnce() throws Exception {
        long seq = SEQ.incrementAndGet();
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String same = reading(2000.0, ts, seq);
        // the same reading twice (a device resending, a replay): two messages in the historian's queue
        assertThat(bridge.postJson("/readings", same).statusCode()).isEqualTo(202);
        assertThat(bridge.postJson("/readings", same).statusCode()).isEqualTo(202);
        long later = SEQ.incrementAndGet();
        assertThat(bridge.postJson("/readings", reading(2001.0, ts.plusMillis(1), later)).statusCode()).isEqualTo(202);

        String id = SENSOR + ":" + ts.toEpochMilli() + ":" + seq;
        String marker = SENSOR + ":" + ts.plusMillis(1).toEpochMilli() + ":" + later;
        // the reading posted after both copies is stored: both copies went through the historian by then
        Awaitility.await("the reading after the copies").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                !HistorianDatabases.column(url, "SELECT 1 FROM historian.readings WHERE reading_id = '" + marker + "'").isEmpty());
        assertThat(HistorianDatabases.column(url, "SELECT count(*) FROM historian.readings WHERE reading_id = '" + id + "'"))
                .containsExactly("1");
        // its minute's roll-up counted it once: as many as the minute's rows (the line simulator's too), in one snapshot
        assertThat(HistorianDatabases.column(url, "SELECT m.readings || ' of ' || (SELECT count(*) FROM historian.readings r"
                + " WHERE r.sensor_id = m.sensor_id AND r.source_time >= m.minute AND r.source_time < m.minute + interval '1 minute')"
                + " FROM historian.readings_minute m WHERE m.sensor_id = '" + SENSOR + "'"
                + " AND m.minute = date_trunc('minute', '" + ts + "'::timestamptz)"))
                .singleElement().satisfies(v -> assertThat(v.split(" of ")[0]).isEqualTo(v.split(" of ")[1]));
    }

    @Test
    void documentOutcomesAreRecordedWithTheirReadings() throws Exception {
        long seq = SEQ.incrementAndGet();
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(bridge.postJson("/readings", reading(3000.0, ts, seq)).statusCode()).isEqualTo(202);
        String id = SENSOR + ":" + ts.toEpochMilli() + ":" + seq;

        Awaitility.await("the meter document's outcome").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                !HistorianDatabases.column(url, "SELECT outcome FROM historian.document_outcomes WHERE '" + id
                        + "' = ANY (reading_ids)").isEmpty());
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', erp, kind, outcome, sensor_id, machine_id,"
                + " document_key LIKE 'meter:" + SENSOR + "@%') FROM historian.document_outcomes WHERE '" + id + "' = ANY (reading_ids)"))
                .containsExactly("sap-b1|meter|accepted|" + SENSOR + "|PRESS-07|t");
    }

    @Test
    void aRowPostgresRefusesAndAMessageThatIsNoReadingAreSetAsideWithTheirReasonAndTheOthersStored() throws Exception {
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long good = SEQ.incrementAndGet();
        long bad = SEQ.incrementAndGet();
        // a NUL character: valid JSON, but PostgreSQL's text refuses it, so this row fails its batch
        String refusedByPostgres = reading(1.0, ts, bad).replace("\"kW.h\"", "\"kW.h\\u0000\"");
        try (Connection connection = HistorianQueue.connect(bridge); Channel channel = connection.createChannel()) {
            for (String body : List.of(reading(1.0, ts, good), refusedByPostgres, "not a reading")) {
                channel.basicPublish("", "historian.readings", new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .messageId(body.length() + ":" + body.hashCode()).build(), body.getBytes(StandardCharsets.UTF_8));
            }
            String goodId = SENSOR + ":" + ts.toEpochMilli() + ":" + good;
            Awaitility.await("the good reading stored").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    !HistorianDatabases.column(url, "SELECT 1 FROM historian.readings WHERE reading_id = '" + goodId + "'").isEmpty());
            List<String> reasons = new ArrayList<>();
            Awaitility.await("both set aside in historian.dlq").atMost(Duration.ofSeconds(30)).until(() -> {
                GetResponse r = channel.basicGet("historian.dlq", true);
                if (r != null) {
                    reasons.add(new String(r.getBody(), StandardCharsets.UTF_8) + " => "
                            + r.getProps().getHeaders().get("iotDeadLetterReason"));
                }
                return reasons.size() == 2;
            });
            assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("not a reading => not stored: payload is not JSON"));
            assertThat(reasons).anySatisfy(r -> assertThat(r).contains(":" + bad + "}").contains("PostgreSQL refused the row"));
        }
        assertThat(HistorianDatabases.column(url, "SELECT count(*) FROM historian.readings WHERE seq = " + bad)).containsExactly("0");
    }

    @Test
    void aRefusedAlertIsRecordedAsDeadLetteredWithTheErpsReason() throws Exception {
        String cause = "Equipment card PRESS-07 is locked by another user (" + java.util.UUID.randomUUID() + ")";
        bridge.context().getRegistry().lookupByNameAndType("sapB1Sandbox", SapB1Sandbox.class).rejectNext(1, cause, "alert");
        LineSimulator line = bridge.context().getRegistry().lookupByNameAndType(EmbeddedServices.LINE_SIMULATOR, LineSimulator.class);
        String node = LineSimulator.nodeId("PRESS-07", LineSignal.TEMPERATURE);
        try {
            line.setValue(node, 86.5, StatusCode.GOOD); // over press07-temp-alert's 79 Cel
            Awaitility.await("the refused alert's outcome").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    !HistorianDatabases.column(url, "SELECT 1 FROM historian.document_outcomes WHERE kind = 'alert'"
                            + " AND reason LIKE '%" + cause + "%'").isEmpty());
        } finally {
            line.resume(node);
        }
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', erp, outcome, sensor_id, machine_id,"
                + " document_key = 'alert:' || reading_ids[1], cardinality(reading_ids), reading_ids[1] LIKE 'press07-temp-alert:%')"
                + " FROM historian.document_outcomes WHERE kind = 'alert' AND reason LIKE '%" + cause + "%'"))
                .containsExactly("sap-b1|dead-lettered|press07-temp-alert|PRESS-07|t|1|t");
    }

    @Test
    void aReadingTakesTheWorkOrderItsErpFoundInProgressOnTheMachine() throws Exception {
        // the SAP B1 sandbox has production order 4711 in progress on PRESS-07; once the module's documents
        // of the machine looked it up, the historian's rows of the machine name it too (no ERP call of its own)
        String lookup = "SELECT DISTINCT work_order FROM historian.document_outcomes WHERE erp = 'sap-b1'"
                + " AND machine_id = 'PRESS-07' AND work_order IS NOT NULL";
        Awaitility.await("a PRESS-07 document enriched with its order").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !HistorianDatabases.column(url, lookup).isEmpty());
        assertThat(HistorianDatabases.column(url, lookup)).containsExactly("4711");

        long seq = SEQ.incrementAndGet();
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(bridge.postJson("/readings", reading(6000.0, ts, seq)).statusCode()).isEqualTo(202);
        String id = SENSOR + ":" + ts.toEpochMilli() + ":" + seq;
        Awaitility.await("the reading stored").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                !HistorianDatabases.column(url, "SELECT 1 FROM historian.readings WHERE reading_id = '" + id + "'").isEmpty());
        assertThat(HistorianDatabases.column(url, "SELECT work_order FROM historian.readings WHERE reading_id = '" + id + "'"))
                .containsExactly("4711");
    }

    @Test
    void aQueryWithoutSensorOrWithABadTimeIsRefusedNamingTheParameter() throws Exception {
        var missing = bridge.api("GET", "/historian/readings");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("sensorId is required");
        var badTime = bridge.api("GET", "/historian/readings?sensorId=x&from=yesterday");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("from must be an ISO-8601 instant").doesNotContain("yesterday");
    }

    static String reading(double value, Instant ts, long seq) {
        return """
                {"sensorId":"%s","machineId":"PRESS-07","value":%s,"unit":"kW.h","ts":"%s","quality":"GOOD","seq":%d}"""
                .formatted(SENSOR, value, ts, seq);
    }

    private static String shiftAt(Instant t) {
        io.iotbridge.enrich.ShiftCalendar calendar = bridge.context().getRegistry()
                .lookupByNameAndType("shiftCalendar", io.iotbridge.enrich.ShiftCalendar.class);
        return calendar.shiftAt(t).orElse("-");
    }

    static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(i -> "'" + i + "'").toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
