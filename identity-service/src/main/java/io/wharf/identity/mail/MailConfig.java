package io.wharf.identity.mail;

import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP client, built from {@link MailProperties} (Boot's own {@code spring.mail.*} is not used,
 * so one set of WHARF_* variables configures it). Without {@code wharf.mail.smtp-host} there is no
 * sender at all and {@link MailDelivery} logs each mail as not sent. Boot's mail health check is off
 * (application.yml): SMTP being down must not make identity unready, mails wait in the outbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfig {

    @Bean
    @ConditionalOnExpression("!'${wharf.mail.smtp-host:}'.isBlank()")
    JavaMailSenderImpl wharfMailSender(MailProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(properties.smtpHost());
        sender.setPort(properties.smtpPort());
        sender.setDefaultEncoding("UTF-8");
        if (!properties.username().isBlank()) {
            sender.setUsername(properties.username());
            sender.setPassword(properties.password());
        }
        Properties smtp = sender.getJavaMailProperties();
        String timeout = Long.toString(properties.timeout().toMillis());
        smtp.put("mail.smtp.connectiontimeout", timeout);
        smtp.put("mail.smtp.timeout", timeout);
        smtp.put("mail.smtp.writetimeout", timeout);
        smtp.put("mail.smtp.auth", Boolean.toString(!properties.username().isBlank()));
        if (properties.starttls()) {
            smtp.put("mail.smtp.starttls.enable", "true");
            smtp.put("mail.smtp.starttls.required", "true");
        }
        return sender;
    }
}
