package io.iotbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * One line every {@link BenchRun#SAMPLE_SECONDS} s of where the readings are, into the run's
 * {@code timeline.txt}, from the bridge's start to its stop: what the devices published and Mosquitto
 * dropped, what the bridge took in, what waits in each of its stages, what the ERP booked. A run's
 * figures say how much; this says at which stage it was held, and when.
 */
final class RunTimeline implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-timeline");
        thread.setDaemon(true);
        return thread;
    });
    private final Path file;
    private final BridgeUnderLoad run;
    private final CachingConnectionFactory connections;
    private final RabbitAdmin admin;

    RunTimeline(Path file, BridgeUnderLoad run, String rabbitmqUrl) {
        this.file = file;
        this.run = run;
        this.connections = new CachingConnectionFactory(URI.create(rabbitmqUrl));
        this.admin = new RabbitAdmin(connections);
        timer.scheduleWithFixedDelay(this::sample, 0, BenchRun.SAMPLE_SECONDS, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            StringBuilder line = new StringBuilder(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            if (run.mqtt != null) {
                line.append(String.format(Locale.ROOT, " published=%d failed=%d dropped=%d", run.mqtt.published(),
                        run.mqtt.failed(), run.mqtt.droppedByBroker()));
            }
            line.append(String.format(Locale.ROOT, " ready.erp.sap-b1=%d booked=%d documents=%d alerts=%d",
                    ready("erp.sap-b1"), run.booked.booked(), run.booked.documents(), run.booked.alerts()));
            Metrics.Counts counts = run.metrics.scrape();
            if (counts != null) {
                line.append(String.format(Locale.ROOT, " received=%.0f delivered=%.0f failures=%.0f", counts.received(),
                        counts.delivered(), counts.failures()));
                counts.stages().forEach((stage, backlog) -> line.append(' ').append(stage).append('=')
                        .append(String.format(Locale.ROOT, "%.0f", backlog)));
            }
            Files.writeString(file, line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // a sample missed; the next one comes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages ready in the queue (not those a consumer holds unacknowledged). */
    private long ready(String queue) {
        var info = admin.getQueueInfo(queue);
        return info == null ? 0 : info.getMessageCount();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        connections.destroy();
    }
}
