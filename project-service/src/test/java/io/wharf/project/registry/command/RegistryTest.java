package io.wharf.project.registry.command;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.RegistryChangedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.project.registry.api.ChangeRegistryCommand;
import io.wharf.project.registry.api.CreateRegistryCommand;
import io.wharf.project.registry.api.DeleteRegistryCommand;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.api.RemoveTeamRegistryCommand;
import io.wharf.project.shared.DeletionCheck;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the Registry aggregate (SPEC §3, reference §3.1), given/when/then. */
class RegistryTest {

    static final String ID = "5d0c8a4e-1b2f-4c3d-9e8f-7a6b5c4d3e2f";
    static final String TEAM = "team-1";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final String SEALED = "v1:sealed-token";

    private AggregateTestFixture<Registry> fixture;
    private final Set<String> used = new HashSet<>();
    private final Set<String> held = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Registry.class);
        fixture.registerInjectableResource((RegistryUsage) id -> used.contains(id) ? DeletionCheck.IN_USE
                : held.contains(id) ? DeletionCheck.HELD_NOW : DeletionCheck.FREE);
    }

    static RegistryDetails details(String url, String prefix, String namespace, String apiUrl, String user, String token) {
        return new RegistryDetails(url, prefix, namespace, apiUrl, user, token);
    }

    static RegistryCreatedEvent v2Created() {
        return new RegistryCreatedEvent(ID, TEAM, "Local", null, null, "v2", "http://127.0.0.1:5000", null, null, null,
                "ci", SEALED, T);
    }

    @Test
    void createsAV2RegistryWithTrimmedNameAndSealedToken() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "  Local ", null, null, "v2",
                        details("http://127.0.0.1:5000/", null, null, null, "ci", SEALED), T))
                .expectSuccessfulHandlerExecution()
                .expectEvents(v2Created());
    }

    @Test
    void hubRegistriesLiveOnDockerHub() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "Docker Hub Library", null, null, "hub",
                        details(null, "library", null, null, null, null), T))
                .expectEvents(new RegistryCreatedEvent(ID, TEAM, "Docker Hub Library", null, null, "hub",
                        "hub.docker.com", "library", null, null, null, null, T));
    }

    @Test
    void gitlabDefaultsToGitlabComAndNeedsCredentials() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "GitLab", null, null, "gitlab",
                        details(null, "acme/shop", "group", null, "ci", SEALED), T))
                .expectEvents(new RegistryCreatedEvent(ID, TEAM, "GitLab", null, null, "gitlab", "registry.gitlab.com",
                        "acme/shop", "group", null, "ci", SEALED, T));
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "GitLab", null, null, "gitlab",
                        details(null, "acme/shop", "group", null, "ci", null), T))
                .expectException(field("details.token"));
    }

    @Test
    void githubAndGoogleAndUncheckedKeepTheirShapes() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "GitHub", null, null, "github",
                        details(null, "acme", "organization", null, "ci", SEALED), T))
                .expectEvents(new RegistryCreatedEvent(ID, TEAM, "GitHub", null, null, "github", "ghcr.io", "acme",
                        "organization", null, "ci", SEALED, T));
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "GCR", null, null, "google",
                        details("gcr.io", "my-project", null, null, null, null), T))
                .expectEvents(new RegistryCreatedEvent(ID, TEAM, "GCR", null, null, "google", "gcr.io", "my-project",
                        null, null, null, null, T));
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "Other", null, null, "unchecked",
                        details("registry.example.com", null, null, null, null, null), T))
                .expectEvents(new RegistryCreatedEvent(ID, TEAM, "Other", null, null, "unchecked",
                        "registry.example.com", null, null, null, null, null, T));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "nope      | -                      | type",
            "v2        | -                      | details.url",
            "v2        | url=ftp://x y          | details.url",
            "v2        | url=https://u:p@host   | details.url",
            "v2        | url=host,token         | details.user",
            "v2        | url=host,prefix=library | details.imageNamePrefix",
            "hub       | -                      | details.imageNamePrefix",
            "hub       | prefix=Library          | details.imageNamePrefix",
            "hub       | prefix=../etc          | details.imageNamePrefix",
            "hub       | prefix=library,url=host | details.url",
            "hub       | prefix=library,token   | details.token",
            "gitlab    | prefix=a,user,token    | details.namespace",
            "gitlab    | prefix=a,user,token,ns=organization | details.namespace",
            "gitlab    | prefix=a,token,ns=group | details.user",
            "gitlab    | prefix=a,user,token,ns=group,url=host | details.apiUrl",
            "github    | prefix=a,user,token,ns=group | details.namespace",
            "github    | prefix=a,user,ns=user  | details.token",
            "google    | url=gcr.io             | details.imageNamePrefix",
            "unchecked | url=host,user          | details.user"})
    void refusesDetailsThatDoNotFitTheType(String type, String spec, String field) {
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "R", null, null, type, parse(spec), T))
                .expectException(field(field))
                .expectNoEvents();
    }

    @Test
    void refusesBadNames() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "   ", null, null, "hub", details(null, "library", null, null, null, null), T))
                .expectException(field("name"));
        fixture.givenNoPriorActivity()
                .when(new CreateRegistryCommand(ID, TEAM, "n".repeat(71), null, null, "hub",
                        details(null, "library", null, null, null, null), T))
                .expectException(field("name"));
    }

    @Test
    void changeKeepsTheStoredTokenWhenAskedTo() {
        fixture.given(v2Created())
                .when(new ChangeRegistryCommand(ID, TEAM, "Renamed", "d", null, "v2",
                        details("http://127.0.0.1:5000/", null, null, null, "ci", null), true, T.plusSeconds(5)))
                .expectEvents(new RegistryChangedEvent(ID, TEAM, "Renamed", "d", null, "v2",
                        "http://127.0.0.1:5000", null, null, null, "ci", SEALED, T.plusSeconds(5)));
    }

    /**
     * A kept token never follows a change of where or to whom it authenticates (it would be sent
     * there by the live check, browsing or digest lookups): 400 on details.token, per type.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v2     | url=https://registry.example.com,user=ci  | v2     | url=https://other.example.com,user=ci",
            "v2     | url=https://registry.example.com,user=ci  | v2     | url=https://registry.example.com,user=eve",
            "v2     | url=https://registry.example.com,user=ci  | google | url=https://registry.example.com,user=ci,imageNamePrefix=p",
            "gitlab | imageNamePrefix=a/b,namespace=group,user=ci | gitlab | url=https://gl.evil.com,apiUrl=https://gl.evil.com,imageNamePrefix=a/b,namespace=group,user=ci",
            "gitlab | url=https://gl.example.com,apiUrl=https://gl.example.com,imageNamePrefix=a/b,namespace=group,user=ci | gitlab | url=https://gl.example.com,apiUrl=https://api.evil.com,imageNamePrefix=a/b,namespace=group,user=ci",
            "github | imageNamePrefix=acme,namespace=organization,user=ci | github | imageNamePrefix=evil,namespace=organization,user=ci",
            "github | imageNamePrefix=acme,namespace=organization,user=ci | github | imageNamePrefix=acme,namespace=organization,user=eve",
            "google | url=https://gcr.io,imageNamePrefix=proj,user=sa@x | google | url=https://eu.gcr.io,imageNamePrefix=proj,user=sa@x",
            "google | url=https://gcr.io,imageNamePrefix=proj,user=sa@x | google | url=https://gcr.io,imageNamePrefix=other,user=sa@x"})
    void aKeptTokenDoesNotFollowANewAddressOrAccount(String fromType, String from, String toType, String to) {
        RegistryDetails before = RegistryRules.details(RegistryType.parse(fromType).orElseThrow(), spec(from), SEALED);
        RegistryCreatedEvent created = new RegistryCreatedEvent(ID, TEAM, "R", null, null, fromType, before.url(),
                before.imageNamePrefix(), before.namespace(), before.apiUrl(), before.user(), SEALED, T);
        fixture.given(created)
                .when(new ChangeRegistryCommand(ID, TEAM, "R", null, null, toType, spec(to), true, T))
                .expectException(Matchers.predicate(e -> e instanceof ValidationException v
                        && "details.token".equals(v.field()) && v.getMessage().contains("Re-enter")))
                .expectNoEvents();
        // the same change with the token sent again is fine
        fixture.given(created)
                .when(new ChangeRegistryCommand(ID, TEAM, "R", null, null, toType, spec(to).withToken(SEALED), false, T))
                .expectSuccessfulHandlerExecution();
        // and keeping it without the change too (gitlab's prefix is on the same host and account: no change of target)
        fixture.given(created)
                .when(new ChangeRegistryCommand(ID, TEAM, "Renamed", null, null, fromType, spec(from), true, T))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void changeReplacesOrRemovesTheToken() {
        fixture.given(v2Created())
                .when(new ChangeRegistryCommand(ID, TEAM, "Local", null, null, "v2",
                        details("http://127.0.0.1:5000", null, null, null, null, null), false, T))
                .expectEvents(new RegistryChangedEvent(ID, TEAM, "Local", null, null, "v2", "http://127.0.0.1:5000",
                        null, null, null, null, null, T));
    }

    @Test
    void aKeptTokenIsDroppedWhenTheNewTypeTakesNone() {
        fixture.given(v2Created())
                .when(new ChangeRegistryCommand(ID, TEAM, "Hub", null, null, "hub",
                        details(null, "library", null, null, null, null), true, T))
                .expectEvents(new RegistryChangedEvent(ID, TEAM, "Hub", null, null, "hub", "hub.docker.com", "library",
                        null, null, null, null, T));
    }

    @Test
    void anotherTeamCannotChangeOrDeleteItAndLearnsNothing() {
        fixture.given(v2Created())
                .when(new ChangeRegistryCommand(ID, "team-2", "Mine", null, null, "v2",
                        details("http://127.0.0.1:5000", null, null, null, null, null), true, T))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(v2Created())
                .when(new DeleteRegistryCommand(ID, "team-2", T))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void deletesARegistryNoImageUses() {
        fixture.given(v2Created())
                .when(new DeleteRegistryCommand(ID, TEAM, T))
                .expectEvents(new RegistryDeletedEvent(ID, TEAM, "Local", false, T))
                .expectMarkedDeleted();
    }

    @Test
    void cannotDeleteARegistryInUse() {
        used.add(ID);
        fixture.given(v2Created())
                .when(new DeleteRegistryCommand(ID, TEAM, T))
                .expectException(PreconditionFailedException.class)
                .expectNoEvents();
    }

    /** An image command holding it right now is no use yet: 409 with a retry, not 412. */
    @Test
    void aLiveHoldIsAConflictThatPasses() {
        held.add(ID);
        fixture.given(v2Created())
                .when(new DeleteRegistryCommand(ID, TEAM, T))
                .expectException(Matchers.predicate(e -> e instanceof ConflictException c
                        && Long.valueOf(1).equals(c.retryAfterSeconds()) && "registryId".equals(c.field())))
                .expectNoEvents();
    }

    @Test
    void theTeamsDeletionRemovesItEvenInUse() {
        used.add(ID);
        fixture.given(v2Created())
                .when(new RemoveTeamRegistryCommand(ID, TEAM, T))
                .expectEvents(new RegistryDeletedEvent(ID, TEAM, "Local", true, T))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedRegistryIsGone() {
        fixture.given(v2Created(), new RegistryDeletedEvent(ID, TEAM, "Local", false, T))
                .when(new DeleteRegistryCommand(ID, TEAM, T))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    private static org.hamcrest.Matcher<?> field(String field) {
        return Matchers.predicate(e -> e instanceof ValidationException v && field.equals(v.field()));
    }

    /** {@code url=..,prefix=..,ns=..,api=..,user,token} → details (user "ci", token sealed). */
    /** {@code key=value,...} with the detail names of the wire (no token). */
    private static RegistryDetails spec(String spec) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            m.put(kv[0], kv[1]);
        }
        return new RegistryDetails(m.get("url"), m.get("imageNamePrefix"), m.get("namespace"), m.get("apiUrl"),
                m.get("user"), null);
    }

    private static RegistryDetails parse(String spec) {
        String url = null, prefix = null, ns = null, api = null, user = null, token = null;
        if (spec != null) {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                switch (kv[0]) {
                    case "url" -> url = kv[1];
                    case "prefix" -> prefix = kv[1];
                    case "ns" -> ns = kv[1];
                    case "api" -> api = kv[1];
                    case "user" -> user = "ci";
                    case "token" -> token = SEALED;
                    default -> throw new IllegalArgumentException(part);
                }
            }
        }
        return details(url, prefix, ns, api, user, token);
    }
}
