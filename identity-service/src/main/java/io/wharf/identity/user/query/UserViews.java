package io.wharf.identity.user.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The collection {@code user_views}: {@code _id} = user id, {@code name}, {@code email}, {@code lastLogin}. */
@Component
public class UserViews {

    static final String COLLECTION = "user_views";

    private final MongoCollection<Document> users;

    UserViews(IdentityDatabase database) {
        this.users = database.mongo().getCollection(COLLECTION);
    }

    void advance(String userId, long sequence) {
        users.updateOne(Filters.and(Filters.eq("_id", userId),
                        Filters.or(Filters.exists("version", false), Filters.lt("version", sequence))),
                Updates.set("version", sequence));
    }

    long version(String userId) {
        Document user = users.find(Filters.eq("_id", userId)).first();
        return user == null || user.get("version") == null ? -1 : ((Number) user.get("version")).longValue();
    }

    void upsertProfile(String userId, String name, String email) {
        users.updateOne(Filters.eq("_id", userId),
                Updates.combine(Updates.set("name", name), Updates.set("email", email)),
                new UpdateOptions().upsert(true));
    }

    /** Keeps the newest login (a replay or a late event never moves it back). */
    void loggedIn(String userId, Instant at) {
        users.updateOne(Filters.and(Filters.eq("_id", userId),
                        Filters.or(Filters.exists("lastLogin", false), Filters.lt("lastLogin", Date.from(at)))),
                Updates.set("lastLogin", Date.from(at)));
    }

    public Optional<UserView> find(String userId) {
        return Optional.ofNullable(users.find(Filters.eq("_id", userId)).first()).map(UserViews::view);
    }

    public Map<String, UserView> findAll(Collection<String> userIds) {
        Map<String, UserView> found = new HashMap<>();
        users.find(Filters.in("_id", userIds)).forEach(d -> found.put(d.getString("_id"), view(d)));
        return found;
    }

    private static UserView view(Document d) {
        Date lastLogin = d.getDate("lastLogin");
        return new UserView(d.getString("_id"), d.getString("name"), d.getString("email"),
                lastLogin == null ? null : lastLogin.toInstant());
    }
}
