package io.wharf.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The single-node KRaft broker's files under {@code <data>/kafka}: server.properties (rewritten on
 * every start, since ports may change), cluster.id (created once) and the log directory (formatted
 * once with that id by {@code kafka.tools.StorageTool}).
 */
final class KafkaBroker {

    static final String MAIN_CLASS = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

    private final Path dir;

    KafkaBroker(Path dataDir) {
        this.dir = dataDir.resolve("kafka");
    }

    Path dir() {
        return dir;
    }

    Path logDir() {
        return dir.resolve("logs");
    }

    Path propertiesFile() {
        return dir.resolve("server.properties");
    }

    /** True when the log directory still has to be formatted (first start of this data directory). */
    boolean needsFormat() {
        return !Files.exists(logDir().resolve("meta.properties"));
    }

    Path writeProperties(int port, int controllerPort) throws IOException {
        Files.createDirectories(logDir());
        String props = """
                # Written by the Wharf launcher on every start; edit StackConfig/PortPlan, not this file.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=5
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(port, controllerPort, logDir().toAbsolutePath());
        Files.writeString(propertiesFile(), props, StandardCharsets.UTF_8);
        return propertiesFile();
    }

    /** The cluster id of this data directory, created on first use (Kafka's base64 UUID form). */
    String clusterId() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        String id = newClusterId();
        Files.writeString(file, id, StandardCharsets.US_ASCII);
        return id;
    }

    /** Like Kafka's {@code Uuid.randomUuid()}: 16 random bytes, URL-safe base64, never starting with '-'. */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            ByteBuffer buf = ByteBuffer.allocate(16);
            buf.putLong(random.nextLong()).putLong(random.nextLong());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
