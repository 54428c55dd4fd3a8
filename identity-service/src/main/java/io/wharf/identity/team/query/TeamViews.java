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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The team read model: {@code team_views} ({@code _id} = team id, {@code name}, {@code slug},
 * {@code createdAt}, {@code deleted}, {@code version}) and {@code team_member_views} ({@code _id} = {@code teamId:userId},
 * {@code teamId}, {@code userId}, {@code role}, {@code joinedAt}) and {@code team_invitation_views} ({@code _id} =
 * invitation id, {@code teamId}, {@code email}, {@code name}, {@code declined}, {@code invitedAt}, {@code expiresAt}).
 */
@Component
class TeamViews {

    private static final Logger log = LoggerFactory.getLogger(TeamViews.class);

    private final MongoCollection<Document> teams;
    private final MongoCollection<Document> members;
    private final MongoCollection<Document> invitations;

    TeamViews(IdentityDatabase database) {
        this.teams = database.mongo().getCollection("team_views");
        this.members = database.mongo().getCollection("team_member_views");
        this.invitations = database.mongo().getCollection("team_invitation_views");
        teams.createIndex(com.mongodb.client.model.Indexes.ascending("slug"));
    }

    record TeamView(String id, String name, String slug, Instant createdAt) {
    }

    record MemberView(String teamId, String userId, TeamRole role, Instant joinedAt) {
    }

    /** An invitation as stored: {@code declined} or {@code pending} (expiry is decided when read). */
    record InvitationView(String id, String teamId, String email, String name, boolean declined, Instant invitedAt,
                          Instant expiresAt) {

        /** {@code pending|expired|declined} at {@code now}: pending until {@code expiresAt}. */
        String statusAt(Instant now) {
            if (declined) {
                return "declined";
            }
            return now.isBefore(expiresAt) ? "pending" : "expired";
        }
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
        invitations.deleteMany(Filters.eq("teamId", teamId));
    }

    /** A new invitation replaces any earlier one of the same address in the team (as in the aggregate). */
    void putInvitation(String invitationId, String teamId, String email, String name, Instant invitedAt,
            Instant expiresAt) {
        Document held = invitations.find(Filters.eq("_id", invitationId)).first();
        if (held != null && !(teamId.equals(held.getString("teamId")) && email.equals(held.getString("email")))) {
            // The aggregate refuses such an event; a view never lets one invitation replace another's row.
            log.warn("Invitation {} is another team's or address's already: the view keeps the first", invitationId);
            return;
        }
        invitations.deleteMany(Filters.and(Filters.eq("teamId", teamId), Filters.eq("email", email),
                Filters.ne("_id", invitationId)));
        invitations.updateOne(Filters.eq("_id", invitationId), Updates.combine(Updates.set("teamId", teamId),
                        Updates.set("email", email), Updates.set("name", name), Updates.set("declined", false),
                        Updates.set("invitedAt", Date.from(invitedAt)), Updates.set("expiresAt", Date.from(expiresAt))),
                new UpdateOptions().upsert(true));
    }

    void renewInvitation(String invitationId, Instant expiresAt) {
        invitations.updateOne(Filters.eq("_id", invitationId), Updates.combine(Updates.set("declined", false),
                Updates.set("expiresAt", Date.from(expiresAt))));
    }

    void declineInvitation(String invitationId) {
        invitations.updateOne(Filters.eq("_id", invitationId), Updates.set("declined", true));
    }

    void removeInvitation(String invitationId) {
        invitations.deleteOne(Filters.eq("_id", invitationId));
    }

    List<InvitationView> invitations(String teamId) {
        List<InvitationView> found = new ArrayList<>();
        invitations.find(Filters.eq("teamId", teamId)).sort(Sorts.ascending("invitedAt"))
                .forEach(d -> found.add(invitation(d)));
        return found;
    }

    Optional<InvitationView> invitation(String teamId, String invitationId) {
        return Optional.ofNullable(invitations.find(Filters.and(Filters.eq("_id", invitationId),
                Filters.eq("teamId", teamId))).first()).map(TeamViews::invitation);
    }

    /** The invitations of an address that can still be accepted at {@code now}. */
    List<InvitationView> pendingInvitationsOf(String email, Instant now) {
        List<InvitationView> found = new ArrayList<>();
        invitations.find(Filters.and(Filters.eq("email", email), Filters.eq("declined", false),
                        Filters.gt("expiresAt", Date.from(now))))
                .sort(Sorts.ascending("invitedAt")).forEach(d -> found.add(invitation(d)));
        return found;
    }

    /** SPEC §2 {@code statistics.users}: members + invitations still pending at {@code now}. */
    long userCount(String teamId, Instant now) {
        return memberCount(teamId) + invitations.countDocuments(Filters.and(Filters.eq("teamId", teamId),
                Filters.eq("declined", false), Filters.gt("expiresAt", Date.from(now))));
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

    /** The live team whose slug is {@code slug} (slugs are unique among live teams: the write-side lookup). */
    Optional<TeamView> findBySlug(String slug) {
        return Optional.ofNullable(teams.find(Filters.and(Filters.eq("slug", slug), Filters.ne("deleted", true)))
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

    private static InvitationView invitation(Document d) {
        return new InvitationView(d.getString("_id"), d.getString("teamId"), d.getString("email"), d.getString("name"),
                Boolean.TRUE.equals(d.getBoolean("declined")), d.getDate("invitedAt").toInstant(),
                d.getDate("expiresAt").toInstant());
    }

    private static MemberView member(Document d) {
        Date joined = d.getDate("joinedAt");
        return new MemberView(d.getString("teamId"), d.getString("userId"),
                TeamRole.parse(d.getString("role")).orElseThrow(), joined == null ? null : joined.toInstant());
    }
}
