package io.wharf.project.registry.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user and a plain token or password, opened only for the call; {@code toString} never shows the token. */
public record Credentials(String user, String token) {

    public static final Credentials NONE = new Credentials(null, null);

    public boolean present() {
        return token != null;
    }

    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                ((user == null ? "" : user) + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
