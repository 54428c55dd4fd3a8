package io.wharf.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class WharfWebAutoConfigurationTest {

    private static final String SECRET = "wharf.security.internal-secret=0123456789abcdef0123456789abcdef";

    @Test
    void activatesInServletApplications() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WharfWebAutoConfiguration.class))
                .withPropertyValues(SECRET)
                .run(context -> {
                    assertThat(context).hasSingleBean(ErrorTranslator.class);
                    assertThat(context.getBean(WharfWebProperties.class).maxBodySize().toBytes())
                            .isEqualTo(1024 * 1024);
                });
    }

    @Test
    void staysAwayFromReactiveApplicationsLikeTheGateway() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WharfWebAutoConfiguration.class))
                .withPropertyValues(SECRET)
                .run(context -> assertThat(context).doesNotHaveBean(ErrorTranslator.class));
    }

    @Test
    void staysAwayFromNonWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WharfWebAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ErrorTranslator.class));
    }

    @Test
    void failsFastWithoutAnInternalSecret() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WharfWebAutoConfiguration.class))
                .run(context -> assertThat(context).hasFailed());
    }
}
