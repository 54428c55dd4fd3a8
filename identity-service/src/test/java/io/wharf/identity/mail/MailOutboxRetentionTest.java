package io.wharf.identity.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * How long {@code mail_outbox} keeps mails: done ones (sent, not sent, failed) for the retention
 * after they were done, pending ones for ever. On the in-process Mongo with a clock the test moves.
 */
class MailOutboxRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Duration JUST_OVER = RETENTION.plusSeconds(1);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private MongoDatabase database;
    private MailOutbox outbox;
    private MailDelivery delivery;

    @BeforeEach
    void fresh() {
        database = InProcessMongo.newDatabase(getClass());
        outbox = new MailOutbox(new IdentityDatabase(database), clock);
        // no SMTP server: a claimed mail is marked not-sent, so the delivery itself finishes mails
        MailProperties properties = new MailProperties("", 25, "", "", false, "Wharf <wharf@example.com>",
                "http://wharf.example.com/", Duration.ofMillis(50), 3, Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(2), RETENTION);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        delivery = new MailDelivery(outbox, properties, beans.getBeanProvider(JavaMailSender.class), clock,
                beans.getBeanProvider(MailRelevance.class));
    }

    @AfterEach
    void stop() {
        delivery.stop();
    }

    private static OutgoingMail mail(String id) {
        return new OutgoingMail(id, "grace@example.com", "Subject " + id, "plain " + id, "<p>html " + id + "</p>");
    }

    private void sent(String id) {
        outbox.enqueue(mail(id));
        outbox.claimDue(Duration.ofMinutes(1)).orElseThrow();
        outbox.markSent(id);
    }

    @Test
    void theRetentionDefaultsToThirtyDays() {
        MailProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("wharf.mail", MailProperties.class);

        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aSentMailIsKeptForTheRetentionThenPurged() {
        sent("m1");

        clock.advance(RETENTION);
        delivery.purgeDone();
        assertThat(outbox.status("m1")).as("exactly the retention old: kept").contains("sent");

        clock.advance(Duration.ofSeconds(1));
        delivery.purgeDone();
        assertThat(outbox.status("m1")).isEmpty();
    }

    @Test
    void theRetentionCountsFromWhenTheMailWasDoneNotQueued() {
        outbox.enqueue(mail("late"));
        clock.advance(Duration.ofDays(20)); // e.g. SMTP down for weeks, retried all along
        outbox.claimDue(Duration.ofMinutes(1)).orElseThrow();
        outbox.markSent("late");

        clock.advance(Duration.ofDays(20));
        delivery.purgeDone();
        assertThat(outbox.status("late")).contains("sent");

        clock.advance(Duration.ofDays(11));
        delivery.purgeDone();
        assertThat(outbox.status("late")).isEmpty();
    }

    @Test
    void failedAndNotSentMailsArePurgedLikeSentOnes() {
        outbox.enqueue(mail("failed"));
        outbox.markFailed("failed", 3, "SocketTimeoutException: gone");
        outbox.enqueue(mail("not-sent"));
        delivery.deliverDue();
        assertThat(outbox.status("not-sent")).contains("not-sent");

        clock.advance(JUST_OVER);
        delivery.purgeDone();

        assertThat(outbox.status("failed")).isEmpty();
        assertThat(outbox.status("not-sent")).isEmpty();
    }

    @Test
    void aPendingMailIsNeverPurgedWhateverItsAge() {
        outbox.enqueue(mail("waiting"));
        outbox.claimDue(Duration.ofMinutes(1)).orElseThrow();
        outbox.retryLater("waiting", 1, clock.instant().plusSeconds(2), "ConnectException: refused");
        sent("done");

        clock.advance(RETENTION.multipliedBy(10));
        delivery.purgeDone();

        assertThat(outbox.status("waiting")).contains("pending");
        assertThat(outbox.attempts("waiting")).isEqualTo(1);
        assertThat(outbox.status("done")).as("the control: done mails of that age go").isEmpty();
    }

    @Test
    void mailsDoneBeforeDoneAtExistedArePurgedOneRetentionAfterTheUpgrade() {
        database.getCollection(MailOutbox.COLLECTION).insertOne(new Document("_id", "old").append("to", "a@example.com")
                .append("status", "sent").append("sentAt", Date.from(clock.instant().minus(Duration.ofDays(400)))));
        database.getCollection(MailOutbox.COLLECTION).insertOne(new Document("_id", "old-pending")
                .append("to", "a@example.com").append("status", "pending")
                .append("nextAttemptAt", Date.from(clock.instant().minus(Duration.ofDays(400)))));
        MailOutbox upgraded = new MailOutbox(new IdentityDatabase(database), clock);

        clock.advance(RETENTION);
        upgraded.purgeDone(RETENTION);
        assertThat(upgraded.status("old")).contains("sent");

        clock.advance(Duration.ofSeconds(1));
        upgraded.purgeDone(RETENTION);
        assertThat(upgraded.status("old")).isEmpty();
        assertThat(upgraded.status("old-pending")).contains("pending");
    }

    @Test
    void theRunningDeliveryPurgesOnItsOwn() {
        sent("m1");
        clock.advance(JUST_OVER);

        delivery.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status("m1").isEmpty());
    }
}
