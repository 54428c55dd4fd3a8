package io.wharf.identity.user.command;

/** The password function, behind an interface so the aggregate stays free of frameworks. */
interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);

    /** Spends the time of a real check, so an unknown e-mail answers as slowly as a wrong password. */
    void simulateCheck(String password);
}
