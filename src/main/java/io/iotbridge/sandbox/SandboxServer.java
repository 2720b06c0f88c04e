package io.iotbridge.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A sandbox's HTTP(S) server: one handler under one path, on daemon threads of its own, so
 * {@link #close()} frees the port and the threads without touching anything else.
 */
public final class SandboxServer implements AutoCloseable {

    private final String threadName;
    private final int threads;
    private HttpServer server;
    private ExecutorService executor;

    /** @param threadName what its threads are called, e.g. {@code infor-sandbox} */
    public SandboxServer(String threadName, int threads) {
        this.threadName = threadName;
        this.threads = threads;
    }

    /**
     * Listens at {@code address} (loopback: sandboxes answer nobody else), over TLS when {@code tls}
     * is set. Does nothing when already running.
     */
    public synchronized void start(InetSocketAddress address, SSLContext tls, String path, HttpHandler handler)
            throws IOException {
        if (server != null) {
            return;
        }
        if (tls == null) {
            server = HttpServer.create(address, 50);
        } else {
            HttpsServer https = HttpsServer.create(address, 50);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(path, handler);
        server.start();
    }

    /** The port it listens on, or 0 when not running. */
    public synchronized int port() {
        return server == null ? 0 : server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
