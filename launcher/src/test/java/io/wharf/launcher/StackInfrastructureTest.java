package io.wharf.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process side of the launcher with the real Mongo wire server and Kafka broker as child
 * processes (no services: those are the system tests' business). About 10 s.
 */
class StackInfrastructureTest {

    @TempDir
    Path data;

    private final List<String> output = new ArrayList<>();

    @Test
    void startsStopsCleanlyAndKeepsDataAcrossRestarts() throws Exception {
        int base = PortPlan.freeBase();
        StackConfig config = StackConfig.builder().dataDir(data).basePort(base)
                .services(List.of()).gateway(false).output(output::add).build();

        List<ProcessHandle> children;
        String clusterId;
        try (Stack stack = Stack.start(config)) {
            assertThat(stack.parts()).containsExactly(Services.MONGO, Services.KAFKA);
            assertThat(Health.tcpOpen("127.0.0.1", base + 6)).isTrue();
            assertThat(Health.tcpOpen("127.0.0.1", base + 7)).isTrue();
            assertThat(stack.kafkaBootstrap()).isEqualTo("127.0.0.1:" + (base + 7));
            assertThat(data.resolve("run/mongo.pid")).exists();
            assertThat(data.resolve("run/ready")).exists();
            children = stack.parts().stream().map(p -> stack.process(p).orElseThrow()).toList();
            clusterId = Files.readString(data.resolve("kafka/cluster.id"));
            try (MongoClient client = MongoClients.create(stack.mongoUri())) {
                client.getDatabase("wharf-identity").getCollection("keys").insertOne(new Document("_id", "k1"));
            }
            // a second stack on the same data directory is refused while this one runs
            assertThatThrownBy(() -> Stack.start(config)).hasMessageContaining("already running");
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(data.resolve("run/mongo.pid")).doesNotExist();
        assertThat(data.resolve("run/ready")).doesNotExist();
        assertThat(output).contains("Wharf stopped");

        output.clear();
        try (Stack stack = Stack.start(config)) {
            assertThat(output).noneMatch(line -> line.contains("formatting"));
            assertThat(Files.readString(data.resolve("kafka/cluster.id"))).isEqualTo(clusterId);
            try (MongoClient client = MongoClients.create(stack.mongoUri())) {
                assertThat(client.getDatabase("wharf-identity").getCollection("keys").countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void refusesPortsInUseNamingThePart() throws Exception {
        int base = PortPlan.freeBase();
        try (var blocker = new java.net.ServerSocket(base + 7, 1, java.net.InetAddress.getLoopbackAddress())) {
            StackConfig config = StackConfig.builder().dataDir(data).basePort(base)
                    .services(List.of()).gateway(false).output(output::add).build();
            assertThatThrownBy(() -> Stack.start(config))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("port " + (base + 7) + " (kafka)");
        }
        assertThat(data.resolve("run/stack.pid")).doesNotExist();
    }

    @Test
    void missingExecJarIsReportedWithTheBuildCommand(@TempDir Path fakeRepo) throws Exception {
        Path realRoot = RepositoryRoot.locate();
        // a repository with the launcher's libraries but no service built
        Files.createDirectories(fakeRepo.resolve("launcher/target"));
        Files.createSymbolicLink(fakeRepo.resolve("launcher/target/lib"), realRoot.resolve("launcher/target/lib"));
        StackConfig config = StackConfig.builder().repoRoot(fakeRepo).dataDir(data).basePort(PortPlan.freeBase())
                .services(List.of(Services.IDENTITY)).gateway(false).output(output::add).build();
        assertThatThrownBy(() -> Stack.start(config))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("identity-service-<version>-exec.jar")
                .hasMessageContaining("./mvnw -B -DskipTests package");
    }
}
