package io.iotbridge.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one {@link BrokerConnection}: which ones the entries read, which were sent,
 * acknowledged or refused by the broker, and which no entry reads any more. A subscription no
 * entry came back for is dropped only after the park timeout, so a reloaded entry finds its
 * session's queue. Every field is guarded by this.
 */
final class BrokerSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSubscriptions.class);

    private final String url;
    private final TopicReaders consumers;
    private final Duration parkTimeout;
    /** The connection's client of the moment: a new one after a stalled reconnect. */
    private final Supplier<MqttAsyncClient> client;
    /** Subscriptions sent on this connection. */
    private final Set<String> subscribed = new HashSet<>();
    /** Of those, the ones the broker acknowledged (SUBACK). */
    private final Set<String> acknowledged = new HashSet<>();
    /** Of those, the ones the broker refused, with its reason. */
    private final Map<String, String> refused = new HashMap<>();
    /** Subscriptions no entry reads any more, and since when. */
    private final Map<String, Instant> orphaned = new HashMap<>();

    BrokerSubscriptions(String url, TopicReaders consumers, Duration parkTimeout, Supplier<MqttAsyncClient> client) {
        this.url = url;
        this.consumers = consumers;
        this.parkTimeout = parkTimeout;
        this.client = client;
    }

    /** Whether every subscription an entry reads was acknowledged, and none refused. */
    synchronized boolean allAcknowledged() {
        List<String> read = readSubscriptions();
        return read.stream().noneMatch(refused::containsKey) && acknowledged.containsAll(read);
    }

    private List<String> readSubscriptions() {
        return consumers.all().stream().map(c -> c.filter().subscription()).distinct().toList();
    }

    /** What the health check says of them while connected. */
    synchronized String describe() {
        List<String> read = readSubscriptions();
        Map<String, String> refusedRead = new TreeMap<>(refused);
        refusedRead.keySet().retainAll(read);
        if (!refusedRead.isEmpty()) {
            return "the broker refused to subscribe " + refusedRead;
        }
        List<String> waiting = read.stream().filter(s -> !acknowledged.contains(s)).sorted().toList();
        return waiting.isEmpty() ? "subscribed to " + acknowledged.size() + " topic filter(s)"
                : "waiting for the broker to acknowledge the subscription to " + waiting;
    }

    /** An entry reads this subscription (again): subscribes if needed. */
    synchronized void read(String subscription) {
        orphaned.remove(subscription);
        // asked again: the broker's rules may have changed since it refused
        if (refused.remove(subscription) != null) {
            subscribed.remove(subscription);
        }
        subscribe(List.of(subscription));
    }

    /** An entry stopped reading this subscription: kept, and dropped after the park timeout if no entry reads it. */
    synchronized void unread(String subscription) {
        if (!consumers.anySubscribes(subscription)) {
            orphaned.put(subscription, Instant.now());
        }
    }

    /** (Re)connected: the broker's answers of the last connection no longer hold, every subscription read is sent. */
    synchronized void renew() {
        subscribed.clear();
        acknowledged.clear();
        refused.clear();
        subscribe(readSubscriptions());
    }

    private synchronized void subscribe(List<String> subscriptions) {
        List<String> missing = subscriptions.stream().filter(s -> !subscribed.contains(s)).distinct().toList();
        MqttAsyncClient c = client.get();
        if (missing.isEmpty() || !c.isConnected()) {
            return;
        }
        MqttSubscription[] subs = missing.stream().map(s -> {
            MqttSubscription sub = new MqttSubscription(s, 1);
            // a retained message once, when first subscribed, not again at every reconnect
            sub.setRetainHandling(1);
            return sub;
        }).toArray(MqttSubscription[]::new);
        try {
            c.subscribe(subs, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    acknowledge(missing, token.getReasonCodes());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("MQTT broker {}: cannot subscribe {}: {}", url, missing, failure.getMessage());
                    synchronized (BrokerSubscriptions.this) {
                        missing.forEach(s -> {
                            subscribed.remove(s);
                            refused.put(s, String.valueOf(failure.getMessage()));
                        });
                    }
                }
            }, new MqttProperties());
            subscribed.addAll(missing);
        } catch (MqttException e) {
            LOG.error("MQTT broker {}: cannot subscribe {}: {}", url, missing, e.getMessage());
        }
    }

    /**
     * The broker's SUBACK: one reason code per subscription, in the order sent; 0x80 and above is a
     * refusal (e.g. 0x87 not authorized by the broker's ACL), logged once and kept for the health check.
     */
    private synchronized void acknowledge(List<String> sent, int[] reasonCodes) {
        for (int i = 0; i < sent.size(); i++) {
            int code = reasonCodes != null && i < reasonCodes.length ? reasonCodes[i] : 0;
            if (code >= 0x80) {
                String reason = "reason code 0x" + Integer.toHexString(code) + (code == 0x87 ? " (not authorized)" : "");
                refused.put(sent.get(i), reason);
                LOG.error("MQTT broker {}: refused to subscribe {}: {}", url, sent.get(i), reason);
            } else {
                acknowledged.add(sent.get(i));
                refused.remove(sent.get(i));
            }
        }
        LOG.debug("MQTT broker {}: SUBACK for {}", url, sent);
    }

    /** Drops the subscriptions no entry came back for, and those of refused messages no entry reads. */
    void dropUnread(Set<String> refusedTopics) {
        Instant limit = Instant.now().minus(parkTimeout);
        List<String> stale;
        synchronized (this) {
            stale = orphaned.entrySet().stream().filter(e -> e.getValue().isBefore(limit)).map(Map.Entry::getKey).toList();
        }
        stale.forEach(this::unsubscribe);
        // a subscription of an earlier run, for a topic no entry reads now
        refusedTopics.stream().filter(t -> consumers.of(t).isEmpty() && !stale.contains(t)).forEach(this::unsubscribe);
    }

    private synchronized void unsubscribe(String subscription) {
        if (consumers.anySubscribes(subscription)) {
            return;
        }
        subscribed.remove(subscription);
        acknowledged.remove(subscription);
        refused.remove(subscription);
        orphaned.remove(subscription);
        try {
            client.get().unsubscribe(subscription);
            LOG.info("MQTT broker {}: unsubscribed {}: no catalogue entry reads it", url, subscription);
        } catch (MqttException e) {
            LOG.warn("MQTT broker {}: cannot unsubscribe {}: {}", url, subscription, e.getMessage());
        }
    }
}
