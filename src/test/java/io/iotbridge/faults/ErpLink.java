package io.iotbridge.faults;

import io.iotbridge.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between the bridge and an ERP, as a TCP relay on a port of its own that a test can
 * cut: {@link #refuse()} closes it (connections refused), {@link #blackHole()} accepts and reads
 * but never answers (the client's timeouts), {@link #restore()} relays again.
 */
final class ErpLink implements AutoCloseable {

    private enum Mode { RELAY, BLACK_HOLE }

    private final int port = FreePorts.next();
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.RELAY;
    private ServerSocket server;

    ErpLink(int target) throws IOException {
        this.target = target;
        listen();
    }

    int port() {
        return port;
    }

    /** Nothing listens: every connection attempt is refused; open connections are cut. */
    synchronized void refuse() throws IOException {
        server.close();
        server = null;
        cutAll();
    }

    /** Listening again, taking connections and requests but never answering. */
    synchronized void blackHole() throws IOException {
        mode = Mode.BLACK_HOLE;
        cutAll();
        listen();
    }

    /** Relaying again. */
    synchronized void restore() throws IOException {
        mode = Mode.RELAY;
        cutAll();
        listen();
    }

    private void listen() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        daemon("erp-link-accept", () -> accept(s));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                open.add(client);
                if (mode == Mode.BLACK_HOLE) {
                    pump(client.getInputStream(), OutputStream.nullOutputStream(), client, client);
                } else {
                    Socket erp = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(erp);
                    pump(client.getInputStream(), erp.getOutputStream(), client, erp);
                    pump(erp.getInputStream(), client.getOutputStream(), client, erp);
                }
            } catch (IOException e) {
                // closed by refuse() or close(), or the ERP side is down: the caller sees a broken connection
            }
        }
    }

    private void pump(InputStream in, OutputStream out, Socket a, Socket b) {
        daemon("erp-link-pump", () -> {
            try (a; b) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: both go
            } finally {
                open.remove(a);
                open.remove(b);
            }
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private void cutAll() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
        }
        cutAll();
    }
}
