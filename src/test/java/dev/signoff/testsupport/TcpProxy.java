package dev.signoff.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on a loopback port, for tests that need a dependency to vanish and come back without stopping it
 * (the shared PostgreSQL serves other test runs). {@link #cut()} closes every forwarded connection and refuses new
 * ones (accepted, then closed at once, as a server that went away would leave them); {@link #restore()} forwards
 * again. {@link #holdRequests()} keeps connections open but stops forwarding what clients send (replies still come
 * back), so a client stalls mid-conversation; {@link #cut()} then drops whatever was held. Plain sockets, a thread per
 * direction: test traffic only.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean holding;
    private final Object hold = new Object();
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Breaks every connection through the proxy and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
        releaseRequests();
    }

    /** Stops forwarding client data to the target (connections stay open) until {@link #releaseRequests()}. */
    public void holdRequests() {
        holding = true;
    }

    public void releaseRequests() {
        synchronized (hold) {
            holding = false;
            hold.notifyAll();
        }
    }

    /** Connections forwarded to the target so far. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Connections refused while cut. */
    public long refused() {
        return refused.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                forwarded.incrementAndGet();
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            if (request) {
                                awaitRelease(to);
                            }
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side went away: so does the other
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** While requests are held: waits, and gives up (IOException) once the connection is cut. */
    private void awaitRelease(Socket to) throws IOException {
        synchronized (hold) {
            while (holding && !to.isClosed()) {
                try {
                    hold.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        if (to.isClosed()) {
            throw new IOException("cut while held");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
