package io.wharf.identity.team.api;

/** The last Team event sequence number the team views applied ({@code Long}, -1 for none): read-your-writes. */
public record FindTeamViewVersionQuery(String teamId) {
}
