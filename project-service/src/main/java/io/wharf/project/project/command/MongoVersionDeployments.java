package io.wharf.project.project.command;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link VersionDeployments} from the collection {@code version_deployment_states} ({@code _id} =
 * deployment id, {@code versionId}, {@code status}). Nothing writes it yet: a Kafka consumer of
 * {@code wharf.deployment.events} will upsert one document per deployment once deployment-service
 * exists (see docs/project-service.md).
 */
@Component
class MongoVersionDeployments implements VersionDeployments {

    static final String COLLECTION = "version_deployment_states";

    private final MongoCollection<Document> states;

    MongoVersionDeployments(MongoDatabase database) {
        this.states = database.getCollection(COLLECTION);
        // read per version by the write side's rules and by every version view (project-views)
        states.createIndex(Indexes.ascending("versionId"), new IndexOptions().name("versionId"));
    }

    @Override
    public Set<String> statusesOf(String versionId) {
        Set<String> statuses = new HashSet<>();
        states.find(Filters.eq("versionId", versionId)).forEach(d -> statuses.add(d.getString("status")));
        return statuses;
    }
}
