package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Would a publish be accepted now (404/412 as {@link PublishVersionCommand} or a publishing
 * {@link CreateVersionCommand} would answer)? Applies nothing. Sent before the controller asks any
 * registry for digests, so a version that cannot be published never causes an outbound call.
 *
 * @param versionId the version to publish, or null for a new version (then {@code name} and
 *                  {@code type} are the new version's, which copies the default version's images)
 */
public record CheckPublishableCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                      String name, String type) {
}
