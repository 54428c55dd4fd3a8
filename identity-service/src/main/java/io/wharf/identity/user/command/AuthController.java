package io.wharf.identity.user.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.config.Callers;
import io.wharf.identity.config.IdentityProperties;
import io.wharf.common.axon.ViewWait;
import io.wharf.identity.token.SessionToken;
import io.wharf.identity.token.TokenIssuer;
import io.wharf.identity.user.api.AuthResponse;
import io.wharf.identity.user.api.FindUserViewVersionQuery;
import io.wharf.identity.user.api.LogInUserCommand;
import io.wharf.identity.user.api.LogOutUserCommand;
import io.wharf.identity.user.api.RegisterUserCommand;
import io.wharf.identity.user.api.UserProfile;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Wharf's own authentication routes (SPEC §1.3; dyrector delegates them to Kratos). */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "auth", description = "Register, log in and out; session tokens")
class AuthController {

    static final String COOKIE = "wharf_session";
    /** There is no user resource route; the caller reads itself at users/me. */
    static final URI CREATED_LOCATION = URI.create("/api/users/me");

    private final CommandGateway commands;
    private final EmailLookup emails;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final IdentityProperties properties;
    private final ViewWait views;
    private final Clock clock;

    AuthController(CommandGateway commands, EmailLookup emails, PasswordHasher hasher, TokenIssuer tokens,
            IdentityProperties properties, ViewWait views, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.emails = emails;
        this.hasher = hasher;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/register")
    @Operation(summary = "Create an account", description = "Answers the user and a session token.")
    @ApiResponse(responseCode = "201", description = "Registered; the token is shown once")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR with field")
    @ApiResponse(responseCode = "409", description = "CONFLICT: e-mail already registered (field email)")
    ResponseEntity<AuthResponse> register(@Valid @RequestBody RegisterRequest request) {
        SessionToken.Window session = SessionToken.Window.start(clock, properties.sessionLifetime());
        UserProfile user = commands.sendAndWait(new RegisterUserCommand(UUID.randomUUID().toString(),
                request.email(), request.password(), request.firstName(), request.lastName(), session.id(),
                session.issuedAt(), session.expiresAt()));
        views.awaitView(user.id(), new FindUserViewVersionQuery(user.id()));
        AuthResponse body = answer(user, session);
        return ResponseEntity.created(CREATED_LOCATION)
                .header(HttpHeaders.SET_COOKIE, cookie(body.token()).toString())
                .body(body);
    }

    @PostMapping("/login")
    @Operation(summary = "Log in", description = "Answers a session token and sets the wharf_session cookie.")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: wrong e-mail or password (same answer)")
    ResponseEntity<AuthResponse> login(@Valid @RequestBody LoginRequest request) {
        String userId = emails.findUserId(UserRules.normalizeEmail(request.email())).orElse(null);
        if (userId == null) {
            hasher.simulateCheck(request.password());
            throw new UnauthorizedException(User.INVALID_CREDENTIALS);
        }
        SessionToken.Window session = SessionToken.Window.start(clock, properties.sessionLifetime());
        UserProfile user = commands.sendAndWait(new LogInUserCommand(userId, request.password(), session.id(),
                session.issuedAt(), session.expiresAt()));
        views.awaitView(userId, new FindUserViewVersionQuery(userId));
        AuthResponse body = answer(user, session);
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie(body.token()).toString()).body(body);
    }

    @PostMapping("/logout")
    @Operation(summary = "Log out", description = "Revokes the caller's session token and clears the cookie.")
    @ApiResponse(responseCode = "204", description = "Logged out")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: no caller")
    ResponseEntity<Void> logout(@Parameter(hidden = true) WharfPrincipal caller) {
        Callers.userOf(caller, "Only a user can log out.");
        if (WharfPrincipal.SESSION.equals(caller.credential()) && caller.tokenId() != null) {
            commands.sendAndWait(new LogOutUserCommand(caller.userId(), caller.tokenId(), clock.instant()));
        }
        ResponseCookie cleared = ResponseCookie.from(COOKIE, "").httpOnly(true).sameSite("Lax").path("/")
                .secure(properties.cookieSecure()).maxAge(0).build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cleared.toString()).build();
    }

    private AuthResponse answer(UserProfile user, SessionToken.Window session) {
        String token = tokens.issue(new SessionToken(user.id(), user.email(), session));
        return new AuthResponse(new AuthResponse.UserResponse(user.id(), user.name(), user.email()), token,
                session.expiresAt());
    }

    private ResponseCookie cookie(String token) {
        return ResponseCookie.from(COOKIE, token).httpOnly(true).sameSite("Lax").path("/")
                .secure(properties.cookieSecure()).maxAge(properties.sessionLifetime()).build();
    }
}
