package io.wharf.identity.team.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The team read model: {@code team_views} ({@code _id} = team id, {@code name}, {@code slug},
 * {@code createdAt}, {@code deleted}, {@code version}) and {@code team_member_views} ({@code _id} = {@code teamId:userId},
 * {@code teamId}, {@code userId}, {@code role}, {@code joinedAt}).
 */
@Component
class TeamViews {

    private final MongoCollection<Document> teams;
    private final MongoCollection<Document> members;

    TeamViews(IdentityDatabase database) {
        this.teams = database.mongo().getCollection("team_views");
        this.members = database.mongo().getCollection("team_member_views");
    }

    record TeamView(String id, String name, String slug, Instant createdAt) {
    }

    record MemberView(String teamId, String userId, TeamRole role, Instant joinedAt) {
    }

    /** Records that the views applied the team's event {@code sequence} (never moves back). */
    void advance(String teamId, long sequence) {
        teams.updateOne(Filters.and(Filters.eq("_id", teamId),
                        Filters.or(Filters.exists("version", false), Filters.lt("version", sequence))),
                Updates.set("version", sequence));
    }

    /** The last sequence number applied for the team (also for a deleted one), -1 for none. */
    long version(String teamId) {
        Document team = teams.find(Filters.eq("_id", teamId)).first();
        return team == null || team.get("version") == null ? -1 : ((Number) team.get("version")).longValue();
    }

    void putTeam(String teamId, String name, String slug, Instant createdAt) {
        teams.updateOne(Filters.eq("_id", teamId), Updates.combine(Updates.set("name", name),
                        Updates.set("slug", slug), Updates.set("createdAt", Date.from(createdAt)),
                        Updates.set("deleted", false)),
                new UpdateOptions().upsert(true));
    }

    void rename(String teamId, String name, String slug) {
        teams.updateOne(Filters.eq("_id", teamId), Updates.combine(Updates.set("name", name), Updates.set("slug", slug)));
    }

    void delete(String teamId) {
        teams.updateOne(Filters.eq("_id", teamId), Updates.set("deleted", true));
        members.deleteMany(Filters.eq("teamId", teamId));
    }

    void putMember(String teamId, String userId, TeamRole role, Instant joinedAt) {
        Document update = new Document("teamId", teamId).append("userId", userId).append("role", role.wire());
        if (joinedAt != null) {
            update.append("joinedAt", Date.from(joinedAt));
        }
        members.updateOne(Filters.eq("_id", teamId + ":" + userId), new Document("$set", update),
                new UpdateOptions().upsert(true));
    }

    void removeMember(String teamId, String userId) {
        members.deleteOne(Filters.eq("_id", teamId + ":" + userId));
    }

    Optional<TeamView> find(String teamId) {
        return Optional.ofNullable(teams.find(Filters.and(Filters.eq("_id", teamId), Filters.ne("deleted", true)))
                .first()).map(TeamViews::team);
    }

    List<TeamView> findAll(List<String> teamIds) {
        List<TeamView> found = new ArrayList<>();
        teams.find(Filters.and(Filters.in("_id", teamIds), Filters.ne("deleted", true)))
                .sort(Sorts.ascending("createdAt")).forEach(d -> found.add(team(d)));
        return found;
    }

    List<MemberView> members(String teamId) {
        List<MemberView> found = new ArrayList<>();
        members.find(Filters.eq("teamId", teamId)).sort(Sorts.ascending("joinedAt")).forEach(d -> found.add(member(d)));
        return found;
    }

    List<MemberView> membershipsOf(String userId) {
        List<MemberView> found = new ArrayList<>();
        members.find(Filters.eq("userId", userId)).forEach(d -> found.add(member(d)));
        return found;
    }

    Optional<TeamRole> roleOf(String teamId, String userId) {
        return Optional.ofNullable(members.find(Filters.eq("_id", teamId + ":" + userId)).first())
                .map(TeamViews::member).map(MemberView::role);
    }

    long memberCount(String teamId) {
        return members.countDocuments(Filters.eq("teamId", teamId));
    }

    private static TeamView team(Document d) {
        return new TeamView(d.getString("_id"), d.getString("name"), d.getString("slug"),
                d.getDate("createdAt").toInstant());
    }

    private static MemberView member(Document d) {
        Date joined = d.getDate("joinedAt");
        return new MemberView(d.getString("teamId"), d.getString("userId"),
                TeamRole.parse(d.getString("role")).orElseThrow(), joined == null ? null : joined.toInstant());
    }
}
