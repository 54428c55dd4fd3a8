package io.wharf.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
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
        return sign(new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .subject(session.userId())
                .claim(TokenClaims.EMAIL, session.email())
                .claim(TokenClaims.TYPE, TokenClaims.SESSION)
                .jwtID(session.window().id())
                .issueTime(Date.from(session.window().issuedAt()))
                .expirationTime(Date.from(session.window().expiresAt()))
                .build());
    }

    /**
     * A personal access token: acts as the user until it expires ({@code expiresAt} null = never, so
     * no {@code exp} claim) or is deleted (its {@code jti} = the token id enters the revocation set).
     */
    public String issuePersonalAccessToken(String tokenId, String userId, String email, String name,
                                           Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .subject(userId)
                .claim(TokenClaims.EMAIL, email)
                .claim(TokenClaims.TYPE, TokenClaims.PAT)
                .claim(TokenClaims.NAME, name)
                .jwtID(tokenId)
                .issueTime(Date.from(issuedAt));
        if (expiresAt != null) {
            claims.expirationTime(Date.from(expiresAt));
        }
        return sign(claims.build());
    }

    private String sign(JWTClaimsSet claims) {
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
