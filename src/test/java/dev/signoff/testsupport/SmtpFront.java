package dev.signoff.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-based SMTP relay in front of a real SMTP server (GreenMail): every command goes through to it and its reply
 * comes back, except {@code RCPT TO} for an address given a reply with {@link #reply}, which the front answers itself
 * (a {@code 550 5.1.1} or a {@code 451 4.3.0}) without telling the server. {@link #down()} stops listening and drops
 * every connection, as a server that went away does; {@link #up()} listens again on the same port.
 */
public final class SmtpFront implements AutoCloseable {

    private static final Pattern RCPT = Pattern.compile("(?i)^RCPT TO:\\s*<([^>]*)>.*");

    private final InetAddress host;
    private final int port;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private SmtpFront(InetAddress host, int port, String upstreamHost, int upstreamPort) {
        this.host = host;
        this.port = port;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
    }

    /** Listens on a free port of {@code host} and relays to the server at upstreamHost:upstreamPort. */
    public static SmtpFront start(String host, String upstreamHost, int upstreamPort) {
        try {
            ServerSocket first = new ServerSocket();
            first.setReuseAddress(true);
            first.bind(new InetSocketAddress(host, 0));
            SmtpFront front = new SmtpFront(first.getInetAddress(), first.getLocalPort(), upstreamHost, upstreamPort);
            front.listen(first);
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return host.getHostAddress();
    }

    /** From now on, answers {@code RCPT TO:<address>} with this reply line, e.g. "550 5.1.1 No such user". */
    public void reply(String address, String reply) {
        replies.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** Relays everything again, every address. */
    public void acceptAll() {
        replies.clear();
    }

    /** The replies the front gave itself, as "address -> reply", oldest first. */
    public List<String> answered() {
        return List.copyOf(answered);
    }

    /** Stops listening and drops every open connection: a client now gets "connection refused". */
    public synchronized void down() {
        closeQuietly(server);
        server = null;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again, on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(host, port));
            listen(again);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void listen(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "smtp-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread session = new Thread(() -> relay(client), "smtp-front-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed by down() or close()
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            open.add(upstream);
            BufferedReader fromClient = reader(client);
            OutputStream toClient = client.getOutputStream();
            BufferedReader fromServer = reader(upstream);
            OutputStream toServer = upstream.getOutputStream();
            write(toClient, readReply(fromServer));
            String line;
            while ((line = fromClient.readLine()) != null) {
                Matcher rcpt = RCPT.matcher(line);
                String own = rcpt.matches() ? replies.get(rcpt.group(1).toLowerCase(Locale.ROOT)) : null;
                if (own != null) {
                    answered.add(rcpt.group(1) + " -> " + own);
                    write(toClient, own);
                    continue;
                }
                write(toServer, line);
                String reply = readReply(fromServer);
                write(toClient, reply);
                if (line.equalsIgnoreCase("DATA") && reply.startsWith("354")) {
                    String data;
                    do {
                        data = fromClient.readLine();
                        if (data == null) {
                            return;
                        }
                        write(toServer, data);
                    } while (!data.equals("."));
                    write(toClient, readReply(fromServer));
                } else if (line.equalsIgnoreCase("QUIT")) {
                    return;
                }
            }
        } catch (SocketException e) {
            // dropped by down(), or the client went away
        } catch (IOException e) {
            // the same, seen while reading
        } finally {
            open.remove(client);
        }
    }

    /** One reply, multi-line ones ("250-...") included, as CRLF-separated lines without the last CRLF. */
    private static String readReply(BufferedReader in) throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new SocketException("the server closed the connection");
            }
            if (reply.length() > 0) {
                reply.append("\r\n");
            }
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        // ISO-8859-1 maps every byte to one char and back: the relay passes 8-bit content unchanged.
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void write(OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        down();
    }
}
