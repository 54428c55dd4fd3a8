package io.wharf.project.project.command;

import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.PackageCreatedEvent;
import io.wharf.project.project.api.CreatePackageCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Seed 001's label rules: at most 32, text 1–256 characters, colour red|yellow|blue|green|black. */
final class PackageRules {

    private PackageRules() {
    }

    /** The labels with fresh ids (a PATCH replaces them all), or the first refusal with its field. */
    static List<PackageCreatedEvent.Label> labels(List<CreatePackageCommand.Label> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > ProjectRules.LABELS_MAX) {
            throw new ValidationException("At most " + ProjectRules.LABELS_MAX + " labels.", "labels", null);
        }
        List<PackageCreatedEvent.Label> labels = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            CreatePackageCommand.Label l = given.get(i);
            String field = "labels[" + i + "]";
            if (l == null || l.text() == null || l.text().isEmpty() || l.text().length() > ProjectRules.LABEL_TEXT_MAX) {
                throw new ValidationException("A label's text is 1 to 256 characters.", field + ".text", null);
            }
            if (!ProjectRules.LABEL_COLORS.contains(l.color())) {
                throw new ValidationException("Unknown colour.", field + ".color", "red, yellow, blue, green or black.");
            }
            labels.add(new PackageCreatedEvent.Label(UUID.randomUUID().toString(), l.text(), l.color()));
        }
        return labels;
    }
}
