package io.iotbridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A free TCP port on loopback, for tests that start servers.
 *
 * <p>Ports come from 20000-29999, below Linux's ephemeral range (32768-60999): a port the kernel
 * hands out with {@code new ServerSocket(0)} can be taken again by any outgoing connection
 * (a RabbitMQ or HTTP client of an earlier test) before the server under test binds it, which
 * made a bridge fail to start now and then. Each JVM starts at a random point and never hands
 * out the same port twice.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int COUNT = 10_000;
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(COUNT));

    private FreePorts() {
    }

    public static int next() {
        for (int tries = 0; tries < COUNT; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + (FIRST + COUNT - 1));
    }

    private static boolean free(int port) {
        // bound on all addresses, as the servers under test bind
        try (ServerSocket socket = new ServerSocket(port, 1, (InetAddress) null)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
