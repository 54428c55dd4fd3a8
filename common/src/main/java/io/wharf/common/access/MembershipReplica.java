package io.wharf.common.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A service's local copy of identity's teams and memberships (DESIGN §5), in the service's own
 * database: {@code access_teams} ({@code _id} = team id, {@code slug}, {@code deleted}, {@code seq})
 * and {@code access_members} ({@code _id} = {@code teamId:userId}, {@code teamId}, {@code userId},
 * {@code role}).
 *
 * <p>Idempotent twice over: every change is an upsert or a delete by id, and each team remembers the
 * last aggregate sequence number it applied ({@code seq}, from the CloudEvent's {@code sequence}),
 * so a redelivered or older event of the team changes nothing. A deleted team stays as a tombstone
 * ({@code deleted: true}) so a late event cannot bring it back; its slug is free for a new team.
 */
public final class MembershipReplica {

    static final String TEAMS = "access_teams";
    static final String MEMBERS = "access_members";
    /** Events published without a sequence (not from an aggregate) are always applied. */
    public static final long NO_SEQUENCE = -1;

    private final MongoCollection<Document> teams;
    private final MongoCollection<Document> members;

    public MembershipReplica(MongoDatabase database) {
        this.teams = database.getCollection(TEAMS);
        this.members = database.getCollection(MEMBERS);
        teams.createIndex(Indexes.ascending("slug"), new IndexOptions().name("slug"));
        members.createIndex(Indexes.ascending("userId"), new IndexOptions().name("userId"));
    }

    public void on(TeamCreatedEvent event, long sequence) {
        if (!fresh(event.teamId(), sequence)) {
            return;
        }
        teams.updateOne(Filters.eq("_id", event.teamId()),
                Updates.combine(Updates.set("slug", event.slug()), Updates.set("deleted", false)),
                new UpdateOptions().upsert(true));
        putMember(event.teamId(), event.ownerId(), TeamRole.OWNER);
        applied(event.teamId(), sequence);
    }

    public void on(TeamRenamedEvent event, long sequence) {
        if (!fresh(event.teamId(), sequence)) {
            return;
        }
        teams.updateOne(Filters.eq("_id", event.teamId()), Updates.set("slug", event.slug()),
                new UpdateOptions().upsert(true));
        applied(event.teamId(), sequence);
    }

    public void on(TeamDeletedEvent event, long sequence) {
        if (!fresh(event.teamId(), sequence)) {
            return;
        }
        teams.updateOne(Filters.eq("_id", event.teamId()), Updates.set("deleted", true),
                new UpdateOptions().upsert(true));
        members.deleteMany(Filters.eq("teamId", event.teamId()));
        applied(event.teamId(), sequence);
    }

    public void on(TeamMemberJoinedEvent event, long sequence) {
        if (fresh(event.teamId(), sequence)) {
            putMember(event.teamId(), event.userId(), event.role());
            applied(event.teamId(), sequence);
        }
    }

    public void on(TeamMemberRoleChangedEvent event, long sequence) {
        if (fresh(event.teamId(), sequence)) {
            putMember(event.teamId(), event.userId(), event.role());
            applied(event.teamId(), sequence);
        }
    }

    public void on(TeamOwnershipTransferredEvent event, long sequence) {
        if (fresh(event.teamId(), sequence)) {
            putMember(event.teamId(), event.previousOwnerId(), TeamRole.ADMIN);
            putMember(event.teamId(), event.newOwnerId(), TeamRole.OWNER);
            applied(event.teamId(), sequence);
        }
    }

    public void on(TeamMemberRemovedEvent event, long sequence) {
        if (fresh(event.teamId(), sequence)) {
            members.deleteOne(Filters.eq("_id", memberId(event.teamId(), event.userId())));
            applied(event.teamId(), sequence);
        }
    }

    public void on(TeamMemberLeftEvent event, long sequence) {
        if (fresh(event.teamId(), sequence)) {
            members.deleteOne(Filters.eq("_id", memberId(event.teamId(), event.userId())));
            applied(event.teamId(), sequence);
        }
    }

    /**
     * The id of the live (not deleted) team whose slug is {@code slug}; empty when there is none, and
     * also when more than one live team has it. Identity keeps slugs unique, but events of different
     * teams travel on different partitions: a rename that freed a slug may arrive after the create of
     * the new team that took it. Until it does, the replica cannot tell which team the slug means, so
     * it counts as a miss (and {@link TeamAccess} asks identity, which knows).
     */
    public Optional<String> teamIdBySlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        List<String> ids = teams.find(Filters.and(Filters.eq("slug", slug), Filters.ne("deleted", true)))
                .projection(new Document("_id", 1)).limit(2)
                .map(d -> d.getString("_id")).into(new ArrayList<>());
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /** The role of {@code userId} in the team, empty for a non-member (or an unknown team). */
    public Optional<TeamRole> roleOf(String teamId, String userId) {
        if (teamId == null || userId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(members.find(Filters.eq("_id", memberId(teamId, userId))).first())
                .flatMap(d -> TeamRole.parse(d.getString("role")));
    }

    private void putMember(String teamId, String userId, TeamRole role) {
        members.replaceOne(Filters.eq("_id", memberId(teamId, userId)),
                new Document("_id", memberId(teamId, userId)).append("teamId", teamId).append("userId", userId)
                        .append("role", role.wire()),
                new ReplaceOptions().upsert(true));
    }

    /** False when the team has already applied this sequence number or a later one. */
    private boolean fresh(String teamId, long sequence) {
        if (sequence == NO_SEQUENCE) {
            return true;
        }
        Document team = teams.find(Filters.eq("_id", teamId)).first();
        if (team == null || team.get("seq") == null) {
            return true;
        }
        return sequence > ((Number) team.get("seq")).longValue();
    }

    private void applied(String teamId, long sequence) {
        if (sequence != NO_SEQUENCE) {
            teams.updateOne(Filters.eq("_id", teamId), Updates.set("seq", sequence), new UpdateOptions().upsert(true));
        }
    }

    private static String memberId(String teamId, String userId) {
        return teamId + ":" + userId;
    }
}
