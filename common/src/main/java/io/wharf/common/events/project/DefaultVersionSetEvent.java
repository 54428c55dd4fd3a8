package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code versionId} is the project's default version now ({@code previousVersionId} no longer, may be null). */
@Revision("1")
public record DefaultVersionSetEvent(
        String projectId,
        String teamId,
        String versionId,
        String previousVersionId,
        String setBy,
        Instant setAt) {
}
