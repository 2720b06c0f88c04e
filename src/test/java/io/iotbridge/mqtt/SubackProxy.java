package io.iotbridge.mqtt;

import io.iotbridge.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MQTT-aware forwarder between the bridge and a real broker that does one thing to the broker's
 * SUBACKs: holds them back until {@link #release()}, or turns every subscription's reason code into
 * 0x87 (not authorized), as a broker with an ACL on subscriptions answers (the machine's Mosquitto
 * 2.0 grants every subscription and filters at delivery). Everything else passes as it came.
 */
final class SubackProxy implements AutoCloseable {

    private static final int SUBACK = 9;

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** SUBACKs held back, with the stream each goes to; guarded by this. */
    private final List<Held> held = new ArrayList<>();
    private boolean holding;
    private volatile boolean refusing;

    private record Held(OutputStream to, byte[] packet) {
    }

    SubackProxy(int target) throws IOException {
        this.target = target;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()));
        Thread acceptor = new Thread(this::accept, "suback-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized SubackProxy hold() {
        holding = true;
        return this;
    }

    SubackProxy refuse() {
        refusing = true;
        return this;
    }

    /** Sends the SUBACKs held back, and lets the next ones through. */
    synchronized void release() throws IOException {
        holding = false;
        for (Held h : held) {
            h.to().write(h.packet());
            h.to().flush();
        }
        held.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(broker);
                daemon(() -> copy(client.getInputStream(), broker.getOutputStream()));
                daemon(() -> packets(broker.getInputStream(), client.getOutputStream()));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private interface Pipe {
        void run() throws IOException;
    }

    private void daemon(Pipe pipe) {
        Thread t = new Thread(() -> {
            try {
                pipe.run();
            } catch (IOException e) {
                // one side closed
            }
        }, "suback-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }

    /** The broker's stream, one MQTT packet at a time: fixed header, remaining length, the rest. */
    private void packets(InputStream broker, OutputStream client) throws IOException {
        DataInputStream in = new DataInputStream(broker);
        while (true) {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            int first = in.readUnsignedByte();
            packet.write(first);
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.readUnsignedByte();
                packet.write(b);
                length |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            int headerLength = packet.size();
            byte[] rest = new byte[length];
            in.readFully(rest);
            packet.write(rest);
            byte[] bytes = packet.toByteArray();
            boolean suback = first >> 4 == SUBACK;
            if (suback && refusing) {
                notAuthorized(bytes, headerLength);
            }
            synchronized (this) {
                if (suback && holding) {
                    held.add(new Held(client, bytes));
                    continue;
                }
                client.write(bytes);
                client.flush();
            }
        }
    }

    /** MQTT 5 SUBACK: packet id (2), properties (length, then that many bytes), a reason code per subscription. */
    private static void notAuthorized(byte[] packet, int headerLength) {
        int i = headerLength + 2;
        int properties = 0;
        for (int shift = 0; ; shift += 7) {
            int b = packet[i++] & 0xff;
            properties |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        for (i += properties; i < packet.length; i++) {
            packet[i] = (byte) 0x87;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
