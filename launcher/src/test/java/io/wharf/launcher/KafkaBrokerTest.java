package io.wharf.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @TempDir
    Path data;

    @Test
    void singleNodeKraftOnLoopback() throws Exception {
        KafkaBroker kafka = new KafkaBroker(data);
        String props = Files.readString(kafka.writeProperties(21092, 21093));
        assertThat(props).contains(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:21093",
                "listeners=PLAINTEXT://127.0.0.1:21092,CONTROLLER://127.0.0.1:21093",
                "advertised.listeners=PLAINTEXT://127.0.0.1:21092",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "log.dirs=" + data.resolve("kafka").resolve("logs").toAbsolutePath());
        assertThat(kafka.needsFormat()).isTrue();
    }

    @Test
    void clusterIdIsCreatedOnceAndLooksLikeKafkas() throws Exception {
        KafkaBroker kafka = new KafkaBroker(data);
        String id = kafka.clusterId();
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
        assertThat(new KafkaBroker(data).clusterId()).isEqualTo(id);
    }
}
