package io.wharf.gateway.health;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Kafka and MongoDB reachability for {@code GET /api/health}. Both clients are blocking, so probes run
 * on the bounded-elastic scheduler, never on the event loop. The clients are created once, with
 * short timeouts, and kept: a down broker or server only makes a probe answer "down".
 */
@Component
class InfrastructureProbes implements DisposableBean {

    private final AdminClient kafka;
    private final MongoClient mongo;
    private final Duration timeout;

    InfrastructureProbes(KafkaProperties kafkaProperties,
                         @Value("${spring.data.mongodb.uri}") String mongoUri,
                         io.wharf.gateway.config.GatewayProperties properties) {
        this.timeout = properties.health().timeout();
        int millis = (int) timeout.toMillis();
        this.kafka = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafkaProperties.getBootstrapServers()),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "wharf-gateway-health"));
        this.mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongoUri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(millis, TimeUnit.MILLISECONDS)
                        .readTimeout(millis, TimeUnit.MILLISECONDS))
                .build());
    }

    Mono<Boolean> kafkaUp() {
        return blocking(() -> {
            kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        });
    }

    Mono<Boolean> mongoUp() {
        return blocking(() -> {
            mongo.getDatabase("admin").runCommand(new Document("ping", 1));
            return true;
        });
    }

    private Mono<Boolean> blocking(java.util.concurrent.Callable<Boolean> probe) {
        return Mono.fromCallable(probe)
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout.plusMillis(500))
                .onErrorReturn(false);
    }

    @Override
    public void destroy() {
        kafka.close(Duration.ofSeconds(1));
        mongo.close();
    }
}
