package io.wharf.common.idempotency;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Command deduplication by Idempotency-Key for every Axon service (Axon registers command handler
 * interceptor beans on the command bus). The service's own database holds the records.
 */
@AutoConfiguration(afterName = "io.wharf.common.config.MongoDatabaseAutoConfiguration")
@ConditionalOnClass({AxonAutoConfiguration.class, MongoDatabase.class})
class IdempotencyAutoConfiguration {

    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> wharfCommandDeduplication(
            ObjectProvider<MongoDatabase> database, Serializer serializer,
            @Value("${wharf.idempotency.retention:25h}") Duration retention) {
        return new CommandDeduplicationInterceptor(new HandledCommands(database::getObject, retention), serializer);
    }
}
