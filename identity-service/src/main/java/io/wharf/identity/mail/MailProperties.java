package io.wharf.identity.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wharf.mail.*} (environment: {@code WHARF_SMTP_HOST}, {@code WHARF_SMTP_PORT},
 * {@code WHARF_SMTP_USERNAME}, {@code WHARF_SMTP_PASSWORD}, {@code WHARF_SMTP_STARTTLS},
 * {@code WHARF_MAIL_FROM}, {@code WHARF_PUBLIC_URL}; see identity's application.yml).
 *
 * @param smtpHost     the SMTP server; blank = none configured: mails are logged as not sent (WARN) and
 *                     dropped, everything else works
 * @param smtpPort     its port
 * @param username     SMTP user (blank = no authentication)
 * @param password     SMTP password (write-only: never logged)
 * @param starttls     require STARTTLS
 * @param from         the sender address ({@code Wharf <wharf@localhost>})
 * @param publicUrl    the base URL users reach Wharf at; accept links start with it
 * @param pollInterval how often the outbox is looked at
 * @param maxAttempts  attempts per mail before it is given up (status {@code failed})
 * @param firstBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff   the longest wait between attempts
 * @param timeout      SMTP connect/read/write timeout
 * @param retention    how long a done mail (sent, not sent, failed) stays in {@code mail_outbox};
 *                     pending mails are never purged
 */
@ConfigurationProperties("wharf.mail")
public record MailProperties(
        @DefaultValue("") String smtpHost,
        @DefaultValue("25") int smtpPort,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("false") boolean starttls,
        @DefaultValue("Wharf <wharf@localhost>") String from,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration firstBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("30d") Duration retention) {

    public boolean smtpConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    /** The public URL without a trailing slash. */
    public String baseUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public String toString() {
        return "MailProperties[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", username=" + username
                + ", password=***, starttls=" + starttls + ", from=" + from + ", publicUrl=" + publicUrl + "]";
    }
}
