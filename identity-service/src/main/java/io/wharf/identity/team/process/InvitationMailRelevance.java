package io.wharf.identity.team.process;

import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamInvitationAcceptedEvent;
import io.wharf.common.events.identity.TeamInvitationDeclinedEvent;
import io.wharf.common.events.identity.TeamInvitationRenewedEvent;
import io.wharf.common.events.identity.TeamInvitationRevokedEvent;
import io.wharf.common.events.identity.TeamMemberInvitedEvent;
import io.wharf.identity.mail.MailRelevance;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * An invitation mail is only sent while its invitation can still be accepted: not revoked, accepted
 * or declined, not replaced by a newer invitation of the address, not expired, the team not deleted.
 * Decided from the team's events (the write side's truth), not from a view that may lag the mail.
 */
@Component
class InvitationMailRelevance implements MailRelevance {

    private final EventStore events;
    private final Clock clock;

    InvitationMailRelevance(EventStore events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<String> reasonNotToSend(String about) {
        if (about == null || !about.startsWith(InvitationMail.ABOUT)) {
            return Optional.empty();
        }
        String[] ids = about.substring(InvitationMail.ABOUT.length()).split(":", 2);
        if (ids.length != 2) {
            return Optional.empty();
        }
        return reason(ids[0], ids[1]);
    }

    private Optional<String> reason(String teamId, String invitationId) {
        String state = "unknown";
        String email = null;
        Instant expiresAt = null;
        List<Object> history = events.readEvents(teamId).asStream()
                .<Object>map(DomainEventMessage::getPayload).toList();
        for (Object event : history) {
            if (event instanceof TeamDeletedEvent) {
                return Optional.of("the team was deleted");
            }
            if (event instanceof TeamMemberInvitedEvent e) {
                if (e.invitationId().equals(invitationId)) {
                    state = "pending";
                    email = e.email();
                    expiresAt = e.expiresAt();
                } else if (e.email().equals(email)) {
                    state = "replaced"; // a new invitation of the address took this one's place
                }
            } else if (event instanceof TeamInvitationRenewedEvent e && e.invitationId().equals(invitationId)) {
                state = "pending";
                expiresAt = e.expiresAt();
            } else if (event instanceof TeamInvitationDeclinedEvent e && e.invitationId().equals(invitationId)) {
                state = "declined";
            } else if (event instanceof TeamInvitationAcceptedEvent e && e.invitationId().equals(invitationId)) {
                state = "accepted";
            } else if (event instanceof TeamInvitationRevokedEvent e && e.invitationId().equals(invitationId)) {
                state = "revoked";
            }
        }
        return switch (state) {
            case "pending" -> expiresAt != null && !clock.instant().isBefore(expiresAt)
                    ? Optional.of("the invitation expired") : Optional.empty();
            case "unknown" -> Optional.of("no such invitation");
            default -> Optional.of("the invitation was " + state);
        };
    }
}
