package io.wharf.project.registry.directory;

import com.mongodb.client.MongoDatabase;
import io.wharf.project.registry.support.TeamNames;
import io.wharf.common.axon.ViewWait;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registry names, unique per team: the collection {@code registry_names} (see {@link TeamNames}). */
@Component
public class RegistryNames extends TeamNames {

    static final String COLLECTION = "registry_names";

    RegistryNames(MongoDatabase database, ObjectProvider<Clock> clock, ObjectProvider<ViewWait> events) {
        super(database, COLLECTION, clock.getIfUnique(Clock::systemUTC), id -> events.getObject().stored(id), "Registry name taken.");
    }
}
