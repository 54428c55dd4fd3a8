package io.wharf.project.template;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wharf.common.error.ValidationException;
import io.wharf.project.project.command.TemplateImageRules;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The templates shipped with Wharf, read once from {@code classpath:templates/*.json} and checked
 * when the service starts: a template that breaks a rule (an unknown JSON property, a registry it
 * does not declare, an image reference or a config the image rules refuse, a privileged setting, a
 * missing picture) stops the service with the file and the precise field, instead of failing for
 * the first team that picks it. dyrector skips such files silently; a shipped file is ours, so a
 * broken one is a bug the build must catch ({@code TemplateCatalogueTest}).
 */
@Component
class TemplateCatalogue {

    static final String LOCATION = "classpath*:templates/";
    private static final Pattern ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
    private static final Set<String> REGISTRY_TYPES = Set.of("hub", "v2");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Map<String, Template> templates;

    TemplateCatalogue() {
        this(LOCATION);
    }

    TemplateCatalogue(String location) {
        this.templates = load(location);
    }

    List<Template> all() {
        return List.copyOf(templates.values());
    }

    Optional<Template> find(String id) {
        return Optional.ofNullable(id == null ? null : templates.get(id));
    }

    static Map<String, Template> load(String location) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            Resource[] files = resolver.getResources(location + "*.json");
            List<Template> loaded = new ArrayList<>();
            for (Resource file : files) {
                String id = file.getFilename().substring(0, file.getFilename().length() - ".json".length());
                Resource picture = resolver.getResource(location.replace("classpath*:", "classpath:") + id + ".svg");
                loaded.add(read(id, file, picture));
            }
            Map<String, Template> byId = new LinkedHashMap<>();
            loaded.stream().sorted(Comparator.comparing(Template::name, String.CASE_INSENSITIVE_ORDER))
                    .forEach(t -> byId.put(t.id(), t));
            return byId;
        } catch (IOException e) {
            throw new IllegalStateException("Templates unreadable at " + location, e);
        }
    }

    private static Template read(String id, Resource file, Resource picture) throws IOException {
        Template.File data;
        try (InputStream in = file.getInputStream()) {
            data = JSON.readValue(in, Template.File.class);
        } catch (IOException e) {
            throw new IllegalStateException("Template " + id + " is not a template file: " + e.getMessage(), e);
        }
        if (!picture.exists()) {
            throw new IllegalStateException("Template " + id + " has no picture " + id + ".svg");
        }
        byte[] svg;
        try (InputStream in = picture.getInputStream()) {
            svg = in.readAllBytes();
        }
        Template template = new Template(id, data.name(), data.description(), data.technologies(), data.registries(),
                data.images(), svg);
        try {
            check(template);
        } catch (ValidationException e) {
            throw new IllegalStateException("Template " + id + " is broken at " + e.field() + ": " + e.getMessage(), e);
        }
        return template;
    }

    /** The rules of a template file; a refusal names the field in the file ({@code images[1].config.name}). */
    static void check(Template t) {
        if (!ID.matcher(t.id()).matches()) {
            throw new ValidationException("A template id is lower-case words joined by '-'.", "id", null);
        }
        text(t.name(), 70, "name");
        text(t.description(), 1000, "description");
        if (t.technologies() == null || t.technologies().isEmpty()) {
            throw new ValidationException("Name the technologies.", "technologies", null);
        }
        for (int i = 0; i < t.technologies().size(); i++) {
            text(t.technologies().get(i), 70, "technologies[" + i + "]");
        }
        Set<String> registries = new HashSet<>();
        for (int i = 0; i < nonEmpty(t.registries(), "registries").size(); i++) {
            Template.RegistryNeed r = t.registries().get(i);
            String at = "registries[" + i + "]";
            if (r == null) {
                throw new ValidationException("A registry is required.", at, null);
            }
            text(r.name(), 70, at + ".name");
            if (!registries.add(r.name())) {
                throw new ValidationException("Registry declared twice.", at + ".name", null);
            }
            if (!REGISTRY_TYPES.contains(r.type())) {
                throw new ValidationException("Templates use hub or v2 registries.", at + ".type", null);
            }
            Template.Details d = r.details();
            if (d == null) {
                throw new ValidationException("Details are required.", at + ".details", null);
            }
            if ("hub".equals(r.type()) && (d.url() != null || d.imageNamePrefix() == null
                    || !PREFIX.matcher(d.imageNamePrefix()).matches())) {
                throw new ValidationException("A hub registry has an imageNamePrefix only.", at + ".details", null);
            }
            if ("v2".equals(r.type()) && (d.imageNamePrefix() != null || d.url() == null || d.url().isBlank())) {
                throw new ValidationException("A v2 registry has a url only.", at + ".details", null);
            }
        }
        Set<String> names = new HashSet<>();
        Set<String> containers = new HashSet<>();
        for (int i = 0; i < nonEmpty(t.images(), "images").size(); i++) {
            Template.Image image = t.images().get(i);
            String at = "images[" + i + "]";
            if (image == null) {
                throw new ValidationException("An image is required.", at, null);
            }
            if (image.registry() == null || !registries.contains(image.registry())) {
                throw new ValidationException("Not a registry the template declares.", at + ".registry", null);
            }
            String name = TemplateImageRules.check(image.image(), image.config(), at);
            if (!names.add(name)) {
                throw new ValidationException("A version holds one image per name.", at + ".image", null);
            }
            String container = image.config() != null && image.config().name() != null ? image.config().name()
                    : name.substring(name.lastIndexOf('/') + 1);
            if (!containers.add(container)) {
                throw new ValidationException("Two containers of the template have this name.", at + ".config.name",
                        null);
            }
        }
    }

    private static <T> List<T> nonEmpty(List<T> list, String field) {
        if (list == null || list.isEmpty()) {
            throw new ValidationException("At least one is required.", field, null);
        }
        return list;
    }

    private static void text(String value, int max, String field) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new ValidationException("Required, at most " + max + " characters.", field, null);
        }
    }
}
