package io.wharf.common.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event that stays in its service's event store and is never sent to Kafka, because it
 * carries state no other service may see (a password hash, an encrypted credential). Everything
 * else a service stores is published by its {@code kafka-publisher}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Internal {
}
