package io.wharf.gateway.support;

import io.wharf.gateway.GatewayApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public static RunningGateway start(TestInfrastructure infra, Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>(infra.properties(overrides));
        props.putIfAbsent("server.port", "0");
        List<String> args = new ArrayList<>();
        props.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new RunningGateway(new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new)));
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
