package io.wharf.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import org.springframework.stereotype.Component;

/** Signs tokens (RS256) with the claims of docs/conventions.md. */
@Component
public class TokenIssuer {

    private final SigningKeyStore keys;

    TokenIssuer(SigningKeyStore keys) {
        this.keys = keys;
    }

    public String issue(SessionToken session) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .subject(session.userId())
                .claim(TokenClaims.EMAIL, session.email())
                .claim(TokenClaims.TYPE, TokenClaims.SESSION)
                .jwtID(session.window().id())
                .issueTime(Date.from(session.window().issuedAt()))
                .expirationTime(Date.from(session.window().expiresAt()))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(keys.signingKey().getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(keys.signingKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }
}
