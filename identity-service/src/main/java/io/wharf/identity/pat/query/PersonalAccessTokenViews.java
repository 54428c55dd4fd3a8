package io.wharf.identity.pat.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.wharf.identity.config.IdentityDatabase;
import io.wharf.identity.pat.api.PersonalAccessTokenResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The collection {@code pat_views}: one document per token ({@code _id} = token id) with its owner,
 * name, times and the last event sequence it applied. A revoked token stays as {@code revoked: true}
 * so the view's version still answers read-your-writes; queries never show it.
 */
@Component
class PersonalAccessTokenViews {

    static final String COLLECTION = "pat_views";

    private final MongoCollection<Document> tokens;

    PersonalAccessTokenViews(IdentityDatabase database) {
        this.tokens = database.mongo().getCollection(COLLECTION);
    }

    void created(String tokenId, String userId, String name, Instant createdAt, Instant expiresAt, long sequence) {
        tokens.replaceOne(Filters.eq("_id", tokenId), new Document("_id", tokenId)
                        .append("userId", userId).append("name", name)
                        .append("createdAt", Date.from(createdAt))
                        .append("expiresAt", expiresAt == null ? null : Date.from(expiresAt))
                        .append("revoked", false).append("version", sequence),
                new ReplaceOptions().upsert(true));
    }

    void revoked(String tokenId, long sequence) {
        tokens.updateOne(Filters.eq("_id", tokenId),
                Updates.combine(Updates.set("revoked", true), Updates.set("version", sequence)));
    }

    long version(String tokenId) {
        Document token = tokens.find(Filters.eq("_id", tokenId)).first();
        return token == null ? -1 : ((Number) token.get("version")).longValue();
    }

    List<PersonalAccessTokenResponse> ofUser(String userId) {
        List<PersonalAccessTokenResponse> found = new ArrayList<>();
        tokens.find(live(Filters.eq("userId", userId))).sort(Sorts.descending("createdAt"))
                .forEach(doc -> found.add(response(doc)));
        return found;
    }

    Optional<PersonalAccessTokenResponse> find(String userId, String tokenId) {
        return Optional.ofNullable(tokens.find(live(Filters.and(Filters.eq("_id", tokenId), Filters.eq("userId", userId))))
                .first()).map(PersonalAccessTokenViews::response);
    }

    private static Bson live(Bson filter) {
        return Filters.and(filter, Filters.eq("revoked", false));
    }

    private static PersonalAccessTokenResponse response(Document doc) {
        Date expiresAt = doc.getDate("expiresAt");
        return new PersonalAccessTokenResponse(doc.getString("_id"), doc.getString("name"),
                expiresAt == null ? null : expiresAt.toInstant(), doc.getDate("createdAt").toInstant());
    }
}
