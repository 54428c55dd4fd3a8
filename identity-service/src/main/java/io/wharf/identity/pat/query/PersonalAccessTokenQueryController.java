package io.wharf.identity.pat.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.config.Callers;
import io.wharf.identity.pat.api.PersonalAccessTokenResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own tokens; never the secret, never another user's (404 for those). */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "tokens")
class PersonalAccessTokenQueryController {

    private static final String REFUSAL = "This credential has no personal access tokens.";

    private final PersonalAccessTokenViews views;

    PersonalAccessTokenQueryController(PersonalAccessTokenViews views) {
        this.views = views;
    }

    @GetMapping
    @Operation(summary = "List the caller's personal access tokens", description = "Newest first.")
    List<PersonalAccessTokenResponse> list(@Parameter(hidden = true) WharfPrincipal caller) {
        return views.ofUser(Callers.userOf(caller, REFUSAL));
    }

    @GetMapping("/{tokenId}")
    @Operation(summary = "One of the caller's personal access tokens")
    PersonalAccessTokenResponse get(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID tokenId) {
        return views.find(Callers.userOf(caller, REFUSAL), tokenId.toString())
                .orElseThrow(() -> new NotFoundException("Token not found.", "tokenId", null));
    }
}
