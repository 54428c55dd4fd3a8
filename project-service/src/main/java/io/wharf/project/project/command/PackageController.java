package io.wharf.project.project.command;

import io.wharf.common.metadata.IdempotentIds;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.error.ReadonlyFieldException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.CreatePackageCommand;
import io.wharf.project.project.api.FindPackageQuery;
import io.wharf.project.project.api.PackageResponse;
import io.wharf.project.project.api.PatchPackageCommand;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Release packages of a project (seed 001): create, patch labels/archived, delete = archive. */
@RestController
@RequestMapping("/api/{teamSlug}/projects/{projectId}/packages")
@Tag(name = "packages", description = "Release packages of versioned components")
class PackageController {

    /** What a PATCH may change; the other fields of a package are read-only (422). */
    static final Set<String> WRITABLE = Set.of("labels", "archived");
    /**
     * Wharf's read-only fields and seed 001's package shape ({@code applicationId},
     * {@code basePackageVersion}, {@code preview}): a client that PATCHes back what it read gets 422.
     */
    static final Set<String> READ_ONLY = Set.of("id", "projectId", "version", "baseVersion", "components", "audit",
            "applicationId", "basePackageVersion", "preview");

    private final ProjectCommands commands;
    private final QueryGateway queries;
    private final ObjectMapper json = new ObjectMapper();

    PackageController(ProjectCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Create a package", description = "semver version unique in the project, components >= 1 "
            + "(images of the project), labels <= 32.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: project, or an image not of the project")
    @ApiResponse(responseCode = "409", description = "CONFLICT: version taken")
    ResponseEntity<PackageResponse> create(@Parameter(hidden = true) WharfPrincipal principal,
            @PathVariable String teamSlug, @PathVariable UUID projectId,
            @Valid @RequestBody ProjectRequests.CreatePackage request) {
        Caller caller = commands.caller(principal, teamSlug);
        String packageId = IdempotentIds.newId();
        List<CreatePackageCommand.Component> components = request.components().stream()
                .map(c -> c == null ? null : new CreatePackageCommand.Component(c.imageId().toString(), c.version()))
                .toList();
        List<CreatePackageCommand.Label> labels = request.labels() == null ? null : request.labels().stream()
                .map(l -> l == null ? null : new CreatePackageCommand.Label(l.text(), l.color())).toList();
        commands.send(projectId.toString(), new CreatePackageCommand(projectId.toString(), caller, packageId,
                request.version(), request.baseVersion(), components, labels));
        PackageResponse body = queries.query(new FindPackageQuery(caller.teamId(), projectId.toString(), packageId),
                ResponseTypes.instanceOf(PackageResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/projects/" + projectId + "/packages/"
                + packageId)).body(body);
    }

    @PatchMapping("/{packageId}")
    @Operation(summary = "Change a package's labels or archived flag", description = "Any other field: 422.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "422", description = "READONLY_FIELD: a field other than labels and archived")
    ResponseEntity<Void> patch(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID packageId, @RequestBody JsonNode request) {
        Caller caller = commands.caller(principal, teamSlug);
        if (!request.isObject()) {
            throw new ValidationException("A JSON object is expected.");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (READ_ONLY.contains(field)) {
                throw new ReadonlyFieldException("Only labels and archived can change.", field,
                        "Create a new package for other changes.");
            }
            if (!WRITABLE.contains(field)) {
                throw new ValidationException("Unknown field.", field, null);
            }
        }
        List<CreatePackageCommand.Label> labels = null;
        if (request.hasNonNull("labels")) {
            labels = labels(request.get("labels"));
        }
        Boolean archived = null;
        if (request.hasNonNull("archived")) {
            if (!request.get("archived").isBoolean()) {
                throw new ValidationException("A boolean is expected.", "archived", null);
            }
            archived = request.get("archived").booleanValue();
        }
        commands.send(projectId.toString(), new PatchPackageCommand(projectId.toString(), caller,
                packageId.toString(), labels, archived));
        return ResponseEntity.noContent().build();
    }

    private List<CreatePackageCommand.Label> labels(JsonNode node) {
        if (!node.isArray()) {
            throw new ValidationException("A list of labels is expected.", "labels", null);
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode label = node.get(i);
            if (!label.isObject()) {
                throw new ValidationException("A label is {text, color}.", "labels[" + i + "]", null);
            }
            for (Iterator<String> names = label.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("text") && !name.equals("color") && !name.equals("id")) {
                    throw new ValidationException("Unknown field.", "labels[" + i + "]." + name, null);
                }
                if (!label.get(name).isTextual()) {
                    throw new ValidationException("A string is expected.", "labels[" + i + "]." + name, null);
                }
            }
        }
        return json.convertValue(node, new TypeReference<List<LabelInput>>() { }).stream()
                .map(l -> new CreatePackageCommand.Label(l.text(), l.color())).toList();
    }

    /** A label as PATCH accepts it; an {@code id} sent back from a GET is ignored (labels are replaced). */
    record LabelInput(String id, String text, String color) {
    }

    @DeleteMapping("/{packageId}")
    @Operation(summary = "Archive a package", description = "Packages are never removed, only archived.")
    @ApiResponse(responseCode = "204", description = "Archived")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID packageId) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new PatchPackageCommand(projectId.toString(), caller,
                packageId.toString(), null, true));
        return ResponseEntity.noContent().build();
    }
}
