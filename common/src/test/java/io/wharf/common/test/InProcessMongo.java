package io.wharf.common.test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process mongo-java-server (in-memory backend, random port) per test JVM, started on
 * first use. As an extension it sets {@code spring.data.mongodb.uri} as a system property before
 * the test's Spring contexts start; a Spring context gets its own database by name with
 * {@link #freshDatabase}, a test without Spring gets one to use directly with {@link #newDatabase}.
 */
public final class InProcessMongo implements BeforeAllCallback {

    private static MongoServer server;
    private static String uri;
    private static MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("spring.data.mongodb.uri", uri());
    }

    public static synchronized String uri() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            uri = "mongodb://127.0.0.1:" + address.getPort();
            MongoServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdownNow, "in-process-mongo-stop"));
        }
        return uri;
    }

    /**
     * The one client of this JVM on the server, for tests that need the client itself (e.g. Axon's
     * MongoTemplate) or read a database a Spring context was given. Tests must not close it: the
     * JVM's shutdown closes it, so test classes need no connect/close pair of their own.
     */
    public static synchronized MongoClient client() {
        if (client == null) {
            MongoClient created = MongoClients.create(uri());
            client = created;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "in-process-mongo-client-close"));
        }
        return client;
    }

    /** A database name nobody else in this JVM uses, e.g. {@code t-userdirectorytest-1a2b3c4d}. */
    public static String freshDatabase(Class<?> testClass) {
        return "t-" + testClass.getSimpleName().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A database nobody else in this JVM uses (named by {@link #freshDatabase}), on the shared {@link #client()}. */
    public static MongoDatabase newDatabase(Class<?> testClass) {
        return client().getDatabase(freshDatabase(testClass));
    }
}
