package io.wharf.identity.team.process;

import io.wharf.common.events.identity.TeamInvitationRenewedEvent;
import io.wharf.common.events.identity.TeamMemberInvitedEvent;
import io.wharf.common.metadata.WharfMetadata;
import io.wharf.identity.config.IdentityConfig;
import io.wharf.identity.mail.MailOutbox;
import io.wharf.identity.mail.MailProperties;
import io.wharf.identity.user.query.UserView;
import io.wharf.identity.user.query.UserViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Invitation and reinvite mails (a side effect, DESIGN §2): its own tracking processor
 * ({@code invitation-mail}) that starts at the head of the store, never takes part in a replay
 * ({@link DisallowReplay}), and queues each mail under the id of its event, so a redelivered event
 * never sends twice. It only queues: {@code io.wharf.identity.mail.MailDelivery} sends, with retries,
 * so SMTP being slow or down never holds up this processor or any command.
 */
@Component
@ProcessingGroup(IdentityConfig.INVITATION_MAIL_GROUP)
@DisallowReplay
class InvitationMailer {

    private final MailOutbox outbox;
    private final MailProperties properties;
    private final UserViews users;

    InvitationMailer(MailOutbox outbox, MailProperties properties, UserViews users) {
        this.outbox = outbox;
        this.properties = properties;
        this.users = users;
    }

    @EventHandler
    void on(TeamMemberInvitedEvent event, @MessageIdentifier String eventId,
            @MetaDataValue(WharfMetadata.ACTOR_EMAIL) String actorEmail) {
        outbox.enqueue(InvitationMail.compose(eventId, event.email(), event.firstName(), event.teamName(),
                event.teamId(), event.invitationId(), inviter(event.invitedBy(), actorEmail), event.expiresAt(),
                properties.baseUrl()));
    }

    @EventHandler
    void on(TeamInvitationRenewedEvent event, @MessageIdentifier String eventId,
            @MetaDataValue(WharfMetadata.ACTOR_EMAIL) String actorEmail) {
        outbox.enqueue(InvitationMail.compose(eventId, event.email(), event.firstName(), event.teamName(),
                event.teamId(), event.invitationId(), inviter(event.renewedBy(), actorEmail), event.expiresAt(),
                properties.baseUrl()));
    }

    /** The inviter's display name (a user registered long before they could invite), else their e-mail. */
    private String inviter(String userId, String actorEmail) {
        return users.find(userId).map(UserView::name)
                .orElse(actorEmail != null ? actorEmail : "A member of the team");
    }
}
