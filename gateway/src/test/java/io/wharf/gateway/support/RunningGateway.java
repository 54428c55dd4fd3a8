package io.wharf.gateway.support;

import io.wharf.gateway.GatewayApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway a test starts itself, e.g. several replicas in one JVM. Overrides are passed as
 * command-line arguments (builder properties would have the lowest precedence).
 */
public final class RunningGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Started and ready (its revocation consumer caught up). */
    public static RunningGateway start(TestInfrastructure infra, Map<String, Object> overrides) {
        RunningGateway gateway = startWithoutWaiting(infra, overrides);
        awaitReady(gateway.port());
        return gateway;
    }

    /** Started, serving, but possibly not ready yet. */
    public static RunningGateway startWithoutWaiting(TestInfrastructure infra, Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>(infra.properties(overrides));
        props.putIfAbsent("server.port", "0");
        List<String> args = new ArrayList<>();
        props.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new RunningGateway(new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new)));
    }

    /** Polls {@code /actuator/health/readiness} until it is 200 (UP). */
    public static void awaitReady(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).build();
        Awaitility.await("gateway on " + port + " ready").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    public int port() {
        return ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
