package io.iotbridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a loopback port to a target port, to cut a real connection in a test (a
 * broker "going down" for the bridge while it keeps running for everyone else): {@link #cut()}
 * closes every forwarded connection and, until {@link #restore()}, resets each new one at once.
 *
 * <p>The port stays bound from the first {@link #restore()} to {@link #close()}: binding it again
 * after a cut failed now and then with "Address already in use".
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private volatile boolean down = true;

    public TcpProxy(int port, int target) {
        this.port = port;
        this.target = target;
    }

    public int port() {
        return port;
    }

    public synchronized TcpProxy restore() throws IOException {
        if (server == null) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        down = false;
        return this;
    }

    public synchronized void cut() throws IOException {
        down = true;
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    @Override
    public synchronized void close() throws IOException {
        cut();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                if (down) {
                    refuse(client);
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    refuse(client);
                    continue;
                }
                synchronized (this) {
                    if (down) {
                        // cut while this one was being set up
                        refuse(client);
                        upstream.close();
                        continue;
                    }
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // closed by close()
            }
        }
    }

    /** A reset, as a port where nothing listens answers. */
    private static void refuse(Socket client) throws IOException {
        client.setSoLinger(true, 0);
        client.close();
    }
    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }
}
