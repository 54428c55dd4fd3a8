package io.wharf.project.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ValidationException;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.support.AddressPolicy;
import io.wharf.project.registry.support.RegistryProperties;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry clients against real counterparts: the real local registry on 127.0.0.1:5000 (skipped
 * with a message when nothing answers there, a failure in CI: {@link io.wharf.probe.LocalRegistry}) and a local server speaking the token
 * dance and the Docker Hub, GitHub and GitLab APIs ({@link FakeRegistryApis}).
 */
class RegistryClientsTest {

    static final String LOCAL_REGISTRY = "127.0.0.1:5000";
    private static FakeRegistryApis fake;
    private static RegistryClients clients;
    private static RegistryChecker checker;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeRegistryApis();
        RegistryProperties properties = properties(true, fake.url());
        AddressPolicy policy = new AddressPolicy(properties);
        clients = new RegistryClients(properties, policy);
        checker = new RegistryChecker(properties, policy, clients);
    }

    static RegistryProperties properties(boolean allowPrivate, String apis) {
        return new RegistryProperties(true, allowPrivate, Duration.ofSeconds(5), apis, apis, apis, apis, apis, apis,
                apis + "/token", FakeGoogle.SCOPE);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static void assumeLocalRegistry() {
        io.wharf.probe.LocalRegistry.require();
    }

    @Test
    void theRealLocalRegistryIsCheckedListedAndPinned() {
        assumeLocalRegistry();
        V2Client v2 = clients.v2();
        v2.check(LOCAL_REGISTRY, Credentials.NONE);
        v2.check("http://" + LOCAL_REGISTRY, Credentials.NONE);
        assertThat(v2.repositories(LOCAL_REGISTRY, Credentials.NONE, "BUSY")).contains("demo/busybox");
        assertThat(v2.repositories(LOCAL_REGISTRY, Credentials.NONE, "no-such-thing")).isEmpty();
        assertThat(v2.tags(LOCAL_REGISTRY, Credentials.NONE, "demo/busybox")).contains("1");
        assertThat(v2.digest(LOCAL_REGISTRY, Credentials.NONE, "demo/busybox", "1")).hasValueSatisfying(
                d -> assertThat(d).matches("sha256:[0-9a-f]{64}"));
        assertThat(v2.digest(LOCAL_REGISTRY, Credentials.NONE, "demo/busybox", "no-such-tag")).isEmpty();
        assertThatThrownBy(() -> v2.tags(LOCAL_REGISTRY, Credentials.NONE, "demo/nothing-here"))
                .isInstanceOfSatisfying(RegistryCallException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theTokenDanceGetsABearerFromTheRealm() {
        V2Client v2 = clients.v2();
        Credentials ci = new Credentials("ci", FakeRegistryApis.TOKEN);
        v2.check(fake.url(), ci);
        assertThat(fake.authorizations).contains("Bearer " + FakeRegistryApis.BEARER);
        assertThat(v2.repositories(fake.url(), ci, "team")).containsExactly("team/app", "team/web");
        assertThat(v2.tags(fake.url(), ci, "team/app")).containsExactly("1.0", "1.1");
        assertThat(v2.digest(fake.url(), ci, "team/app", "1.0")).contains(FakeRegistryApis.DIGEST);

        assertThatThrownBy(() -> v2.check(fake.url(), new Credentials("ci", "wrong")))
                .isInstanceOfSatisfying(RegistryCallException.class, e -> assertThat(e.refused()).isTrue());
        assertThatThrownBy(() -> v2.check(fake.url(), Credentials.NONE))
                .isInstanceOfSatisfying(RegistryCallException.class, e -> assertThat(e.refused()).isTrue());
    }

    @Test
    void theLiveCheckAnswersWithTheFieldToFix() {
        checker.check(RegistryType.V2, v2(fake.url(), "ci", FakeRegistryApis.TOKEN));
        assertField(() -> checker.check(RegistryType.V2, v2(fake.url(), "ci", "wrong")), "details.token");
        assertField(() -> checker.check(RegistryType.V2, v2("http://127.0.0.1:1", null, null)), "details.url");
        assertField(() -> checker.check(RegistryType.V2, v2(fake.url() + "/nothing", null, null)), "details.token");
    }

    @Test
    void hubGithubAndGitlabAreCheckedThroughTheirApis() {
        checker.check(RegistryType.HUB, new RegistryDetails("hub.docker.com", "library", null, null, null, null));
        assertField(() -> checker.check(RegistryType.HUB,
                new RegistryDetails("hub.docker.com", "nobody-here", null, null, null, null)), "details.imageNamePrefix");

        checker.check(RegistryType.GITHUB, new RegistryDetails("ghcr.io", "acme", "organization", null, "ci",
                FakeRegistryApis.TOKEN));
        checker.check(RegistryType.GITHUB, new RegistryDetails("ghcr.io", "ada", "user", null, "ada", FakeRegistryApis.TOKEN));
        assertField(() -> checker.check(RegistryType.GITHUB, new RegistryDetails("ghcr.io", "acme", "organization", null,
                "ci", "wrong")), "details.token");
        assertField(() -> checker.check(RegistryType.GITHUB, new RegistryDetails("ghcr.io", "nobody", "organization",
                null, "ci", FakeRegistryApis.TOKEN)), "details.imageNamePrefix");

        checker.check(RegistryType.GITLAB, new RegistryDetails("registry.gitlab.com", "acme/shop", "group", null, "ci",
                FakeRegistryApis.TOKEN));
        checker.check(RegistryType.GITLAB, new RegistryDetails(fake.url(), "acme/shop", "project", fake.url(), "ci",
                FakeRegistryApis.TOKEN));
        assertField(() -> checker.check(RegistryType.GITLAB, new RegistryDetails("registry.gitlab.com", "acme/shop",
                "group", null, "ci", "wrong")), "details.token");
        assertField(() -> checker.check(RegistryType.GITLAB, new RegistryDetails("registry.gitlab.com", "acme/none",
                "group", null, "ci", FakeRegistryApis.TOKEN)), "details.imageNamePrefix");
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowed() {
        RegistryProperties strict = properties(false, fake.url());
        AddressPolicy policy = new AddressPolicy(strict);
        RegistryChecker strictChecker = new RegistryChecker(strict, policy, new RegistryClients(strict, policy));
        assertField(() -> strictChecker.check(RegistryType.V2, v2(fake.url(), null, null)), "details.url");
        assertField(() -> strictChecker.check(RegistryType.UNCHECKED, v2("http://10.0.0.8:5000", null, null)),
                "details.url");
        assertField(() -> strictChecker.check(RegistryType.GITLAB, new RegistryDetails("gitlab.example.com", "a",
                "group", "http://192.168.0.10", "ci", "t")), "details.apiUrl");
        // a realm on a private address is refused even when the registry itself was allowed
        assertThatThrownBy(() -> new RegistryClients(strict, policy).v2().check(fake.url(), Credentials.NONE))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void theCheckCanBeSwitchedOff() {
        RegistryProperties off = new RegistryProperties(false, true, Duration.ofSeconds(1), fake.url(), fake.url(),
                fake.url(), fake.url(), fake.url(), fake.url(), fake.url() + "/token", FakeGoogle.SCOPE);
        AddressPolicy policy = new AddressPolicy(off);
        new RegistryChecker(off, policy, new RegistryClients(off, policy))
                .check(RegistryType.V2, v2("http://127.0.0.1:1", null, null));
    }

    private static RegistryDetails v2(String url, String user, String token) {
        return new RegistryDetails(url, null, null, null, user, token);
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
