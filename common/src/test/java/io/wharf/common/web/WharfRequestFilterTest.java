package io.wharf.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.InternalAssertion;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WharfRequestFilterTest {

    private final WharfRequestFilter filter = new WharfRequestFilter(
            new InternalAssertion("0123456789abcdef0123456789abcdef", 30, Clock.systemUTC()),
            new ErrorTranslator(new ObjectMapper()), 1024);

    @Test
    void putsTheRequestIdInTheMdcAndTheContextOnlyWhileTheRequestRuns() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/x");
        request.addHeader("X-Request-Id", "abc-1");
        AtomicReference<String> mdcInside = new AtomicReference<>();
        AtomicReference<RequestContext> contextInside = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            mdcInside.set(MDC.get("requestId"));
            contextInside.set(CurrentRequest.get().orElseThrow());
        });

        assertThat(mdcInside.get()).isEqualTo("abc-1");
        assertThat(contextInside.get().method()).isEqualTo("patch");
        assertThat(contextInside.get().principal()).isNull();
        assertThat(MDC.get("requestId")).isNull();
        assertThat(CurrentRequest.get()).isEmpty();
    }

    @Test
    void clearsTheContextWhenTheChainFails() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/x"), response, (req, res) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader("X-Request-Id")).startsWith("req_");
        assertThat(MDC.get("requestId")).isNull();
        assertThat(CurrentRequest.get()).isEmpty();
    }
}
