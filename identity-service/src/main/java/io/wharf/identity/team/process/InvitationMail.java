package io.wharf.identity.team.process;

import io.wharf.identity.mail.OutgoingMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.util.HtmlUtils;

/**
 * The invitation e-mail: plain text and a simple HTML part with the team, the inviter, the accept
 * link and the expiry. The link is {@code <public URL>/teams/<teamId>/invitation}, the invitation
 * page of dyrector-compatible UIs; the text also names the API call for clients without one.
 */
final class InvitationMail {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static final String ABOUT = "invitation:";

    private InvitationMail() {
    }

    static String acceptLink(String baseUrl, String teamId) {
        return baseUrl + "/teams/" + teamId + "/invitation";
    }

    static String subject(String teamName) {
        return "You're invited to join " + teamName + " on Wharf";
    }

    /** What an invitation mail is about ({@link InvitationMailRelevance}). */
    static String about(String teamId, String invitationId) {
        return ABOUT + teamId + ":" + invitationId;
    }

    static OutgoingMail compose(String id, String to, String firstName, String teamName, String teamId,
            String invitationId, String inviter, Instant expiresAt, String baseUrl) {
        String link = acceptLink(baseUrl, teamId);
        String expiry = EXPIRY.format(expiresAt);
        String greeting = firstName == null || firstName.isBlank() ? "Hello," : "Hello " + firstName + ",";
        String text = """
                %s

                %s invited you to join the team "%s" on Wharf.

                Accept the invitation: %s
                The invitation expires on %s.

                No Wharf account yet? Register with this address (%s) first, then accept.
                Over the API: POST %s/api/users/me/invitations/%s
                """.formatted(greeting, inviter, teamName, link, expiry, to, baseUrl, teamId);
        String html = """
                <!DOCTYPE html>
                <html><body style="font-family:sans-serif">
                <p>%s</p>
                <p><strong>%s</strong> invited you to join the team <strong>%s</strong> on Wharf.</p>
                <p><a href="%s">Accept the invitation</a></p>
                <p>The invitation expires on %s.</p>
                <p>No Wharf account yet? Register with this address (%s) first, then accept.</p>
                </body></html>
                """.formatted(esc(greeting), esc(inviter), esc(teamName), esc(link), esc(expiry), esc(to));
        return new OutgoingMail(id, to, subject(teamName), text, html, about(teamId, invitationId));
    }

    private static String esc(String value) {
        return HtmlUtils.htmlEscape(value);
    }
}
