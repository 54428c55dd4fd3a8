package io.wharf.common.config;

import org.springframework.boot.autoconfigure.mongo.MongoProperties;

/** The name of the service's own MongoDatabase ({@code spring.data.mongodb.database} or the URI's). */
public final class ServiceDatabase {

    private ServiceDatabase() {
    }

    /** Refuses to fall back to a shared default such as {@code test}: services never share a database. */
    public static String name(MongoProperties properties) {
        String name = properties.getMongoClientDatabase();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(
                    "Set spring.data.mongodb.database to this service's own database (e.g. wharf-project)");
        }
        return name;
    }
}
