package io.wharf.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessMongo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The gate's answers on real handler methods of a tiny controller: no caller 401, a stranger 404,
 * a deployment token 403 FORBIDDEN_SCOPE, except on the handler marked {@link DeploymentTokenAllowed}.
 */
class TeamMembershipGateTest {

    private TeamMembershipGate gate;

    /** Handlers as a service would write them. */
    static class DeploymentsController {
        void list(String teamSlug, WharfPrincipal caller) {
        }

        @DeploymentTokenAllowed
        void start(String teamSlug, String deploymentId, WharfPrincipal caller) {
        }
    }

    @DeploymentTokenAllowed
    static class AllowedController {
        void any(String teamSlug, WharfPrincipal caller) {
        }
    }

    @BeforeEach
    void replica() {
        MembershipReplica replica = new MembershipReplica(InProcessMongo.newDatabase(TeamMembershipGateTest.class));
        replica.on(new TeamCreatedEvent("t1", "Blue", "blue", "ada", Instant.now()), 0);
        gate = new TeamMembershipGate(new TeamAccess(replica));
    }

    @AfterEach
    void clear() {
        CurrentRequest.clear();
    }

    private static HandlerMethod handler(Object bean, String name) throws NoSuchMethodException {
        for (var method : bean.getClass().getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return new HandlerMethod(bean, method);
            }
        }
        throw new NoSuchMethodException(name);
    }

    private boolean pass(HandlerMethod handler, WharfPrincipal caller) {
        CurrentRequest.clear();
        if (caller != null) {
            CurrentRequest.set(new RequestContext("req-1", caller, null, "http", "post", "/x", null));
        }
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/blue/deployments/d1/start");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("teamSlug", "blue"));
        return gate.preHandle(request, new MockHttpServletResponse(), handler);
    }

    private static WharfPrincipal user(String id) {
        return new WharfPrincipal(id, id + "@example.com", WharfPrincipal.SESSION, "jti", null, ActorType.USER);
    }

    private static final WharfPrincipal DEPLOYMENT_TOKEN = new WharfPrincipal(null, null, WharfPrincipal.DEPLOYMENT,
            "jti-d", "ci", ActorType.DEPLOYMENT_TOKEN);
    /** As the gateway forwards one: {@code sub} = its creator, a member of the team. */
    private static final WharfPrincipal DEPLOYMENT_TOKEN_OF_ADA = new WharfPrincipal("ada", "ada@example.com",
            WharfPrincipal.DEPLOYMENT, "jti-d2", "ci", ActorType.DEPLOYMENT_TOKEN);

    @Test
    void aDeploymentTokenIsOutOfScopeOnOrdinaryTeamRoutes() throws Exception {
        HandlerMethod list = handler(new DeploymentsController(), "list");
        assertThatThrownBy(() -> pass(list, DEPLOYMENT_TOKEN)).isInstanceOf(ForbiddenScopeException.class);
        assertThatThrownBy(() -> pass(list, DEPLOYMENT_TOKEN_OF_ADA)).as("its creator's sub does not make it ada")
                .isInstanceOf(ForbiddenScopeException.class);
        assertThat(pass(list, user("ada"))).isTrue();
        assertThatThrownBy(() -> pass(list, user("mallory"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pass(list, null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aHandlerMarkedDeploymentTokenAllowedLetsTheTokenThroughAndStillGatesUsers() throws Exception {
        HandlerMethod start = handler(new DeploymentsController(), "start");
        assertThat(pass(start, DEPLOYMENT_TOKEN)).as("the handler checks the token's own deployment").isTrue();
        assertThat(pass(start, DEPLOYMENT_TOKEN_OF_ADA)).isTrue();
        assertThat(pass(start, user("ada"))).isTrue();
        assertThatThrownBy(() -> pass(start, user("mallory"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pass(start, null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void theMarkOnTheControllerCountsForItsHandlers() throws Exception {
        HandlerMethod any = handler(new AllowedController(), "any");
        assertThat(pass(any, DEPLOYMENT_TOKEN)).isTrue();
        assertThatThrownBy(() -> pass(any, user("mallory"))).isInstanceOf(NotFoundException.class);
    }
}
