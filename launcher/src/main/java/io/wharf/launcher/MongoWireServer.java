package io.wharf.launcher;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire-compatible server on a persistent H2 (MVStore) file: the stand-in for {@code mongod},
 * which cannot be installed on the target machines.
 *
 * <p>mongo-java-server's own main classes bind only localhost:27017; this one takes the port, so
 * tests and a second stack can run next to a default {@code ./wharf up}. Run as a child process by
 * {@link Stack}: {@code MongoWireServer --port 27017 --file data/mongo/wharf.mv.db}.
 */
public final class MongoWireServer implements AutoCloseable {

    /** MVStore commits in the background; a short delay bounds what a {@code kill -9} can lose. */
    private static final int AUTO_COMMIT_DELAY_MILLIS = 100;

    private final MongoServer server;
    private final H2Backend backend;

    private MongoWireServer(MongoServer server, H2Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    /** Opens (or creates) the file and listens on {@code host:port}. */
    public static MongoWireServer start(String host, int port, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).open();
        store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MILLIS);
        H2Backend backend = new HelloAwareH2Backend(store);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new MongoWireServer(server, backend);
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** Stops listening, then commits and closes the file (shutdown also closes the backend). */
    @Override
    public synchronized void close() {
        server.shutdownNow();
        try {
            backend.close();
        } catch (RuntimeException alreadyClosed) {
            // shutdownNow() may have closed the backend already; closing twice is harmless.
        }
    }

    /**
     * mongo-java-server knows {@code isMaster} but not its successor {@code hello}, which Spring
     * Boot's Mongo health indicator sends: without this, every service using Spring Data MongoDB
     * would report DOWN under the launcher. {@code hello} answers what {@code isMaster} answers,
     * with the field names of {@code hello}.
     */
    static final class HelloAwareH2Backend extends H2Backend {

        HelloAwareH2Backend(MVStore store) {
            super(store);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if (command.equals("hello")) {
                Document reply = new Document(super.handleCommand(channel, database, "isMaster", query));
                reply.put("isWritablePrimary", reply.getOrDefault("ismaster", Boolean.TRUE));
                return reply;
            }
            return super.handleCommand(channel, database, command, query);
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        Path file = Path.of("data", "mongo", "wharf.mv.db");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + " (usage: MongoWireServer [--host h] [--port p] [--file path])");
            }
        }
        MongoWireServer mongo = start(host, port, file);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT run the hook: the file is committed and closed before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "mongo-shutdown"));
        System.out.println("MongoDB wire server listening on " + host + ":" + mongo.port() + ", file " + file.toAbsolutePath());
        stopped.await();
    }
}
