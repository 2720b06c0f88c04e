package io.iotbridge.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/**
 * What a fault scenario sent against what the ERP recorded: every sent reading id is looked up in
 * the sandbox's records (each record carries the ids of the readings its document holds) and in
 * the module's dead-letter queue. Ids that are not this scenario's are ignored, so leftovers of
 * other runs on a shared broker do not count.
 *
 * <p>{@link #report} prints the tally and writes its row into {@code target/fault-scenarios.md},
 * one row per scenario (the latest run's), ready to copy into docs/operator.md, "Fault scenarios".
 */
final class DeliveryLedger {

    static final Path TABLE = Path.of("target", "fault-scenarios.md");
    private static final String HEADER = """
            | scenario | how the fault is made | readings in via | sent | delivered | duplicates | lost | dead-lettered |
            |---|---|---|---|---|---|---|---|
            """;

    private final String scenario;
    private final String fault;
    private final String via;
    private final Set<String> sent = new LinkedHashSet<>();

    /**
     * @param scenario e.g. {@code 1. RabbitMQ restart} (rows are sorted by it)
     * @param fault    how the fault is made, for the table
     * @param via      how readings enter: MQTT or straight to the exchange iot.readings
     */
    DeliveryLedger(String scenario, String fault, String via) {
        this.scenario = scenario;
        this.fault = fault;
        this.via = via;
    }

    synchronized void sent(String readingId) {
        if (!sent.add(readingId)) {
            throw new IllegalArgumentException("reading id " + readingId + " sent twice: ids must be unique");
        }
    }

    synchronized Set<String> sentIds() {
        return Set.copyOf(sent);
    }

    /** The ledger's counts. {@code delivered + lost + deadLettered == sent}; duplicates are extra bookings. */
    record Tally(int sent, int delivered, int duplicates, int lost, int deadLettered, List<String> someLost) {

        boolean exactlyOnce() {
            return delivered == sent && duplicates == 0 && lost == 0 && deadLettered == 0;
        }

        @Override
        public String toString() {
            return "sent " + sent + ", delivered " + delivered + ", duplicates " + duplicates + ", lost " + lost
                    + ", dead-lettered " + deadLettered + (someLost.isEmpty() ? "" : "; lost e.g. " + someLost);
        }
    }

    /**
     * @param bookings     per ERP document, the reading ids it carries
     * @param deadLettered reading ids now in the module's dead-letter queue
     */
    synchronized Tally tally(Collection<? extends Collection<String>> bookings, Collection<String> deadLettered) {
        Map<String, Integer> booked = new HashMap<>();
        for (Collection<String> ids : bookings) {
            for (String id : ids) {
                if (sent.contains(id)) {
                    booked.merge(id, 1, Integer::sum);
                }
            }
        }
        int duplicates = booked.values().stream().mapToInt(n -> n - 1).sum();
        Set<String> dead = deadLettered.stream().filter(sent::contains).filter(id -> !booked.containsKey(id))
                .collect(java.util.stream.Collectors.toSet());
        List<String> lost = sent.stream().filter(id -> !booked.containsKey(id) && !dead.contains(id)).toList();
        return new Tally(sent.size(), booked.size(), duplicates, lost.size(), dead.size(), lost.stream().limit(10).toList());
    }

    /** The reading ids of sandbox records, as the test's own sandbox recorder holds them. */
    static List<List<String>> bookings(List<SandboxRecord> records) {
        return records.stream().map(SandboxRecord::readingIds).toList();
    }

    /** The reading ids of GET /api/v1/sandbox/{erp}/documents. */
    static List<List<String>> bookingsOf(List<JsonNode> documents) {
        List<List<String>> bookings = new ArrayList<>();
        for (JsonNode d : documents) {
            bookings.add(StreamSupport.stream(d.get("readingIds").spliterator(), false).map(JsonNode::asText).toList());
        }
        return bookings;
    }

    /** The reading ids of GET /api/v1/dead-letters (of one ERP module). */
    static List<String> deadLetterIds(JsonNode deadLetters, String erp) {
        return StreamSupport.stream(deadLetters.spliterator(), false).filter(d -> erp.equals(d.path("erp").asText()))
                .map(d -> d.get("id").asText()).toList();
    }

    /** Prints the tally and puts this scenario's row into {@link #TABLE}, replacing an earlier run's. */
    Tally report(Tally tally) throws IOException {
        System.out.println("FAULT SCENARIO " + scenario + " (" + fault + "): " + tally);
        Map<String, String> rows = new TreeMap<>();
        if (Files.exists(TABLE)) {
            for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
                if (line.startsWith("| ") && !line.startsWith("| scenario ")) {
                    rows.put(line.substring(2, line.indexOf(" |", 2)), line);
                }
            }
        }
        rows.put(scenario, "| " + String.join(" | ", scenario, fault, via, String.valueOf(tally.sent()),
                String.valueOf(tally.delivered()), String.valueOf(tally.duplicates()), String.valueOf(tally.lost()),
                String.valueOf(tally.deadLettered())) + " |");
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, HEADER + String.join("\n", rows.values()) + "\n", StandardCharsets.UTF_8);
        return tally;
    }
}
