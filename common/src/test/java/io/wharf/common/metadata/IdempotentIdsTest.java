package io.wharf.common.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.security.WharfPrincipal;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ids of a keyed request: the same for every run of one key in one generation, new in another. */
class IdempotentIdsTest {

    private static final WharfPrincipal PAT = new WharfPrincipal("u-1", "ada@example.com", WharfPrincipal.PAT,
            "jti-1", "ci", ActorType.USER);

    @AfterEach
    void clear() {
        CurrentRequest.clear();
    }

    @Test
    void idsAreEqualWithinAGenerationAndDifferAcrossGenerations() {
        List<String> first = inRequest("gen-1", () -> List.of(IdempotentIds.newId(), IdempotentIds.newId()));
        List<String> retry = inRequest("gen-1", () -> List.of(IdempotentIds.newId(), IdempotentIds.newId()));
        List<String> later = inRequest("gen-2", () -> List.of(IdempotentIds.newId(), IdempotentIds.newId()));

        assertThat(retry).isEqualTo(first);
        assertThat(first.get(0)).as("the n-th id of a request").isNotEqualTo(first.get(1));
        assertThat(later).doesNotContainAnyElementsOf(first);
        assertThat(inRequest(null, () -> IdempotentIds.newId()))
                .as("no generation (no gateway record): still derived, but not any generation's")
                .isNotIn(first.get(0), later.get(0))
                .isEqualTo(inRequest(null, () -> IdempotentIds.newId()));
    }

    @Test
    void theDeduplicationScopeCarriesTheGenerationToo() {
        String first = inRequest("gen-1", () -> IdempotencyScope.of(CurrentRequest.get().orElseThrow(), "CreateTeam"));
        String retry = inRequest("gen-1", () -> IdempotencyScope.of(CurrentRequest.get().orElseThrow(), "CreateTeam"));
        String later = inRequest("gen-2", () -> IdempotencyScope.of(CurrentRequest.get().orElseThrow(), "CreateTeam"));

        assertThat(retry).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
    }

    private static <T> T inRequest(String generation, Supplier<T> work) {
        CurrentRequest.set(new RequestContext("req-1", PAT, null, "http", "post", "/api/teams", "key-1", "/api/teams",
                generation));
        try {
            return work.get();
        } finally {
            CurrentRequest.clear();
        }
    }
}
