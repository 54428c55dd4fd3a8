package io.wharf.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MongoWireServerTest {

    @TempDir
    Path data;

    @Test
    void documentsSurviveARestart() throws Exception {
        Path file = data.resolve("mongo/wharf.mv.db");
        int port = PortPlan.freeBase();
        try (MongoWireServer server = MongoWireServer.start("127.0.0.1", port, file);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("wharf-identity").getCollection("users").insertOne(new Document("_id", "u1").append("email", "a@b.c"));
        }
        try (MongoWireServer server = MongoWireServer.start("127.0.0.1", port, file);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            Document user = client.getDatabase("wharf-identity").getCollection("users").find(new Document("_id", "u1")).first();
            assertThat(user).isNotNull();
            assertThat(user.getString("email")).isEqualTo("a@b.c");
        }
    }

    @Test
    void answersHelloLikeARealServer() throws Exception {
        int port = PortPlan.freeBase();
        try (MongoWireServer server = MongoWireServer.start("127.0.0.1", port, data.resolve("m.mv.db"));
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            // what Spring Boot's MongoHealthIndicator sends
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.get("ok")).isIn(1, 1.0);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
        }
    }

    @Test
    void documentsSurviveKillMinusNine() throws Exception {
        Path file = data.resolve("mongo/wharf.mv.db");
        int port = PortPlan.freeBase();
        Process first = startChild(port, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("wharf-project").getCollection("projects").insertOne(new Document("_id", "p1"));
            // the auto-commit delay is 100 ms; give it a few rounds before pulling the plug
            Thread.sleep(500);
        } finally {
            first.destroyForcibly().waitFor();
        }
        Process second = startChild(port, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(client.getDatabase("wharf-project").getCollection("projects").countDocuments()).isEqualTo(1);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static Process startChild(int port, Path file) throws Exception {
        Process p = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MongoWireServer.class.getName(),
                "--port", Integer.toString(port), "--file", file.toString()))
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive() || Health.tcpOpen("127.0.0.1", port));
        assertThat(p.isAlive()).isTrue();
        return p;
    }
}
