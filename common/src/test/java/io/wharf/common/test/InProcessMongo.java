package io.wharf.common.test;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process mongo-java-server (in-memory backend, random port) per test JVM, started on
 * first use. As an extension it sets {@code spring.data.mongodb.uri} as a system property before
 * the test's Spring contexts start; give each test class its own database with {@link #freshDatabase}.
 */
public final class InProcessMongo implements BeforeAllCallback {

    private static MongoServer server;
    private static String uri;

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

    /** A database name nobody else in this JVM uses, e.g. {@code t-userdirectorytest-1a2b3c4d}. */
    public static String freshDatabase(Class<?> testClass) {
        return "t-" + testClass.getSimpleName().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
