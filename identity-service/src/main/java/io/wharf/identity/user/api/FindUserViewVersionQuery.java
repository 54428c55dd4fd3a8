package io.wharf.identity.user.api;

/** The last User event sequence number the user views applied ({@code Long}, -1 for none): read-your-writes. */
public record FindUserViewVersionQuery(String userId) {
}
