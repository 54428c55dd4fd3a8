package io.wharf.common.test.publisher;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service that owns a real Axon event store on Mongo and the genuine {@code kafka-publisher},
 * standing in for identity-service in other modules' tests (context {@code identity}, so it
 * publishes {@code UserRegisteredEvent}s on {@code wharf.identity.events}), or for another service
 * with {@code --wharf.service.context=<context>} among the extra arguments (e.g. {@code project}, with
 * {@link PublishTeamEventsCommand} carrying that service's events under its aggregate id).
 */
@SpringBootApplication
public class PublishingTestApplication {

    /**
     * @param bootstrapServers where the publisher sends (may have no broker yet)
     * @param mongoUri         the Mongo server
     * @param database         the event store's database
     */
    public static ConfigurableApplicationContext start(String bootstrapServers, String mongoUri, String database,
                                                       String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                // Own config name: the service under test in the same JVM keeps its application.yml.
                "--spring.config.name=publishing-test",
                "--spring.application.name=publishing-test",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.data.mongodb.uri=" + mongoUri,
                "--spring.data.mongodb.database=" + database,
                "--wharf.kafka.publisher.send-timeout=2s"));
        args.addAll(List.of(extraArgs));
        // A repeated command-line option would be joined ("identity,project"), so the default context
        // is added only when the caller names none (identity-service's tests publish as "project").
        if (args.stream().noneMatch(arg -> arg.startsWith("--wharf.service.context="))) {
            args.add("--wharf.service.context=identity");
        }
        return new SpringApplicationBuilder(PublishingTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
