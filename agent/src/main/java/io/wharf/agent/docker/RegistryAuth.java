package io.wharf.agent.docker;

/** Credentials for a pull; {@code toString} never shows the password. */
public record RegistryAuth(String url, String user, String password) {

    @Override
    public String toString() {
        return "RegistryAuth[url=" + url + ", user=" + user + ", password=***]";
    }
}
