package io.iotbridge.bench;

import io.iotbridge.BridgeHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counters from the bridge's Prometheus endpoint (/observe/metrics on the management port). */
final class Metrics {

    private static final Pattern STAGE =
            Pattern.compile("iotbridge_stage_(backlog|oldest_seconds)\\{.*stage=\"([^\"]+)\".*} (\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    Metrics(int managementPort) {
        this.uri = URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics");
    }

    /**
     * One scrape: readings received, documents delivered, readings rejected, delivery failures (all
     * sources, all ERPs), and each stage's backlog and its oldest piece's age in seconds (by the
     * stage's name, {@code <stage>} and {@code <stage>.oldest}). What was booked is counted on the
     * ERP's side ({@link BookedReadings}), not here.
     */
    record Counts(double received, double delivered, double rejected, double failures, Map<String, Double> stages) {
    }

    /** The scrape, or null while the endpoint does not answer (bridge still starting). */
    Counts scrape() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + BridgeHarness.API_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            String body = response.body();
            return new Counts(sum(body, "iotbridge_readings_received_total"),
                    sum(body, "iotbridge_erp_documents_delivered_total"),
                    sum(body, "iotbridge_readings_rejected_total"),
                    sum(body, "iotbridge_erp_delivery_failures_total"), stages(body));
        } catch (IOException e) {
            return null;
        }
    }

    /** The stage gauges: {@code iotbridge_stage_backlog{stage="erp.sap-b1"} 12.0} and its oldest. */
    private static Map<String, Double> stages(String body) {
        Map<String, Double> stages = new TreeMap<>();
        for (String line : body.split("\n")) {
            Matcher m = STAGE.matcher(line);
            if (m.matches()) {
                stages.put(m.group(2) + (m.group(1).equals("backlog") ? "" : ".oldest"), Double.parseDouble(m.group(3)));
            }
        }
        return stages;
    }

    /** Sums a counter over all its label sets. */
    private static double sum(String body, String name) {
        double total = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
