package io.wharf.project.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped templates pass every rule of a template and of the images' container configs, and a
 * broken template file (test resources {@code broken-templates/<case>/}) stops the catalogue with its
 * file and field.
 */
class TemplateCatalogueTest {

    @Test
    void theShippedTemplatesAreAtLeastSixValidOnesWithTheirOwnPictures() {
        List<Template> all = new TemplateCatalogue().all();

        assertThat(all).extracting(Template::id)
                .contains("nginx", "postgres-adminer", "wordpress", "gitea", "redis", "demo-web");
        for (Template t : all) {
            TemplateCatalogue.check(t); // what the constructor did, once more for the record
            assertThat(new String(t.picture(), StandardCharsets.UTF_8)).as(t.id()).contains("<svg").contains("</svg>");
            assertThat(t.registries()).as(t.id()).extracting(Template.RegistryNeed::name).contains("Docker Hub Library");
            assertThat(t.images()).as(t.id()).allSatisfy(i -> assertThat(i.config()).isNotNull());
        }
        assertThat(all).extracting(Template::name).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(all).flatExtracting(Template::registries).extracting(Template.RegistryNeed::type).contains("v2");
    }

    @ParameterizedTest
    @CsvSource({
            "bad-port, images[0].config.ports[0].internal",
            "privileged, images[0].config",
            "undeclared-registry, images[0].registry",
            "bad-image, images[0].image",
            "duplicate-container, images[1].config.name",
            "hub-with-url, registries[0].details",
    })
    void aBrokenTemplateStopsTheCatalogueWithItsField(String broken, String field) {
        assertThatThrownBy(() -> new TemplateCatalogue("classpath*:broken-templates/" + broken + "/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Template " + broken + " is broken at " + field + ":");
    }

    @Test
    void anUnknownPropertyOrAMissingPictureIsRefused() {
        assertThatThrownBy(() -> new TemplateCatalogue("classpath*:broken-templates/unknown-property/"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown-property is not a template file")
                .hasMessageContaining("restartPolicyy");
        assertThatThrownBy(() -> new TemplateCatalogue("classpath*:broken-templates/no-picture/"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no picture no-picture.svg");
    }
}
