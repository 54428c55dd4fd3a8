package io.wharf.identity.user.command;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** bcrypt (cost 10), which reads at most 72 bytes: longer passwords are refused at registration. */
@Component
class BcryptPasswordHasher implements PasswordHasher {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    private final String decoy = encoder.encode("decoy-password-for-timing");

    @Override
    public String hash(String password) {
        return encoder.encode(password);
    }

    @Override
    public boolean matches(String password, String hash) {
        if (password == null || hash == null || password.getBytes(StandardCharsets.UTF_8).length > 72) {
            return false;
        }
        return encoder.matches(password, hash);
    }

    @Override
    public void simulateCheck(String password) {
        encoder.matches(password == null ? "" : password, decoy);
    }
}
