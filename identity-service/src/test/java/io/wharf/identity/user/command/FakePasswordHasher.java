package io.wharf.identity.user.command;

/** A transparent stand-in for bcrypt, so fixture tests can state the expected hash. */
final class FakePasswordHasher implements PasswordHasher {

    @Override
    public String hash(String password) {
        return "hashed:" + password;
    }

    @Override
    public boolean matches(String password, String hash) {
        return hash != null && hash.equals(hash(password));
    }

    @Override
    public void simulateCheck(String password) {
    }
}
