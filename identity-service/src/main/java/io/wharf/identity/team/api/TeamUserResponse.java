package io.wharf.identity.team.api;

import java.time.Instant;

/**
 * One person of a team: {@code status} is {@code verified} for members and {@code pending|expired|declined}
 * for invitations (role {@code user}, {@code id} = the invitation's id, {@code lastLogin} null);
 * {@code lastLogin} is the start of the newest session, or null.
 */
public record TeamUserResponse(String role, String status, String email, Instant lastLogin, String id, String name) {
}
