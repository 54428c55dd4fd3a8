package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The project's name and description as edited ({@code PUT .../projects/{id}}). */
@Revision("1")
public record ProjectDetailsEditedEvent(
        String projectId,
        String teamId,
        String name,
        String description,
        String editedBy,
        Instant editedAt) {
}
