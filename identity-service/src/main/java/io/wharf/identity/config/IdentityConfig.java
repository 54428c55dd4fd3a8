package io.wharf.identity.config;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of identity-service.
 *
 * <p>TODO(integrator): the Axon event store and token store come from common's
 * {@code io.wharf.common.axon} auto-configuration (Mongo storage engine and token store on the Boot
 * MongoClient and {@code spring.data.mongodb.database}). Until it is merged the service has no
 * EventStorageEngine of its own; the tests plug in Axon's in-memory engine
 * ({@code IdentityTestInfrastructure}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityConfig {

    /** Processing group of the write-side e-mail lookup: updated in the command's unit of work. */
    public static final String EMAIL_LOOKUP_GROUP = "user-email-lookup";
    /** Processing group of the write-side team slug/name lookup: updated in the command's unit of work. */
    public static final String TEAM_NAME_LOOKUP_GROUP = "team-name-lookup";
    /** Team and member views (team routes, users/me). */
    public static final String TEAM_VIEWS_GROUP = "team-views";
    /** User names, e-mails and last logins shown in team member lists. */
    public static final String USER_VIEWS_GROUP = "user-views";
    /** Invitation e-mails (a side effect): starts at the head of the store, never replays. */
    public static final String INVITATION_MAIL_GROUP = "invitation-mail";
    /** Team statistics from project- and node-service's events: forgets a deleted team's projects, versions, nodes. */
    public static final String TEAM_STATISTICS_GROUP = "team-statistics";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdentityDatabase identityDatabase(MongoClient client, MongoProperties properties) {
        return new IdentityDatabase(client.getDatabase(properties.getMongoClientDatabase()));
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // Subscribing: the lookup must be current when the register command returns (read-your-writes
        // for a login right after), so it cannot wait for a tracking processor.
        processing.registerSubscribingEventProcessor(EMAIL_LOOKUP_GROUP);
        processing.registerSubscribingEventProcessor(TEAM_NAME_LOOKUP_GROUP);
        // A new mail processor must not mail every invitation ever made: it starts at the head of the
        // store (its token then lives in Mongo like every other), and its handler refuses replays.
        processing.registerTrackingEventProcessorConfiguration(INVITATION_MAIL_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
        // The view groups (TEAM_VIEWS_GROUP, USER_VIEWS_GROUP) are tracking processors (Axon's default,
        // tokens in Mongo): command endpoints wait for them with ViewWait (read-your-writes).
    }
}
