package io.wharf.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.common.error.UnauthorizedException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Identity's own check of the tokens it issued. Only RS256 with one of our key ids is accepted:
 * {@code alg: none}, HMAC tricks with the public key, unknown keys, tampering, a foreign issuer and
 * expiry are all refused with 401. Revocation is not checked here (the gateway's revocation set).
 */
@Component
public class TokenVerifier {

    private final SigningKeyStore keys;
    private final Clock clock;

    TokenVerifier(SigningKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public VerifiedToken verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = keys.signingKey();
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!TokenClaims.ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(now) || claims.getSubject() == null
                    || claims.getJWTID() == null) {
                throw invalid();
            }
            return new VerifiedToken(claims.getSubject(), claims.getStringClaim(TokenClaims.EMAIL),
                    claims.getStringClaim(TokenClaims.TYPE), claims.getJWTID(),
                    claims.getStringClaim(TokenClaims.NAME),
                    claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static UnauthorizedException invalid() {
        return new UnauthorizedException("Invalid or expired token.");
    }
}
