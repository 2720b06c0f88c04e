package io.iotbridge.buffer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.camel.component.springrabbit.DefaultListenerContainerFactory;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

/**
 * Which partition queues an instance subscribes to first ({@code bridge.erp.partitions.home}).
 * With single active consumer the broker makes the first consumer of a queue its owner and does
 * not move it while that one lives (RabbitMQ 3.x has no priorities among single active
 * consumers), so instances started one after the other would leave every partition with the
 * first. An instance with home partitions subscribes to those at once and to the others only
 * {@code bridge.erp.partitions.standby-after} later, as a standby for them; instances started
 * within that time each own their home partitions. Without home partitions (the default) it
 * subscribes to all at once.
 *
 * <p>The spring-rabbitmq component's container factory: Spring's direct listener container adds a
 * queue's consumers without touching those already running.
 */
public final class HomePartitions extends DefaultListenerContainerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(HomePartitions.class);
    private static final Pattern PARTITION_QUEUE = Pattern.compile("erp\\..+\\.(\\d+)");

    private final Set<Integer> home;
    private final Duration standbyAfter;
    private final ScheduledExecutorService scheduler;

    public HomePartitions(Set<Integer> home, Duration standbyAfter, ScheduledExecutorService scheduler) {
        this.home = home;
        this.standbyAfter = standbyAfter;
        this.scheduler = scheduler;
    }

    /** {@code bridge.erp.partitions.home}: partition numbers, comma separated; empty for none. */
    public static Set<Integer> parse(String list) {
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bridge.erp.partitions.home must list partition numbers, e.g. 0,1, not '"
                    + list + "'", e);
        }
    }

    @Override
    public AbstractMessageListenerContainer createListenerContainer(SpringRabbitMQEndpoint endpoint) {
        AbstractMessageListenerContainer container = super.createListenerContainer(endpoint);
        if (home.isEmpty() || !(container instanceof DirectMessageListenerContainer direct)) {
            return container;
        }
        List<String> standby = Arrays.stream(container.getQueueNames()).filter(this::standby).toList();
        if (standby.isEmpty() || standby.size() == container.getQueueNames().length) {
            return container; // not partition queues, or none of them home: take them as they are
        }
        direct.removeQueueNames(standby.toArray(String[]::new));
        new StandbyLater(direct, standby).watch();
        return container;
    }

    /**
     * Adds the standby queues {@code standbyAfter} after the container started consuming (not
     * after it was made: a bridge with thousands of routes takes long from one to the other).
     */
    private final class StandbyLater implements Runnable {
        private final DirectMessageListenerContainer container;
        private final List<String> queues;
        private long runningSince = -1;
        private java.util.concurrent.ScheduledFuture<?> watch;

        StandbyLater(DirectMessageListenerContainer container, List<String> queues) {
            this.container = container;
            this.queues = queues;
        }

        synchronized void watch() {
            watch = scheduler.scheduleWithFixedDelay(this, 200, 200, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void run() {
            long now = System.nanoTime();
            if (!container.isRunning()) {
                if (runningSince >= 0) {
                    watch.cancel(false); // stopped: its route's next start makes a new container
                }
                return; // not started yet (a disabled module's never is: a cheap check every 200 ms)
            }
            if (runningSince < 0) {
                runningSince = now;
            }
            if (now - runningSince >= standbyAfter.toNanos()) {
                LOG.info("Standing by for partition queues {} (home partitions {})", queues, new java.util.TreeSet<>(home));
                container.addQueueNames(queues.toArray(String[]::new));
                watch.cancel(false);
            }
        }
    }

    private boolean standby(String queue) {
        var m = PARTITION_QUEUE.matcher(queue);
        return m.matches() && !home.contains(Integer.valueOf(m.group(1)));
    }
}
