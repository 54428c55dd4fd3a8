package io.wharf.identity.mail;

/**
 * One mail to send. {@code id} makes enqueueing idempotent: the id of the event that asked for the
 * mail, so a redelivered or replayed event never sends a second mail.
 *
 * @param about what the mail is about, for the {@link MailRelevance} checks right before it is sent
 *              (e.g. {@code invitation:<teamId>:<invitationId>}); null: always sent
 */
public record OutgoingMail(String id, String to, String subject, String text, String html, String about) {

    /** A mail about nothing that could make it pointless. */
    public OutgoingMail(String id, String to, String subject, String text, String html) {
        this(id, to, subject, text, html, null);
    }
}
