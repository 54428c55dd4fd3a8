package io.wharf.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port in front of a real server that is "down" (every connection is closed at once)
 * until {@link #open()}, then forwards bytes both ways. Lets a test decide when a gateway first
 * reaches Kafka: its bootstrap address points here. {@link #cut()} takes it down again, dropping every
 * connection that passes through (a Kafka broker that advertises this port, so that clients never
 * go around it, lets a test cut a gateway off Kafka and reconnect it).
 */
public final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private volatile String targetHost;
    private volatile int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    public TcpForwarder(String target) {
        this();
        target(target);
    }

    /** A forwarder whose target is set later ({@link #target}): its port is known before the target's. */
    public TcpForwarder() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Where to forward ({@code host:port}). */
    public void target(String target) {
        int colon = target.lastIndexOf(':');
        this.targetHost = target.substring(0, colon);
        this.targetPort = Integer.parseInt(target.substring(colon + 1));
    }

    public int port() {
        return server.getLocalPort();
    }

    public void open() {
        open = true;
    }

    /** "Down" again: every connection passing through is dropped, new ones are closed at once. */
    public void cut() {
        open = false;
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!open) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or the target refused: the client sees a closed connection and retries
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "tcp-forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
