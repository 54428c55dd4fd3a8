package io.wharf.identity.mail;

import java.util.Optional;

/**
 * Asked by {@link MailDelivery} right before a mail is sent (which may be long after it was queued,
 * when SMTP was down): is it still wanted? A mail about an invitation that was revoked, accepted or
 * declined meanwhile, or of a team that is gone, would invite to nothing: it is marked
 * {@code not-sent} with the reason instead. Implemented by the feature the mail is about.
 */
public interface MailRelevance {

    /** Why the mail about {@code about} is no longer to be sent; empty when it is (or not this one's). */
    Optional<String> reasonNotToSend(String about);
}
