package io.wharf.project.registry.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.client.Credentials;
import io.wharf.project.registry.client.RegistryCallException;
import io.wharf.project.registry.client.RegistryClients;
import io.wharf.common.security.SecretCipher;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Wharf's own read routes over a {@code v2} registry (SPEC §3): its repositories and an image's tags,
 * fetched live with the stored credentials. Other types answer 412 (their browsing is not offered).
 * The registry unreachable: 503; credentials refused: 412; an unknown image: 404.
 */
@RestController
@RequestMapping("/api/{teamSlug}/registries/{registryId}/images")
@Tag(name = "registries")
class RegistryBrowseController {

    private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");

    private final TeamAccess access;
    private final RegistryTable table;
    private final RegistryClients clients;
    private final SecretCipher cipher;

    RegistryBrowseController(TeamAccess access, RegistryTable table, RegistryClients clients, SecretCipher cipher) {
        this.access = access;
        this.table = table;
        this.clients = clients;
        this.cipher = cipher;
    }

    @GetMapping
    @Operation(summary = "Repositories of a v2 registry", description = "From /v2/_catalog, those containing q.")
    @ApiResponse(responseCode = "200", description = "[\"name\", ...] sorted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a registry of the team")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: not a v2 registry, or credentials refused")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the registry is not reachable")
    List<String> images(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID registryId, @RequestParam(required = false, defaultValue = "") String q) {
        RegistryEntry e = v2(caller, teamSlug, registryId);
        return call(e, c -> clients.v2().repositories(e.url(), c, q));
    }

    @GetMapping("/{*name}")
    @Operation(summary = "Tags of an image of a v2 registry", description = "GET .../images/{name}/tags; the name may "
            + "have slashes (demo/busybox).")
    @ApiResponse(responseCode = "200", description = "[\"tag\", ...] sorted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a registry of the team, or no such image")
    List<String> tags(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID registryId, @PathVariable String name) {
        if (!name.endsWith("/tags")) {
            throw new NotFoundException("No such route.");
        }
        String image = name.substring(1, name.length() - "/tags".length());
        if (!IMAGE.matcher(image).matches()) {
            throw new ValidationException("Not an image name.", "name", null);
        }
        RegistryEntry e = v2(caller, teamSlug, registryId);
        return call(e, c -> clients.v2().tags(e.url(), c, image));
    }

    private RegistryEntry v2(WharfPrincipal caller, String teamSlug, UUID registryId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        RegistryEntry e = table.find(teamId, registryId.toString())
                .orElseThrow(() -> new NotFoundException("Registry not found.", "registryId", null));
        if (e.type() != RegistryType.V2) {
            throw new PreconditionFailedException("Images can be listed for v2 registries only.", "registryId", null);
        }
        return e;
    }

    private List<String> call(RegistryEntry e, Function<Credentials, List<String>> listing) {
        try {
            return listing.apply(new Credentials(e.user(), cipher.open(e.id(), e.token())));
        } catch (RegistryCallException failed) {
            if (failed.unreachable()) {
                throw new ServiceUnavailableException("The registry is not reachable.", 30);
            }
            if (failed.refused()) {
                throw new PreconditionFailedException("The registry refused the stored credentials.", "registryId",
                        "Update the registry's user and token.");
            }
            if (failed.status() == 404) {
                throw new NotFoundException("The registry does not know this image.", "name", null);
            }
            throw new ServiceUnavailableException("The registry did not answer as expected.", 30);
        }
    }
}
