package io.wharf.project.inbound;

import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What project-service takes from identity's topic (DESIGN §5). */
@Configuration(proxyBeanMethods = false)
class IdentityEventsSubscription {

    static final String USER_DIRECTORY_GROUP = "project-service.user-directory";

    @Bean
    KafkaSubscription userDirectorySubscription(UserDirectory directory) {
        return KafkaSubscription.to(Topics.IDENTITY, USER_DIRECTORY_GROUP)
                .on(UserRegisteredEvent.class, (event, envelope) -> directory.on(event))
                .build();
    }
}
