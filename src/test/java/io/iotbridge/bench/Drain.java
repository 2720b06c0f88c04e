package io.iotbridge.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * After the steady window: the load stops and what is still on its way (in Mosquitto, RabbitMQ,
 * open windows, the outbox) is given time to be booked, so that what never is can be called lost.
 * MQTT: readings the devices published, less those Mosquitto dropped for a full subscriber queue
 * (its $SYS count), less those booked. OPC UA: readings the bridge took in, less those it
 * rejected, less those booked. The last windows close only once they fall silent (two windows and
 * the grace), so the drain ends when nothing is left, or when nothing more is booked for that long
 * plus {@link BenchRun#STALL_SECONDS}, or at its bound.
 *
 * @param lost            -1 when the drain hit its bound while readings were still being booked
 * @param droppedByBroker -1 for OPC UA, or before Mosquitto told
 */
record Drain(long lost, long droppedByBroker, String note) {

    static Drain await(BridgeUnderLoad run, Duration window, int maxSeconds) throws Exception {
        run.stopLoad();
        long t0 = System.nanoTime();
        double silentAfter = 2 * window.toSeconds() + BridgeUnderLoad.GRACE.toSeconds() + BenchRun.STALL_SECONDS;
        long lastBooked = -1;
        long progressAt = t0;
        long remaining = Long.MAX_VALUE;
        long dropped = -1;
        long offered = -1;
        while (true) {
            long booked = run.booked.booked();
            if (booked != lastBooked) {
                lastBooked = booked;
                progressAt = System.nanoTime();
            }
            if (run.mqtt != null) {
                // Mosquitto reports drops every 10 s: trust a count of 0 only once one came after the stop
                dropped = run.mqtt.droppedByBroker();
                offered = run.mqtt.published();
                remaining = offered - Math.max(0, dropped) - booked;
                if (remaining <= 0 && BenchRun.seconds(t0) > 12) {
                    break;
                }
            } else {
                Metrics.Counts counts = run.metrics.scrape();
                if (counts != null) {
                    offered = Math.round(counts.received() - counts.rejected());
                    remaining = offered - booked;
                    if (remaining <= 0) {
                        break;
                    }
                }
            }
            if (BenchRun.seconds(progressAt) > silentAfter || BenchRun.seconds(t0) > maxSeconds
                    || !run.bridge.isAlive()) {
                break;
            }
            Thread.sleep(BenchRun.SAMPLE_SECONDS * 1000L);
        }
        double took = BenchRun.seconds(t0);
        boolean stalled = BenchRun.seconds(progressAt) > silentAfter;
        long lost = remaining <= 0 ? 0 : stalled ? remaining : -1;
        String note = String.format(Locale.ROOT, "drain %.0f s, booked %d of %d readings %s", took,
                run.booked.booked(), offered, run.mqtt != null ? "published" : "taken in")
                + (lost < 0 ? String.format(Locale.ROOT, ", bound reached with %d still to book", remaining) : "");
        return new Drain(lost, dropped, note);
    }
}
