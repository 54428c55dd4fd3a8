package io.wharf.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.project.ProjectApi.Answer;
import io.wharf.project.ProjectApi.Team;
import io.wharf.project.registry.support.UsageClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Delete when not in use" (SPEC §3: 412) against concurrent image commands, over real HTTP with the
 * real registry, storage and image features (no stand-ins): many parallel add-image (or storage
 * patch) requests and one delete. Afterwards either the delete failed with 412, or no image refers
 * to what was deleted — never both a 204 and an image that uses it. Several rounds, so the delete lands
 * before, between and after the image commands.
 */
class CatalogueUsageRaceTest {

    private static final Logger log = LoggerFactory.getLogger(CatalogueUsageRaceTest.class);
    private static final int ROUNDS = 6;
    private static final int PROJECTS = 3;
    private static final int REQUESTS = 18;

    private static ProjectApi api;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        api = new ProjectApi(CatalogueUsageRaceTest.class, new Class<?>[0]);
        pool = Executors.newFixedThreadPool(REQUESTS + 1);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        if (api != null) {
            api.close();
        }
    }

    /** A versionless project; answers {projectId, versionId} (its rolling version). */
    private static String[] project(Team team, String name) {
        Answer p = api.call("POST", "/api/" + team.slug() + "/projects",
                "{\"type\":\"versionless\",\"name\":\"" + name + "\"}", team.user());
        assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
        String projectId = p.body().get("id").asText();
        JsonNode details = api.call("GET", "/api/" + team.slug() + "/projects/" + projectId, null, team.user()).body();
        return new String[] {projectId, details.get("versions").get(0).get("id").asText()};
    }

    private static String created(Team team, String kind, String body) {
        Answer a = api.call("POST", "/api/" + team.slug() + "/" + kind, body, team.admin());
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.body().get("id").asText();
    }

    private static String images(Team team, String[] pv) {
        return "/api/" + team.slug() + "/projects/" + pv[0] + "/versions/" + pv[1] + "/images";
    }

    /** Runs the image requests and, released together with them, the delete; answers [delete, images...]. */
    private static List<Integer> race(List<Callable<Answer>> imageRequests, Callable<Answer> delete, int round)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        int deleteAt = round * imageRequests.size() / ROUNDS; // the delete moves through the burst round by round
        Future<Answer> deleted = null;
        for (int i = 0; i < imageRequests.size(); i++) {
            if (i == deleteAt) {
                deleted = pool.submit(() -> {
                    go.await();
                    return delete.call();
                });
            }
            Callable<Answer> request = imageRequests.get(i);
            answers.add(pool.submit(() -> {
                go.await();
                return request.call();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        statuses.add(deleted.get().status());
        for (Future<Answer> a : answers) {
            Answer answer = a.get();
            assertThat(answer.status()).as(answer.raw().body()).isIn(201, 204, 404, 409);
            statuses.add(answer.status());
        }
        return statuses;
    }

    @Test
    void aRegistryIsEitherRefusedAsInUseOrUsedByNoImage() throws Exception {
        Team team = api.team("race");
        List<String[]> projects = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            projects.add(project(team, "race " + p));
        }
        int deletedRounds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String registryId = created(team, "registries", "{\"type\":\"unchecked\",\"name\":\"Race " + round
                    + "\",\"details\":{\"url\":\"race.example.com\"}}");
            List<Callable<Answer>> adds = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String[] pv = projects.get(i % PROJECTS);
                String body = "[{\"registryId\":\"" + registryId + "\",\"images\":[\"race/r" + round + "-i" + i + ":1\"]}]";
                adds.add(() -> api.call("POST", images(team, pv), body, team.user()));
            }
            List<Integer> statuses = race(adds,
                    () -> api.call("DELETE", "/api/" + team.slug() + "/registries/" + registryId, null, team.admin()),
                    round);
            int delete = statuses.get(0);
            // 409: an add held it at that very moment (a live hold, retried after a second), 412: in use
            assertThat(delete).isIn(204, 409, 412);
            long using = projects.stream().mapToLong(pv -> count(api.call("GET", images(team, pv), null, team.user())
                    .body(), i -> registryId.equals(i.path("registry").path("id").asText()))).sum();
            log.info("registry round {}: delete {}, adds {}, images using it {}", round, delete, statuses.subList(1,
                    statuses.size()), using);
            if (delete == 204) {
                deletedRounds++;
                assertThat(using).as("round %d: deleted, yet images use it", round).isZero();
                assertThat(api.call("GET", "/api/" + team.slug() + "/registries/" + registryId, null, team.user())
                        .status()).isEqualTo(404);
            } else if (delete == 409) {
                assertThat(api.call("GET", "/api/" + team.slug() + "/registries/" + registryId, null, team.user())
                        .status()).isEqualTo(200);
            } else {
                assertThat(using).as("round %d: refused as in use", round).isPositive();
                assertThat(api.call("GET", "/api/" + team.slug() + "/registries/" + registryId, null, team.user())
                        .body().get("inUse").asBoolean()).isTrue();
            }
            // every add that succeeded is an image of the registry (none lost, none half-made)
            assertThat(statuses.subList(1, statuses.size()).stream().filter(s -> s == 201).count()).isEqualTo(using);
        }
        log.info("registry rounds with the delete winning: {} of {}", deletedRounds, ROUNDS);
    }

    @Test
    void aStorageIsEitherRefusedAsInUseOrUsedByNoImage() throws Exception {
        Team team = api.team("srace");
        String registryId = created(team, "registries",
                "{\"type\":\"unchecked\",\"name\":\"Images\",\"details\":{\"url\":\"race.example.com\"}}");
        List<String[]> projects = new ArrayList<>();
        List<List<String>> imageIds = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            String[] pv = project(team, "storage race " + p);
            projects.add(pv);
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < REQUESTS / PROJECTS; i++) {
                names.append(i == 0 ? "" : ",").append("\"race/s").append(i).append(":1\"");
            }
            Answer added = api.call("POST", images(team, pv), "[{\"registryId\":\"" + registryId + "\",\"images\":["
                    + names + "]}]", team.user());
            assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
            List<String> ids = new ArrayList<>();
            added.body().forEach(i -> ids.add(i.get("id").asText()));
            imageIds.add(ids);
        }
        for (int round = 0; round < ROUNDS; round++) {
            String storageId = created(team, "storages", "{\"name\":\"Race " + round
                    + "\",\"url\":\"https://s3.example.com\"}");
            List<Callable<Answer>> patches = new ArrayList<>();
            for (int p = 0; p < PROJECTS; p++) {
                String[] pv = projects.get(p);
                for (String imageId : imageIds.get(p)) {
                    String body = "{\"config\":{\"storage\":{\"storageId\":\"" + storageId
                            + "\",\"bucket\":\"b\",\"path\":\"p\"}}}";
                    patches.add(() -> api.call("PATCH", images(team, pv) + "/" + imageId, body, team.user()));
                }
            }
            List<Integer> statuses = race(patches,
                    () -> api.call("DELETE", "/api/" + team.slug() + "/storages/" + storageId, null, team.admin()), round);
            int delete = statuses.get(0);
            assertThat(delete).isIn(204, 409, 412);
            long using = projects.stream().mapToLong(pv -> count(api.call("GET", images(team, pv), null, team.user())
                    .body(), i -> storageId.equals(i.path("config").path("storage").path("storageId").asText()))).sum();
            log.info("storage round {}: delete {}, patches {}, images using it {}", round, delete,
                    statuses.subList(1, statuses.size()), using);
            if (delete == 204) {
                assertThat(using).as("round %d: deleted, yet images use it", round).isZero();
            } else if (delete == 412) {
                assertThat(using).as("round %d: refused as in use", round).isPositive();
            }
            assertThat(statuses.subList(1, statuses.size()).stream().filter(s -> s == 204).count()).isEqualTo(using);
            // free the images for the next round
            for (int p = 0; p < PROJECTS; p++) {
                for (String imageId : imageIds.get(p)) {
                    assertThat(api.call("PATCH", images(team, projects.get(p)) + "/" + imageId,
                            "{\"config\":{\"storage\":null}}", team.user()).status()).isEqualTo(204);
                }
            }
            if (delete != 204) {
                assertThat(api.call("DELETE", "/api/" + team.slug() + "/storages/" + storageId, null, team.admin())
                        .status()).isEqualTo(204);
            }
        }
    }

    /**
     * The moment in between, made to stand still: a deletion has marked the registry and the storage
     * (its unit of work not ended), so image commands naming them are refused with 409 at the field.
     */
    @Test
    void anImageCommandDuringADeletionIs409AtItsField() {
        Team team = api.team("mid");
        String[] pv = project(team, "mid");
        String registryId = created(team, "registries",
                "{\"type\":\"unchecked\",\"name\":\"Leaving\",\"details\":{\"url\":\"race.example.com\"}}");
        String storageId = created(team, "storages", "{\"name\":\"Leaving\",\"url\":\"https://s3.example.com\"}");
        String kept = created(team, "registries",
                "{\"type\":\"unchecked\",\"name\":\"Staying\",\"details\":{\"url\":\"race.example.com\"}}");
        Answer image = api.call("POST", images(team, pv), "[{\"registryId\":\"" + kept + "\",\"images\":[\"a/b\"]}]",
                team.user());
        String imageId = image.body().get(0).get("id").asText();

        UsageClaims claims = api.project.getBean(UsageClaims.class);
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            assertThat(claims.markDeletingForUnitOfWork(UsageClaims.REGISTRY, registryId)).isTrue();
            assertThat(claims.markDeletingForUnitOfWork(UsageClaims.STORAGE, storageId)).isTrue();
        });

        Answer add = api.call("POST", images(team, pv), "[{\"registryId\":\"" + registryId + "\",\"images\":[\"c/d\"]}]",
                team.user());
        assertThat(add.status()).as(add.raw().body()).isEqualTo(409);
        assertThat(add.body().get("code").asText()).isEqualTo("CONFLICT");
        assertThat(add.body().get("field").asText()).isEqualTo("[0].registryId");
        Answer patch = api.call("PATCH", images(team, pv) + "/" + imageId, "{\"config\":{\"storage\":{\"storageId\":\""
                + storageId + "\",\"bucket\":\"b\",\"path\":\"p\"}}}", team.user());
        assertThat(patch.status()).as(patch.raw().body()).isEqualTo(409);
        assertThat(patch.body().get("field").asText()).isEqualTo("config.storage.storageId");
        // nothing was added or set
        assertThat(api.call("GET", images(team, pv), null, team.user()).body()).hasSize(1);
        assertThat(api.call("GET", images(team, pv) + "/" + imageId, null, team.user()).body().path("config")
                .path("storage").isNull()).isTrue();
        // another team asking for the same ids learns nothing: 404, not 409
        Team other = api.team("midother");
        String[] theirs = project(other, "theirs");
        assertThat(api.call("POST", images(other, theirs), "[{\"registryId\":\"" + registryId
                + "\",\"images\":[\"c/d\"]}]", other.user()).status()).isEqualTo(404);
        // ... and makes no claim: a stranger's or a random id never holds (nor creates a claim document)
        String kept2 = created(team, "registries",
                "{\"type\":\"unchecked\",\"name\":\"Untouched\",\"details\":{\"url\":\"race.example.com\"}}");
        String random = java.util.UUID.randomUUID().toString();
        for (String id : List.of(kept2, random)) {
            assertThat(api.call("POST", images(other, theirs), "[{\"registryId\":\"" + id
                    + "\",\"images\":[\"c/d\"]}]", other.user()).status()).isEqualTo(404);
            assertThat(api.call("PATCH", images(other, theirs) + "/" + java.util.UUID.randomUUID(),
                    "{\"config\":{\"storage\":{\"storageId\":\"" + id + "\",\"bucket\":\"b\",\"path\":\"p\"}}}",
                    other.user()).status()).isEqualTo(404);
        }
        com.mongodb.client.MongoCollection<org.bson.Document> claimDocs = api.project
                .getBean(com.mongodb.client.MongoDatabase.class).getCollection("catalogue_claims");
        for (String key : List.of("registry:" + kept2, "registry:" + random, "storage:" + kept2, "storage:" + random)) {
            assertThat(claimDocs.countDocuments(com.mongodb.client.model.Filters.eq("_id", key))).as(key).isZero();
        }
    }

    /**
     * The other moment, made to stand still: an image command holds the registry and the storage (its
     * unit of work not ended). Their deletion is a conflict that passes (409 + Retry-After: 1), not
     * "in use" (412); once the hold is gone, the deletion goes through.
     */
    @Test
    void aDeletionDuringAnImageCommandIs409WithARetry() {
        Team team = api.team("held");
        String registryId = created(team, "registries",
                "{\"type\":\"unchecked\",\"name\":\"Held\",\"details\":{\"url\":\"race.example.com\"}}");
        String storageId = created(team, "storages", "{\"name\":\"Held\",\"url\":\"https://s3.example.com\"}");
        UsageClaims claims = api.project.getBean(UsageClaims.class);
        org.axonframework.messaging.unitofwork.UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(claims.holdForUnitOfWork(UsageClaims.REGISTRY, registryId)).isTrue();
            assertThat(claims.holdForUnitOfWork(UsageClaims.STORAGE, storageId)).isTrue();
            for (String path : List.of("/registries/" + registryId, "/storages/" + storageId)) {
                Answer delete = api.call("DELETE", "/api/" + team.slug() + path, null, team.admin());
                assertThat(delete.status()).as(delete.raw().body()).isEqualTo(409);
                assertThat(delete.body().get("code").asText()).isEqualTo("CONFLICT");
                assertThat(delete.header("Retry-After")).isEqualTo("1");
                assertThat(delete.body().get("retryAfter").asInt()).isEqualTo(1);
            }
        } finally {
            command.commit();
        }
        assertThat(api.call("DELETE", "/api/" + team.slug() + "/registries/" + registryId, null, team.admin()).status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/" + team.slug() + "/storages/" + storageId, null, team.admin()).status())
                .isEqualTo(204);
    }

    private static long count(JsonNode images, java.util.function.Predicate<JsonNode> using) {
        long n = 0;
        for (JsonNode image : images) {
            n += using.test(image) ? 1 : 0;
        }
        return n;
    }
}
