package io.wharf.identity.pat.api;

/** The last event sequence number the token view applied ({@code Long}, -1 for none): read-your-writes. */
public record FindPersonalAccessTokenViewVersionQuery(String tokenId) {
}
