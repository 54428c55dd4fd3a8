package io.wharf.project.project.command;

import com.mongodb.client.MongoDatabase;
import io.wharf.project.registry.support.TeamNames;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link ProjectNameLookup} in the collection {@code project_names}: {@code _id} =
 * {@code <teamId>:<lower-case name>}, {@code teamId}, {@code projectId}, {@code confirmed}. The
 * unique {@code _id} makes a claim atomic: of two concurrent creates with one name exactly one wins.
 *
 * <p>A claim still unconfirmed after {@code TeamNames.STALE_CLAIM} belongs to a command that died between
 * claim and event store (a crash): if its project was never stored, the next claim of the name takes
 * it over (identity's team-name lookup does the same).
 */
@Component
class MongoProjectNameLookup implements ProjectNameLookup {

    static final String COLLECTION = "project_names";

    /** The claim mechanics are the catalogue's one name table; project names keep the field {@code projectId}. */
    private final TeamNames names;

    @Autowired
    MongoProjectNameLookup(MongoDatabase database, ObjectProvider<Clock> clocks, ObjectProvider<EventStore> events) {
        this(database, clocks.getIfUnique(Clock::systemUTC), projectId -> stored(events.getObject(), projectId));
    }

    MongoProjectNameLookup(MongoDatabase database, Clock clock, Predicate<String> projectStored) {
        this.names = new TeamNames(database, COLLECTION, clock, projectStored, "Project name taken.",
                "Choose another name or rename the existing project.", "projectId");
    }

    private static boolean stored(EventStore events, String projectId) {
        try {
            return events.lastSequenceNumberFor(projectId).isPresent();
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    /** The document id of a name: {@code <teamId>:<lower-case name>} (test doubles use it too). */
    static String key(String teamId, String name) {
        return teamId + ":" + ProjectRules.nameKey(name);
    }

    @Override
    public boolean claim(String teamId, String name, String projectId) {
        return names.claim(teamId, name, projectId);
    }

    @Override
    public void release(String teamId, String name, String projectId) {
        names.release(teamId, name, projectId);
    }

    @Override
    public void confirm(String teamId, String name, String projectId) {
        names.confirm(teamId, name, projectId);
    }

    @Override
    public void freeAll(String projectId) {
        names.free(projectId);
    }

    @Override
    public List<String> projectsOf(String teamId) {
        return names.ownersOf(teamId);
    }
}
