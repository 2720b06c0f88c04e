package io.iotbridge.status;

import com.rabbitmq.client.Channel;
import io.iotbridge.buffer.RabbitTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The broker as the status page sees it: whether it answers, and how many messages wait in each
 * ERP's queue and dead-letter queue (a passive declaration, which leaves the queues untouched).
 * Asked on one thread of its own, at most every {@link #FRESH}, and waited for at most
 * {@link #WAIT}: a broker that does not answer makes the page say so instead of hanging it.
 */
final class BrokerFigures implements AutoCloseable {

    static final Duration FRESH = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(3);

    /** {@code error} is null when the broker answered; the counts are then those of each ERP. */
    record Figures(Instant at, String error, Map<String, Long> queued, Map<String, Long> deadLetters) {
    }

    private final Supplier<ConnectionFactory> connections;
    private final Supplier<List<String>> modules;
    /** A module's queues: erp.<erp>, or its partition queues (bridge.erp.partitions), counted together. */
    private final java.util.function.Function<String, List<String>> queues;
    private final Clock clock;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "status-broker-figures");
        t.setDaemon(true);
        return t;
    });
    private Figures last;
    private CompletableFuture<Figures> asking;

    BrokerFigures(Supplier<ConnectionFactory> connections, Supplier<List<String>> modules, Clock clock) {
        this(connections, modules, erp -> List.of(RabbitTopology.erpQueue(erp)), clock);
    }

    BrokerFigures(Supplier<ConnectionFactory> connections, Supplier<List<String>> modules,
                  java.util.function.Function<String, List<String>> queues, Clock clock) {
        this.connections = connections;
        this.modules = modules;
        this.queues = queues;
        this.clock = clock;
    }

    synchronized Figures now() {
        Instant now = clock.instant();
        if (last != null && last.at().plus(FRESH).isAfter(now)) {
            return last;
        }
        if (asking == null || asking.isDone()) {
            asking = CompletableFuture.supplyAsync(this::ask, asker);
        }
        try {
            last = asking.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the question stays asked: the next call takes its answer once it comes
            return new Figures(now, "RabbitMQ did not answer within " + WAIT.toSeconds() + " s", Map.of(), Map.of());
        } catch (ExecutionException e) {
            last = new Figures(now, "cannot reach RabbitMQ: " + why(e.getCause()), Map.of(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Figures(now, "interrupted", Map.of(), Map.of());
        }
        return last;
    }

    private Figures ask() {
        Map<String, Long> queued = new LinkedHashMap<>();
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        try (Connection connection = connections.get().createConnection()) {
            for (String erp : modules.get()) {
                long sum = 0;
                for (String queue : queues.apply(erp)) {
                    long n = count(connection, queue);
                    sum = n < 0 || sum < 0 ? -1 : sum + n;
                }
                queued.put(erp, sum);
                deadLetters.put(erp, count(connection, RabbitTopology.deadLetterQueue(erp)));
            }
            return new Figures(clock.instant(), null, queued, deadLetters);
        } catch (RuntimeException e) {
            return new Figures(clock.instant(), "cannot reach RabbitMQ: " + why(e), queued, deadLetters);
        }
    }

    private static String why(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** One channel per queue: a passive declaration of a missing queue closes its channel. */
    private static long count(Connection connection, String queue) {
        try (Channel channel = connection.createChannel(false)) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }
}
