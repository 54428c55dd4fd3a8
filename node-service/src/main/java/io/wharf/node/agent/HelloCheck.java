package io.wharf.node.agent;

import io.grpc.Status;
import io.wharf.agent.protocol.v1.Hello;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What an agent's Hello must satisfy besides its token: a protocol whose major version this server
 * speaks (a breaking change is a new major, served as its own package, see docs/node-service.md), and
 * a public key that really is one — PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), RSA of 2048
 * to 8192 bits, at most {@link #MAX_PEM} characters — since it is stored, published in events and used
 * to encrypt secrets for the node. Only RSA: the agent encrypts and decrypts with RSA, so an EC key
 * (which parses fine) would leave secrets for the node undecryptable.
 */
final class HelloCheck {

    static final String SUPPORTED_MAJOR = "1";
    static final int MAX_PEM = 4096;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PUBLIC KEY-----\\s*");

    private HelloCheck() {
    }

    /** The refusal (status with a message for the agent's operator), or null when the Hello is fine. */
    static Status refusal(Hello hello) {
        String protocol = hello.getProtocolVersion().strip();
        String major = protocol.split("\\.", 2)[0];
        if (!SUPPORTED_MAJOR.equals(major)) {
            return Status.FAILED_PRECONDITION.withDescription("Unsupported agent protocol version '"
                    + printable(protocol) + "': this server speaks " + SUPPORTED_MAJOR + ".x; install the agent of this"
                    + " Wharf release (run the node's install script again).");
        }
        String keyProblem = publicKeyProblem(hello.getPublicKey());
        if (keyProblem != null) {
            return Status.INVALID_ARGUMENT.withDescription("Unusable public key: " + keyProblem + ".");
        }
        return null;
    }

    /** Null when {@code pem} is an acceptable public key, else what is wrong with it. */
    static String publicKeyProblem(String pem) {
        if (pem == null || pem.isBlank()) {
            return "missing";
        }
        if (pem.length() > MAX_PEM) {
            return "longer than " + MAX_PEM + " characters";
        }
        var matcher = PEM.matcher(pem.strip());
        if (!matcher.matches()) {
            return "not a PEM 'PUBLIC KEY'";
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(1));
        } catch (IllegalArgumentException e) {
            return "not base64";
        }
        PublicKey key = parse(der);
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits < 2048 || bits > 8192 ? "an RSA key of " + bits + " bits (2048 to 8192 accepted)" : null;
        }
        return key instanceof ECPublicKey ? "an EC key (only RSA keys are accepted: secrets for the node are "
                + "RSA-encrypted)" : "not an RSA key";
    }

    private static PublicKey parse(byte[] der) {
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception wrongAlgorithm) {
                // try the next one
            }
        }
        return null;
    }

    private static String printable(String value) {
        String cut = value.length() > 20 ? value.substring(0, 20) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
