package io.wharf.identity.mail;

/**
 * One mail to send. {@code id} makes enqueueing idempotent: the id of the event that asked for the
 * mail, so a redelivered or replayed event never sends a second mail.
 */
public record OutgoingMail(String id, String to, String subject, String text, String html) {
}
