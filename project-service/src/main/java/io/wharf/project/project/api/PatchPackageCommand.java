package io.wharf.project.project.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code PATCH .../packages/{id}}: only {@code labels} (replaced) and {@code archived}; null = untouched. */
public record PatchPackageCommand(@TargetAggregateIdentifier String projectId, Caller caller, String packageId,
                                  List<CreatePackageCommand.Label> labels, Boolean archived) {
}
