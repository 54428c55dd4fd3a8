package io.wharf.project.project.api;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a version (copying the default version's images); {@code publishImmediately} publishes it at
 * once with the {@code digests} resolved before sending (see {@link PublishVersionCommand}).
 */
public record CreateVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                   String name, String type, String changelog, boolean publishImmediately,
                                   Map<String, String> digests) {

    /** A version created without digests (not published, or published with every tag kept). */
    public CreateVersionCommand(String projectId, Caller caller, String versionId, String name, String type,
            String changelog, boolean publishImmediately) {
        this(projectId, caller, versionId, name, type, changelog, publishImmediately, Map.of());
    }
}
