package io.wharf.identity.mail;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends what {@link MailOutbox} holds, on its own thread, so no command and no event processor ever
 * waits for SMTP. A failed attempt is retried with exponential backoff ({@code firstBackoff},
 * doubled, at most {@code maxBackoff}) until {@code maxAttempts}, then the mail is marked failed
 * (ERROR log). Without an SMTP server configured each mail is logged at WARN as not sent. The
 * same thread purges done mails older than {@code retention} every {@link #PURGE_EVERY}.
 */
@Component
class MailDelivery implements SmartLifecycle {

    static final String NO_SMTP = "not sent: no SMTP server configured";
    static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    /** Anything shaped like an address (also inside {@code <...>} or quotes of an SMTP reply). */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[A-Za-z0-9.-]+");

    private final MailOutbox outbox;
    private final MailProperties properties;
    private final Optional<JavaMailSender> sender;
    private final Clock clock;
    private final List<MailRelevance> relevance;
    private ScheduledExecutorService scheduler;

    MailDelivery(MailOutbox outbox, MailProperties properties, ObjectProvider<JavaMailSender> sender, Clock clock,
                 ObjectProvider<MailRelevance> relevance) {
        this.outbox = outbox;
        this.relevance = relevance.orderedStream().toList();
        this.properties = properties;
        this.sender = Optional.ofNullable(sender.getIfAvailable());
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mail-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::deliverDue, every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::purgeDone, every, PURGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Mail delivery started (SMTP {})", sender.isPresent()
                ? properties.smtpHost() + ":" + properties.smtpPort() : "not configured");
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Sends every mail that is due now; never throws (the schedule would stop). */
    void deliverDue() {
        try {
            Optional<MailOutbox.Queued> next;
            while ((next = outbox.claimDue(lease())).isPresent()) {
                deliver(next.get());
            }
        } catch (RuntimeException e) {
            log.error("Mail delivery round failed; trying again in {}", properties.pollInterval(), e);
        }
    }

    /** Forgets done mails past the retention; never throws (the schedule would stop). */
    void purgeDone() {
        try {
            long purged = outbox.purgeDone(properties.retention());
            if (purged > 0) {
                log.info("Purged {} done mails older than {} from the outbox", purged, properties.retention());
            }
        } catch (RuntimeException e) {
            log.error("Mail outbox purge failed; trying again in {}", PURGE_EVERY, e);
        }
    }

    private void deliver(MailOutbox.Queued queued) {
        OutgoingMail mail = queued.mail();
        int attempts = queued.attempts() + 1;
        Optional<String> pointless;
        try {
            pointless = pointless(mail);
        } catch (RuntimeException e) {
            // Cannot tell whether it is still wanted (the store is down): not sent now, asked again later.
            retryOrGiveUp(mail, attempts, e);
            return;
        }
        if (pointless.isPresent()) {
            log.info("Mail '{}' to {} not sent: {}", mail.subject(), masked(mail.to()), pointless.get());
            outbox.markNotSent(mail.id(), "not sent: " + pointless.get());
            return;
        }
        if (sender.isEmpty()) {
            log.warn("Mail '{}' to {} {}", mail.subject(), masked(mail.to()), NO_SMTP);
            outbox.markNotSent(mail.id(), NO_SMTP);
            return;
        }
        try {
            sender.get().send(message(sender.get(), mail));
            outbox.markSent(mail.id());
            log.info("Mail '{}' sent to {} (attempt {})", mail.subject(), masked(mail.to()), attempts);
        } catch (Exception e) {
            retryOrGiveUp(mail, attempts, e);
        }
    }

    private Optional<String> pointless(OutgoingMail mail) {
        if (mail.about() == null) {
            return Optional.empty();
        }
        return relevance.stream().map(r -> r.reasonNotToSend(mail.about())).flatMap(Optional::stream).findFirst();
    }

    private void retryOrGiveUp(OutgoingMail mail, int attempts, Exception e) {
        // SMTP errors quote the recipient ("550 5.1.1 <grace@example.com>: user unknown"): the outbox
        // and the logs keep the message with every address masked.
        String error = maskAddresses(e.getClass().getSimpleName() + ": " + e.getMessage());
        if (attempts >= properties.maxAttempts()) {
            outbox.markFailed(mail.id(), attempts, error);
            log.error("Mail '{}' to {} given up after {} attempts: {}", mail.subject(), masked(mail.to()), attempts, error);
            return;
        }
        Duration wait = backoff(attempts);
        outbox.retryLater(mail.id(), attempts, clock.instant().plus(wait), error);
        log.warn("Mail '{}' to {} failed (attempt {}), next try in {}: {}", mail.subject(), masked(mail.to()), attempts,
                wait, error);
    }

    /** Every e-mail address in {@code text} masked as {@link #masked} does. */
    static String maskAddresses(String text) {
        if (text == null) {
            return null;
        }
        return ADDRESS.matcher(text).replaceAll(m -> Matcher.quoteReplacement(masked(m.group())));
    }

    /**
     * A recipient as logs may show it: the first character of the local part and the domain
     * ({@code a***@example.com}). Logs are kept longer and read by more people than the outbox; an
     * operator can still find the mail by its id in {@code mail_outbox}.
     */
    static String masked(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** {@code firstBackoff × 2^(attempts-1)}, at most {@code maxBackoff}. */
    Duration backoff(int attempts) {
        Duration wait = properties.firstBackoff();
        for (int i = 1; i < attempts && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /** Longer than one SMTP exchange can take: a mail claimed by a sender that died is due again after it. */
    private Duration lease() {
        return properties.timeout().multipliedBy(4).plusSeconds(30);
    }

    private MimeMessage message(JavaMailSender smtp, OutgoingMail mail) throws Exception {
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        return message;
    }
}
