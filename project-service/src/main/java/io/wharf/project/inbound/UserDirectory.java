package io.wharf.project.inbound;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.wharf.common.events.identity.UserRegisteredEvent;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Local replica of identity's users (collection {@code user_directory}), so audit entries and
 * responses can name users without calling identity-service (DESIGN §4: no synchronous calls).
 * Upsert by user id: applying the same event again changes nothing.
 */
@Component
class UserDirectory {

    static final String COLLECTION = "user_directory";

    private final MongoCollection<Document> users;

    UserDirectory(MongoDatabase database) {
        this.users = database.getCollection(COLLECTION);
    }

    void on(UserRegisteredEvent event) {
        users.replaceOne(Filters.eq("_id", event.userId()),
                new Document("_id", event.userId())
                        .append("email", event.email())
                        .append("firstName", event.firstName())
                        .append("lastName", event.lastName())
                        .append("registeredAt", Date.from(event.registeredAt())),
                new ReplaceOptions().upsert(true));
    }

    Optional<UserDirectoryEntry> find(String userId) {
        return Optional.ofNullable(users.find(Filters.eq("_id", userId)).first())
                .map(doc -> new UserDirectoryEntry(doc.getString("_id"), doc.getString("email"),
                        doc.getString("firstName"), doc.getString("lastName"),
                        doc.getDate("registeredAt").toInstant()));
    }

    long size() {
        return users.countDocuments();
    }
}
