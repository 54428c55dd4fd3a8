package io.wharf.probe;

import io.swagger.v3.oas.annotations.Parameter;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team route the way project-service's real ones will authorise, for tests only (outside
 * {@code io.wharf.project}, so no other context scans it): registered explicitly by
 * {@code TeamAccessRoundTripTest}.
 */
@RestController
public class AccessProbeController {

    private final TeamAccess access;

    public AccessProbeController(TeamAccess access) {
        this.access = access;
    }

    @GetMapping("/api/{teamSlug}/access-probe")
    Map<String, String> probe(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @RequestParam String role) {
        return Map.of("teamId", access.require(caller, teamSlug, TeamRole.parse(role).orElseThrow()));
    }
}
