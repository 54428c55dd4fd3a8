package io.wharf.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.security.WharfSecurityProperties;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Signing, the JWKS and the verifier's refusals, on an in-process Mongo (no Spring). */
class TokenTest {

    private static final String SECRET = "token-test-internal-secret-0123456789abc";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static MongoDatabase freshDatabase() {
        return InProcessMongo.newDatabase(TokenTest.class);
    }

    private static SigningKeyStore store(MongoDatabase db, String secret) {
        return new SigningKeyStore(new IdentityDatabase(db), new WharfSecurityProperties(secret, Duration.ofSeconds(30)), CLOCK);
    }

    private static SessionToken session(Instant issuedAt, Duration lifetime) {
        return new SessionToken("user-1", "ada@example.com",
                new SessionToken.Window("jti-1", issuedAt, issuedAt.plus(lifetime)));
    }

    private final SigningKeyStore keys = store(freshDatabase(), SECRET);
    private final TokenIssuer issuer = new TokenIssuer(keys);
    private final TokenVerifier verifier = new TokenVerifier(keys, CLOCK);

    @Test
    void aSessionTokenCarriesTheConventionalClaimsAndVerifiesAgainstTheJwks() throws Exception {
        String token = issuer.issue(session(CLOCK.instant(), Duration.ofHours(12)));

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("wharf");
        assertThat(claims.getSubject()).isEqualTo("user-1");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@example.com");
        assertThat(claims.getStringClaim("typ")).isEqualTo("session");
        assertThat(claims.getJWTID()).isEqualTo("jti-1");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)));

        // What the gateway does: take the key from the published JWKS and check the signature.
        JWKSet published = JWKSet.parse(keys.publicKeys().toJSONObject());
        RSAKey publicKey = (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(publicKey))).isTrue();

        VerifiedToken verified = verifier.verify(token);
        assertThat(verified.tokenId()).isEqualTo("jti-1");
        assertThat(verified.type()).isEqualTo("session");
    }

    @Test
    void refusesATamperedToken() {
        String[] parts = issuer.issue(session(CLOCK.instant(), Duration.ofHours(1))).split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"wharf\",\"sub\":\"admin\",\"typ\":\"session\",\"jti\":\"x\",\"exp\":4102444800}"
                        .getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + forgedClaims + "." + parts[2]);
    }

    @Test
    void refusesAlgNone() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("wharf").subject("user-1").jwtID("j")
                .expirationTime(Date.from(CLOCK.instant().plusSeconds(600))).build();
        assertRefused(new PlainJWT(claims).serialize());
        // the same with an empty signature part appended, as some libraries accept
        assertRefused(new PlainJWT(claims).serialize() + "c2ln");
    }

    @Test
    void refusesATokenSignedWithAnotherKeyUnderOurKeyId() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(),
                claims(CLOCK.instant().plusSeconds(600)));
        jwt.sign(new RSASSASigner(foreign));
        assertRefused(jwt.serialize());
    }

    @Test
    void refusesAnHmacTokenKeyedWithOurPublicKey() throws Exception {
        byte[] publicKeyBytes = keys.signingKey().toRSAPublicKey().getEncoded();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(keys.signingKey().getKeyID()).build(),
                new Payload(claims(CLOCK.instant().plusSeconds(600)).toJSONObject()));
        jws.sign(new MACSigner(publicKeyBytes));
        assertRefused(jws.serialize());
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(issuer.issue(session(CLOCK.instant().minus(Duration.ofHours(2)), Duration.ofHours(1))));
    }

    @Test
    void refusesGarbage() {
        assertRefused("not.a.token");
        assertRefused("");
    }

    @Test
    void replicasStartingTogetherAgreeOnOneKey() throws Exception {
        MongoDatabase db = freshDatabase();
        CompletableFuture<SigningKeyStore> a = CompletableFuture.supplyAsync(() -> store(db, SECRET));
        CompletableFuture<SigningKeyStore> b = CompletableFuture.supplyAsync(() -> store(db, SECRET));
        assertThat(a.get().signingKey().getKeyID()).isEqualTo(b.get().signingKey().getKeyID());
        assertThat(a.get().signingKey().toRSAPublicKey()).isEqualTo(b.get().signingKey().toRSAPublicKey());
        assertThat(db.getCollection(SigningKeyStore.COLLECTION).countDocuments()).isEqualTo(1);
        // and a restart reads the same key back
        assertThat(store(db, SECRET).signingKey().toRSAPrivateKey()).isEqualTo(a.get().signingKey().toRSAPrivateKey());
    }

    @Test
    void thePrivateKeyIsStoredEncryptedUnderTheInternalSecret() throws Exception {
        MongoDatabase db = freshDatabase();
        SigningKeyStore created = store(db, SECRET);
        Document stored = db.getCollection(SigningKeyStore.COLLECTION).find().first();
        byte[] plainPkcs8 = created.signingKey().toRSAPrivateKey().getEncoded();
        assertThat(Base64.getDecoder().decode(stored.getString("privateKey"))).isNotEqualTo(plainPkcs8);
        assertThat(stored.toJson()).doesNotContain(Base64.getEncoder().encodeToString(plainPkcs8).substring(0, 40));
        assertThatThrownBy(() -> store(db, "a-different-internal-secret-0123456789"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("internal-secret");
    }

    private static JWTClaimsSet claims(Instant expiry) {
        return new JWTClaimsSet.Builder().issuer("wharf").subject("user-1").jwtID("j")
                .claim("typ", "session").claim("email", "ada@example.com")
                .issueTime(Date.from(CLOCK.instant())).expirationTime(Date.from(expiry)).build();
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnauthorizedException.class);
    }

}
