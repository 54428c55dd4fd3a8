package io.wharf.identity.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The outbox and its sender against a real SMTP server (GreenMail) and the in-process MongoDB:
 * delivery, idempotency by id, retries with backoff while SMTP is down, giving up, no SMTP at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailDeliveryTest {

    private MailOutbox outbox;
    private GreenMail smtp;
    private MailDelivery delivery;

    @BeforeEach
    void fresh() {
        outbox = new MailOutbox(new IdentityDatabase(InProcessMongo.newDatabase(getClass())),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (delivery != null) {
            delivery.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static MailProperties properties(String host, int port, int maxAttempts) {
        return new MailProperties(host, port, "", "secret-not-logged", false, "Wharf <wharf@example.com>",
                "http://wharf.example.com/", Duration.ofMillis(50), maxAttempts, Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofDays(30));
    }

    private MailDelivery delivery(MailProperties properties, MailRelevance... relevance) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (properties.smtpConfigured()) {
            beans.registerSingleton("sender", new MailConfig().wharfMailSender(properties));
        }
        for (int i = 0; i < relevance.length; i++) {
            beans.registerSingleton("relevance" + i, relevance[i]);
        }
        return new MailDelivery(outbox, properties, beans.getBeanProvider(JavaMailSender.class), Clock.systemUTC(),
                beans.getBeanProvider(MailRelevance.class));
    }

    private static OutgoingMail mail(String id) {
        return new OutgoingMail(id, "grace@example.com", "Subject " + id, "plain " + id, "<p>html " + id + "</p>");
    }

    @Test
    void sendsTextAndHtmlOnceEvenWhenQueuedTwice() throws Exception {
        int port = Smtp.freePort();
        smtp = Smtp.start(port);
        delivery = delivery(properties("127.0.0.1", port, 3));

        assertThat(outbox.enqueue(mail("m1"))).isTrue();
        assertThat(outbox.enqueue(mail("m1"))).as("same id: already queued").isFalse();
        delivery.deliverDue();
        assertThat(outbox.enqueue(mail("m1"))).as("same id after sending: still nothing").isFalse();
        delivery.deliverDue();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("grace@example.com");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("Wharf <wharf@example.com>");
        assertThat(received[0].getSubject()).isEqualTo("Subject m1");
        assertThat(Smtp.parts(received[0], "text/plain")).singleElement().asString().contains("plain m1");
        assertThat(Smtp.parts(received[0], "text/html")).singleElement().asString().contains("<p>html m1</p>");
        assertThat(outbox.status("m1")).contains(MailOutbox.SENT);
    }

    @Test
    void whileSmtpIsDownTheMailWaitsAndIsSentOnceItIsBack() {
        int port = Smtp.freePort(); // nobody listens yet
        delivery = delivery(properties("127.0.0.1", port, 100));
        delivery.start();
        outbox.enqueue(mail("m2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts("m2") >= 2);
        assertThat(outbox.status("m2")).contains(MailOutbox.PENDING);

        smtp = Smtp.start(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status("m2").orElseThrow().equals(MailOutbox.SENT));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        delivery = delivery(properties("127.0.0.1", Smtp.freePort(), 2));
        delivery.start();
        outbox.enqueue(mail("m3"));

        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status("m3").orElseThrow().equals(MailOutbox.FAILED));
        assertThat(attempts("m3")).isEqualTo(2);
    }

    @Test
    void logsShowTheRecipientMaskedNeverTheAddress(CapturedOutput output) {
        int port = Smtp.freePort();
        smtp = Smtp.start(port);
        delivery = delivery(properties("127.0.0.1", port, 3));
        outbox.enqueue(mail("m5"));
        delivery.deliverDue();
        assertThat(outbox.status("m5")).contains(MailOutbox.SENT);

        delivery = delivery(properties("", 25, 3));
        outbox.enqueue(mail("m6"));
        delivery.deliverDue();

        // only our own lines (GreenMail logs the address it creates a mailbox for)
        String ours = output.getAll().lines().filter(line -> line.contains(MailDelivery.class.getName())
                || line.contains("i.w.identity.mail.MailDelivery") || line.contains("Mail '"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(ours).contains("Mail 'Subject m5' sent to g***@example.com")
                .contains("Mail 'Subject m6' to g***@example.com not sent").doesNotContain("grace@example.com");
        assertThat(MailDelivery.masked("x@y.org")).isEqualTo("x***@y.org");
        assertThat(MailDelivery.masked("no-at-sign")).isEqualTo("***");
    }

    @Test
    void anSmtpRefusalQuotingTheAddressIsStoredAndLoggedMasked(CapturedOutput output) throws Exception {
        try (RefusingSmtp refusing = new RefusingSmtp()) {
            delivery = delivery(properties("127.0.0.1", refusing.port(), 1));
            outbox.enqueue(mail("m7"));
            delivery.deliverDue();
        }
        assertThat(outbox.status("m7")).contains(MailOutbox.FAILED);
        assertThat(outbox.lastError("m7")).hasValueSatisfying(error -> assertThat(error)
                .contains("550").contains("g***@example.com").doesNotContain("grace@example.com"));
        String ours = output.getAll().lines().filter(line -> line.contains("Mail '"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(ours).contains("given up").doesNotContain("grace@example.com");
        assertThat(MailDelivery.maskAddresses("550 5.1.1 <ada.l@example.org>: unknown; \"bob@x.io\" too"))
                .isEqualTo("550 5.1.1 <a***@example.org>: unknown; \"b***@x.io\" too");
    }

    @Test
    void aMailThatIsNoLongerWantedIsMarkedNotSentWithTheReason() {
        int port = Smtp.freePort();
        smtp = Smtp.start(port);
        MailRelevance revoked = about -> "invitation:t1:gone".equals(about)
                ? java.util.Optional.of("the invitation was revoked") : java.util.Optional.empty();
        delivery = delivery(properties("127.0.0.1", port, 3), revoked);

        outbox.enqueue(new OutgoingMail("m8", "grace@example.com", "Gone", "plain", "<p>html</p>", "invitation:t1:gone"));
        outbox.enqueue(new OutgoingMail("m9", "grace@example.com", "Live", "plain", "<p>html</p>", "invitation:t1:live"));
        delivery.deliverDue();

        assertThat(outbox.status("m8")).contains(MailOutbox.NOT_SENT);
        assertThat(outbox.lastError("m8")).contains("not sent: the invitation was revoked");
        assertThat(outbox.status("m9")).contains(MailOutbox.SENT);
        assertThat(smtp.getReceivedMessages()).extracting(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("Live");
    }

    /** A minimal SMTP server that refuses every recipient, quoting the address as real servers do. */
    private static final class RefusingSmtp implements AutoCloseable {

        private final java.net.ServerSocket server;
        private final Thread thread;

        RefusingSmtp() throws java.io.IOException {
            server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "refusing-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (java.net.Socket socket = server.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                            java.nio.charset.StandardCharsets.US_ASCII));
                    var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(socket.getOutputStream(),
                            java.nio.charset.StandardCharsets.US_ASCII), true);
                    out.print("220 refusing ESMTP\r\n");
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        String command = line.toUpperCase(java.util.Locale.ROOT);
                        if (command.startsWith("RCPT TO:")) {
                            String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                            out.print("550 5.1.1 <" + address + ">: Recipient address rejected: User unknown\r\n");
                        } else if (command.startsWith("QUIT")) {
                            out.print("221 bye\r\n");
                            out.flush();
                            break;
                        } else {
                            out.print("250 ok\r\n");
                        }
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    // closed: the test is over
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    @Test
    void withoutAnSmtpServerMailsAreMarkedNotSent() {
        delivery = delivery(properties("", 25, 3));
        outbox.enqueue(mail("m4"));
        delivery.deliverDue();
        assertThat(outbox.status("m4")).contains(MailOutbox.NOT_SENT);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        MailDelivery d = delivery(properties("", 25, 3));
        assertThat(d.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(d.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(d.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(d.backoff(30)).isEqualTo(Duration.ofMillis(400));
    }

    private int attempts(String id) {
        return outbox.attempts(id);
    }
}
