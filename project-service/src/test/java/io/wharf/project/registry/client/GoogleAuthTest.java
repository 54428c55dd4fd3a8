package io.wharf.project.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ValidationException;
import io.wharf.common.test.MovableClock;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.support.AddressPolicy;
import io.wharf.project.registry.support.RegistryProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code google} registries sign in with a service-account key through Google's OAuth 2.0 JWT flow
 * ({@link GoogleAuth}), against {@link FakeGoogle}: a token endpoint that verifies the assertion's
 * signature and claims, and a gcr.io-like registry that takes only {@code oauth2accesstoken:<its token>}.
 */
class GoogleAuthTest {

    private FakeGoogle google;
    private MovableClock clock;
    private RegistryClients clients;
    private RegistryChecker checker;

    @BeforeEach
    void start() throws Exception {
        google = new FakeGoogle();
        clock = new MovableClock(Instant.now());
        RegistryProperties properties = properties(true);
        AddressPolicy policy = new AddressPolicy(properties);
        clients = new RegistryClients(properties, policy, clock);
        checker = new RegistryChecker(properties, policy, clients);
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private RegistryProperties properties(boolean liveCheck) {
        String none = "http://127.0.0.1:1";
        return new RegistryProperties(liveCheck, true, Duration.ofSeconds(5), none, none, none, none, none, none,
                google.tokenUrl(), FakeGoogle.SCOPE);
    }

    private RegistryDetails details(String prefix, String user, String token) {
        return new RegistryDetails(google.url(), prefix, null, null, user, token);
    }

    @Test
    void aGoodKeyPassesTheCheckAndResolvesADigest() {
        checker.check(RegistryType.GOOGLE, details("acme-project", FakeGoogle.ACCOUNT, google.pem()));

        assertThat(google.acceptedClaims).hasSize(1);
        var claims = google.acceptedClaims.get(0);
        assertThat(claims.get("iss").asText()).isEqualTo(FakeGoogle.ACCOUNT);
        assertThat(claims.get("aud").asText()).isEqualTo(google.tokenUrl());
        assertThat(claims.get("scope").asText()).isEqualTo(FakeGoogle.SCOPE);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        assertThat(google.acceptedHeaders.get(0).get("alg").asText()).isEqualTo("RS256");
        assertThat(google.presentedAccessTokens).containsOnly("ya29.fake-1");

        Credentials registry = clients.forV2(RegistryType.GOOGLE, new Credentials(FakeGoogle.ACCOUNT, google.pem()));
        assertThat(registry.user()).isEqualTo(GoogleAuth.USER);
        assertThat(clients.v2().digest(google.url(), registry, "acme-project/web", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(clients.v2().tags(google.url(), registry, "acme-project/web")).containsExactly("1.0");
    }

    @Test
    void aKeyGoogleDoesNotKnowIsRefusedOnTheTokenField() {
        assertThatThrownBy(() -> checker.check(RegistryType.GOOGLE, details("acme-project", FakeGoogle.ACCOUNT,
                google.strangerPem()))).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("details.token");
                    assertThat(e.getMessage()).contains("refused");
                });
        assertThat(google.tokenRequests.get()).isEqualTo(1);
        assertThat(google.acceptedClaims).isEmpty();
        // an account Google does not know (401 invalid_client) is refused the same way
        assertThatThrownBy(() -> checker.check(RegistryType.GOOGLE, details("acme-project",
                "nobody@acme-project.iam.gserviceaccount.com", google.pem())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("details.token"));
    }

    @Test
    void aMalformedKeyIs400OnTheTokenFieldEvenWithoutTheLiveCheck() {
        RegistryProperties off = properties(false);
        AddressPolicy policy = new AddressPolicy(off);
        RegistryChecker offline = new RegistryChecker(off, policy, new RegistryClients(off, policy, clock));
        String pem = google.pem();
        String broken = pem.replace(pem.substring(40, 80), "!!!!not-base64!!!!");
        for (String bad : new String[] {"good-token", broken, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                "{\"client_email\":\"" + FakeGoogle.ACCOUNT + "\"}", "{not json", "-----BEGIN RSA PRIVATE KEY-----\nMIIB"}) {
            for (RegistryChecker c : new RegistryChecker[] {offline, checker}) {
                assertThatThrownBy(() -> c.check(RegistryType.GOOGLE, details("acme-project", FakeGoogle.ACCOUNT, bad)))
                        .as(bad).isInstanceOfSatisfying(ValidationException.class, e -> {
                            assertThat(e.field()).isEqualTo("details.token");
                            assertThat(e.getMessage()).doesNotContain(bad);
                        });
            }
        }
        // the good key passes the offline check without a call
        offline.check(RegistryType.GOOGLE, details("acme-project", FakeGoogle.ACCOUNT, pem));
        assertThat(google.tokenRequests.get()).isZero();
    }

    @Test
    void theJsonKeyFileNamesTheAccountAndTheKey() {
        String file = google.jsonKeyFile();
        assertThat(GoogleKey.parse(null, file).clientEmail()).isEqualTo(FakeGoogle.ACCOUNT);
        assertThat(GoogleKey.parse("", file).clientEmail()).isEqualTo(FakeGoogle.ACCOUNT);
        assertThat(GoogleKey.parse("_json_key", file).clientEmail()).isEqualTo(FakeGoogle.ACCOUNT);
        assertThat(GoogleKey.parse(null, file).toString()).doesNotContain("PRIVATE");

        checker.check(RegistryType.GOOGLE, details("acme-project", FakeGoogle.ACCOUNT, file));
        assertThat(google.acceptedClaims.get(0).get("iss").asText()).isEqualTo(FakeGoogle.ACCOUNT);
        assertThat(google.acceptedHeaders.get(0).get("kid").asText()).isEqualTo(FakeGoogle.KEY_ID);
        // a bare PEM names no account: the user must
        assertThatThrownBy(() -> GoogleKey.parse(null, google.pem()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("details.user"));
    }

    @Test
    void theAccessTokenIsCachedUntilShortlyBeforeItExpires() {
        google.expiresIn = 90; // a short-lived token is used for half its life (45 s); longer ones until a minute before
        Credentials account = new Credentials(FakeGoogle.ACCOUNT, google.pem());
        checker.check(RegistryType.GOOGLE, details("acme-project", FakeGoogle.ACCOUNT, google.pem()));
        assertThat(clients.v2().digest(google.url(), clients.forV2(RegistryType.GOOGLE, account), "acme-project/web",
                "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(google.tokenRequests.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(44));
        assertThat(clients.forV2(RegistryType.GOOGLE, account).token()).isEqualTo("ya29.fake-1");
        assertThat(google.tokenRequests.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        Credentials renewed = clients.forV2(RegistryType.GOOGLE, account);
        assertThat(renewed.token()).isEqualTo("ya29.fake-2");
        assertThat(google.tokenRequests.get()).isEqualTo(2);
        assertThat(clients.v2().digest(google.url(), renewed, "acme-project/web", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(google.presentedAccessTokens).contains("ya29.fake-2");

        // another key of another registry is not served from this one's cache
        clients.forV2(RegistryType.GOOGLE, new Credentials(FakeGoogle.ACCOUNT, google.jsonKeyFile()));
        assertThat(google.tokenRequests.get()).isEqualTo(3);
    }

    @Test
    void withoutAKeyTheRegistryIsAskedAnonymously() {
        checker.check(RegistryType.GOOGLE, details("public-project", null, null));
        assertThat(clients.v2().digest(google.url(), clients.forV2(RegistryType.GOOGLE, Credentials.NONE),
                "public-project/web", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(google.tokenRequests.get()).isZero();
        assertThatThrownBy(() -> checker.check(RegistryType.GOOGLE, details("acme-project", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("details.token"));
    }
}
