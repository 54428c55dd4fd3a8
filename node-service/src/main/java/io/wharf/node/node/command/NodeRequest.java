package io.wharf.node.node.command;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST and PUT /api/{teamSlug}/nodes (seed 003 CreateNodeDto / UpdateNodeDto). */
record NodeRequest(
        @NotBlank @Size(max = NodeRules.NAME_MAX) String name,
        @Size(max = NodeRules.DESCRIPTION_MAX) String description,
        @Size(max = NodeRules.ICON_MAX) String icon) {
}
