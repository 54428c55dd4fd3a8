package io.wharf.identity.config;

import com.mongodb.client.MongoDatabase;

/**
 * Identity's own database ({@code spring.data.mongodb.database}, {@code wharf-identity}) for the
 * write-side lookups and the signing keys. A type of its own rather than a {@code MongoDatabase}
 * bean, so it can never make another {@code MongoDatabase} injection (common's Axon wiring) ambiguous.
 */
public record IdentityDatabase(MongoDatabase mongo) {
}
