package io.wharf.common.access;

import com.mongodb.client.MongoDatabase;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.kafka.CloudEvent;
import io.wharf.common.kafka.CloudEventExtensions;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import io.wharf.common.security.InternalAssertion;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What {@link EnableTeamAccess} adds: the replica, its Kafka subscription, {@link TeamAccess} and the
 * {@link TeamMembershipGate} in front of team routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityLookupProperties.class)
class TeamAccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TeamAccessConfiguration.class);

    /** Consumer group suffix: {@code <spring.application.name>.team-access}. */
    static final String GROUP_SUFFIX = ".team-access";

    @Bean
    MembershipReplica membershipReplica(MongoDatabase database) {
        return new MembershipReplica(database);
    }

    /**
     * With {@code wharf.identity.url} set (and the internal assertion of common's web layer), a
     * replica miss is asked of identity: see {@link IdentityMembershipClient} for why and how bounded.
     */
    @Bean
    TeamAccess teamAccess(MembershipReplica replica, IdentityLookupProperties identity,
                          ObjectProvider<InternalAssertion> assertion) {
        InternalAssertion signer = assertion.getIfAvailable();
        if (identity.url() == null || identity.url().isBlank() || signer == null) {
            log.info("Team access from the membership replica alone (no wharf.identity.url)");
            return new TeamAccess(replica);
        }
        log.info("Team access from the membership replica, and from identity at {} when it misses", identity.url());
        return new TeamAccess(replica,
                new IdentityMembershipClient(URI.create(identity.url()), signer, identity.timeout()));
    }

    /** Non-members get 404 before their request body is read: see {@link TeamMembershipGate}. */
    @Bean
    WebMvcConfigurer teamMembershipGate(TeamAccess access) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new TeamMembershipGate(access));
            }
        };
    }

    @Bean
    KafkaSubscription teamAccessSubscription(MembershipReplica replica, Environment environment) {
        return subscription(replica, environment.getRequiredProperty("spring.application.name") + GROUP_SUFFIX);
    }

    static KafkaSubscription subscription(MembershipReplica replica, String group) {
        return KafkaSubscription.to(Topics.IDENTITY, group)
                .on(TeamCreatedEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamRenamedEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamDeletedEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamMemberJoinedEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamMemberRoleChangedEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamOwnershipTransferredEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamMemberRemovedEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .on(TeamMemberLeftEvent.class, (e, envelope) -> replica.on(e, sequence(envelope)))
                .build();
    }

    static long sequence(CloudEvent envelope) {
        String sequence = envelope.extension(CloudEventExtensions.SEQUENCE);
        return sequence == null ? MembershipReplica.NO_SEQUENCE : Long.parseLong(sequence);
    }
}
