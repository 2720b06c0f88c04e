package io.iotbridge.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.iotbridge.BridgeHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OEE, MTTR and MTBF of a scripted day of one line, against the machine's real PostgreSQL, fed
 * through the historian's queue as the bridge's catalogue entries would feed it; every figure
 * worked out by hand below. The day: Monday 2026-11-02, shift calendar early 06:00-14:00 and
 * late 14:00-22:00 (UTC), machine KPI-LINE.
 *
 * <pre>
 * run state (runState: true)   06:00 1 | 07:00 1 | 08:00 0 | 08:15 0 | 08:30 1 | 11:00 0 | 11:30 1 | 14:00 1 | 22:00 0
 *   (07:00 and 08:15 repeat the state: a sensor reporting periodically; no start, no stop)
 *   early: run 2 h + 2.5 h + 2.5 h = 25,200 s, down 2 × 30 min = 3,600 s, stops 2 (08:00, 11:00)
 *   availability = 25,200 / 28,800 = 0.875; MTTR = 3,600 / 2 = 1,800 s; MTBF = 25,200 / 2 = 12,600 s
 * good counter (idealCycleSeconds 20)   06:00 1000 | 10:00 1500 | 10:30 100 (reset) | 13:59 500
 *   good = 500 + 100 + 400 = 1,000 (the 06:00 reading is the first: no parts of its own)
 * scrap counter (scrap, idealCycleSeconds 20)   06:00 10 | 13:59 60   -> scrap = 50
 * the same good node reported to a second ERP without idealCycleSeconds   06:00 1000 | 13:59 2000: not counted
 *   performance = 1,050 × 20 s / 25,200 s = 0.8333; quality = 1,000 / 1,050 = 0.95238
 *   OEE = 0.875 × 0.8333 × 0.95238 = 0.69444 (= 1,000 good × 20 s / 28,800 s planned)
 * late: running 14:00-22:00 (availability 1), no stop (MTTR, MTBF empty), no parts (performance, quality, OEE empty)
 * Tuesday's early shift: stopped from its start (the state 22:00 left) to 10:00, then running:
 *   down 14,400 s, run 14,400 s, availability 0.5, no stop within it
 * </pre>
 */
class KpiTest {

    private static final String MACHINE = "KPI-LINE";
    private static final String DAY = "2026-11-02T";
    private static final String NEXT_DAY = "2026-11-03T";
    private static final double EARLY = 8 * 3600;

    private static String url;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        url = HistorianDatabases.create();
        bridge = HistorianQueue.bridge(url, "early = 06:00-14:00 Mon-Fri\nlate = 14:00-22:00 Mon-Fri\n").start();
        scriptTheDay();
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

    private static void scriptTheDay() throws Exception {
        int readings = 0;
        try (Connection connection = HistorianQueue.connect(bridge); Channel channel = connection.createChannel()) {
            Map<String, Object> run = Map.of("iotKind", "meter", "iotRunState", "true");
            for (String[] r : new String[][] {{"06:00", "1"}, {"07:00", "1"}, {"08:00", "0"}, {"08:15", "0"}, {"08:30", "1"}, {"11:00", "0"},
                    {"11:30", "1"}, {"14:00", "1"}, {"22:00", "0"}}) {
                publishReading(channel, "kpi-run", r[0], r[1], "1", run);
                readings++;
            }
            // stopped since 22:00 the day before, running again from 10:00 on Tuesday
            HistorianQueue.publishReading(channel, "kpi-run", MACHINE, Instant.parse(NEXT_DAY + "10:00:00Z"), "1", "1", run);
            readings++;
            Map<String, Object> good = Map.of("iotKind", "counter", "iotIdealCycleSeconds", "20", "iotScrap", "false");
            for (String[] r : new String[][] {{"06:00", "1000"}, {"10:00", "1500"}, {"10:30", "100"}, {"13:59", "500"}}) {
                publishReading(channel, "kpi-good", r[0], r[1], "1", good);
                readings++;
            }
            Map<String, Object> scrap = Map.of("iotKind", "counter", "iotIdealCycleSeconds", "20", "iotScrap", "true");
            publishReading(channel, "kpi-scrap", "06:00", "10", "1", scrap);
            publishReading(channel, "kpi-scrap", "13:59", "60", "1", scrap);
            Map<String, Object> twin = Map.of("iotKind", "counter", "iotScrap", "");
            publishReading(channel, "kpi-good-infor", "06:00", "1000", "1", twin);
            publishReading(channel, "kpi-good-infor", "13:59", "2000", "1", twin);
            String alert = publishReading(channel, "kpi-temp-alert", "09:00", "85.5", "Cel", Map.of("iotKind", "alert"));
            readings += 5;
            String outcome = """
                    {"erp":"sap-b1","kind":"alert","documentKey":"alert:%s","outcome":"accepted","sensorId":"kpi-temp-alert",
                     "machineId":"%s","shift":"early","readingIds":["%s"],"decidedAt":"%s"}"""
                    .formatted(alert, MACHINE, alert, DAY + "09:00:05Z");
            channel.basicPublish("", "historian.outcomes", new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .messageId("alert:" + alert).build(), outcome.getBytes(StandardCharsets.UTF_8));
        }
        int expected = readings;
        Awaitility.await("the scripted day stored").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                HistorianDatabases.column(url, "SELECT count(*) FROM historian.readings WHERE machine_id = '" + MACHINE + "'")
                        .equals(List.of(String.valueOf(expected)))
                        && !HistorianDatabases.column(url, "SELECT 1 FROM historian.document_outcomes WHERE machine_id = '"
                        + MACHINE + "'").isEmpty()
                        && !HistorianDatabases.column(url, "SELECT 1 FROM historian.planned_shifts WHERE starts_at = '"
                        + DAY + "14:00:00Z'").isEmpty());
    }

    /** One reading of the scripted day into the historian's queue with the headers its catalogue entry sets. */
    private static String publishReading(Channel channel, String sensor, String hhmm, String value, String unit,
                                         Map<String, Object> headers) throws Exception {
        return HistorianQueue.publishReading(channel, sensor, MACHINE, Instant.parse(DAY + hhmm + ":00Z"), value, unit, headers);
    }

    @Test
    void theShiftCalendarIsThePlannedTime() throws Exception {
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', shift, ends_at - starts_at) FROM historian.planned_shifts"
                + " WHERE starts_at >= '" + DAY + "00:00:00Z' AND starts_at < '2026-11-03T00:00:00Z' ORDER BY starts_at"))
                .containsExactly("early|08:00:00", "late|08:00:00");
        // a Sunday has no shift in this calendar
        assertThat(HistorianDatabases.column(url, "SELECT count(*) FROM historian.planned_shifts"
                + " WHERE starts_at >= '2026-11-01T00:00:00Z' AND starts_at < '2026-11-02T00:00:00Z'")).containsExactly("0");
    }

    @Test
    void theEarlyShiftsOeeMttrAndMtbfAreTheHandWorkedOnes() throws Exception {
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', planned_seconds, run_seconds, down_seconds, stops,"
                + " good_parts, scrap_parts, round(availability::numeric, 5), round(performance::numeric, 5),"
                + " round(quality::numeric, 5), round(oee::numeric, 5), mttr_seconds, mtbf_seconds)"
                + " FROM historian.oee_by_shift WHERE machine_id = '" + MACHINE + "' AND shift_start = '" + DAY + "06:00:00Z'"))
                .containsExactly("28800|25200|3600|2|1000|50|0.87500|0.83333|0.95238|0.69444|1800|12600");
    }

    @Test
    void aShiftWithoutStopsOrPartsLeavesWhatCannotBeKnownEmpty() throws Exception {
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', run_seconds, stops, availability,"
                + " coalesce(performance::text, '-'), coalesce(quality::text, '-'), coalesce(oee::text, '-'),"
                + " coalesce(mttr_seconds::text, '-'), coalesce(mtbf_seconds::text, '-'))"
                + " FROM historian.oee_by_shift WHERE machine_id = '" + MACHINE + "' AND shift_start = '" + DAY + "14:00:00Z'"))
                .containsExactly("28800|0|1|-|-|-|-|-");
    }

    @Test
    void aShiftStartsInTheStateTheLastReadingBeforeItLeft() throws Exception {
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', down_seconds, run_seconds, availability, stops)"
                + " FROM historian.oee_by_shift WHERE machine_id = '" + MACHINE + "' AND shift_start = '" + NEXT_DAY + "06:00:00Z'"))
                .containsExactly("14400|14400|0.5|0");
    }

    @Test
    void theApiAnswersTheSameFiguresPerShift() throws Exception {
        JsonNode answer = bridge.getJson("/kpis?machineId=" + MACHINE + "&from=" + DAY + "00:00:00Z&to=2026-11-03T00:00:00Z");
        assertThat(answer).hasSize(2);
        JsonNode early = answer.get(0);
        assertThat(early.path("machineId").asText()).isEqualTo(MACHINE);
        assertThat(early.path("shift").asText()).isEqualTo("early");
        assertThat(early.path("shiftStart").asText()).isEqualTo(DAY + "06:00:00Z");
        assertThat(early.path("oee").asDouble()).isCloseTo(1000 * 20 / EARLY, within(1e-9));
        assertThat(early.path("availability").asDouble()).isCloseTo(0.875, within(1e-9));
        assertThat(early.path("performance").asDouble()).isCloseTo(1050 * 20 / 25200.0, within(1e-9));
        assertThat(early.path("quality").asDouble()).isCloseTo(1000 / 1050.0, within(1e-9));
        assertThat(early.path("mttrSeconds").asDouble()).isEqualTo(1800.0);
        assertThat(early.path("mtbfSeconds").asDouble()).isEqualTo(12600.0);
        assertThat(answer.get(1).path("oee").isNull()).isTrue();

        assertThat(bridge.getJson("/kpis?machineId=OTHER&from=" + DAY + "00:00:00Z&to=2026-11-03T00:00:00Z")).isEmpty();
        var bad = bridge.api("GET", "/kpis?from=monday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from must be an ISO-8601 instant").doesNotContain("monday");
    }

    @Test
    void theGaugesHoldEachMachinesLatestShiftOfEachName() throws Exception {
        // the test drives the gauges alone: the route's refreshes, as at the real now, would move where the next one starts
        bridge.context().getRouteController().stopRoute("historian-kpi-gauges");
        KpiGauges gauges = bridge.context().getRegistry().lookupByNameAndType("kpiGauges", KpiGauges.class);
        assertThat(gauges.refreshAsAt(Instant.parse(DAY + "15:00:00Z"))).isEqualTo(2 * KpiGauges.FIGURES.size());
        String metrics = bridge.management("/observe/metrics").body();
        assertThat(gauge(metrics, "iotbridge_oee", "early")).isCloseTo(1000 * 20 / EARLY, within(1e-6));
        assertThat(gauge(metrics, "iotbridge_oee_availability", "early")).isEqualTo(0.875);
        assertThat(gauge(metrics, "iotbridge_oee_mttr_seconds", "early")).isEqualTo(1800.0);
        assertThat(gauge(metrics, "iotbridge_oee_mtbf_seconds", "early")).isEqualTo(12600.0);
        assertThat(gauge(metrics, "iotbridge_oee_availability", "late")).isEqualTo(1.0);
        assertThat(gauge(metrics, "iotbridge_oee", "late")).isNaN();

        // an hour later only the late shift, running at 15:00, is read again; the early one keeps its figures
        assertThat(gauges.refreshAsAt(Instant.parse(DAY + "16:00:00Z"))).isEqualTo(KpiGauges.FIGURES.size());
        assertThat(gauge(bridge.management("/observe/metrics").body(), "iotbridge_oee_availability", "early")).isEqualTo(0.875);
    }

    @Test
    void biViewsGiveReadingsPerShiftAndAlertsWithTheirDocuments() throws Exception {
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', shift, readings, min_value, max_value)"
                + " FROM historian.readings_by_machine_shift WHERE sensor_id = 'kpi-good' ORDER BY shift_start"))
                .containsExactly("early|4|100|1500");
        assertThat(HistorianDatabases.column(url, "SELECT concat_ws('|', machine_id, sensor_id, erp, outcome, value, unit,"
                + " alert_time = '" + DAY + "09:00:00Z', document_key = 'alert:' || reading_id)"
                + " FROM historian.alerts_with_documents WHERE machine_id = '" + MACHINE + "'"))
                .containsExactly(MACHINE + "|kpi-temp-alert|sap-b1|accepted|85.5|Cel|t|t");
    }

    @Test
    void aCatalogueEntrysKpiParametersReachItsRows() throws Exception {
        // the demo catalogue's press07-parts (line1-production.camel.yaml) has idealCycleSeconds: 0.2, read
        // from the embedded line simulator: the Kamelet's header, through the broker, into the row
        String rows = "SELECT DISTINCT concat_ws('|', kind, ideal_cycle_seconds, scrap, run_state) FROM historian.readings"
                + " WHERE sensor_id = 'press07-parts'";
        Awaitility.await("press07-parts stored").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !HistorianDatabases.column(url, rows).isEmpty());
        assertThat(HistorianDatabases.column(url, rows)).containsExactly("counter|0.2|f|f");
    }

    /** The value of one gauge of KPI-LINE in Prometheus' text. */
    private static double gauge(String metrics, String name, String shift) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("machine=\"" + MACHINE + "\"") && line.contains("shift=\"" + shift + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " of " + MACHINE + ", shift " + shift + " not among the metrics");
    }
}
