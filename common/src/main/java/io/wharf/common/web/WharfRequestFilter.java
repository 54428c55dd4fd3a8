package io.wharf.common.web;

import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter of a servlet service: request id (header, MDC, error bodies), the
 * gateway-asserted principal, {@link CurrentRequest}, and the body size limit. Whatever escapes the
 * chain is translated here, so no failure leaves without the envelope and the request id.
 */
final class WharfRequestFilter extends OncePerRequestFilter {

    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final InternalAssertion assertion;
    private final ErrorTranslator translator;
    private final long maxBodyBytes;

    WharfRequestFilter(InternalAssertion assertion, ErrorTranslator translator, long maxBodyBytes) {
        this.assertion = assertion;
        this.translator = translator;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = ErrorTranslator.requestId(request);
        if (requestId == null) {
            requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
            request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        }
        response.setHeader(RequestIds.HEADER, requestId);
        // Missing, forged or expired assertions all mean "anonymous"; routes that need a caller refuse later.
        WharfPrincipal principal = assertion.verify(request.getHeader(InternalAssertion.HEADER)).orElse(null);
        CurrentRequest.set(new RequestContext(requestId, principal, null, "http",
                request.getMethod().toLowerCase(Locale.ROOT), null, request.getHeader(IDEMPOTENCY_KEY_HEADER),
                request.getRequestURI(), request.getHeader(IdempotentIds.GENERATION_HEADER)));
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            if (request.getContentLengthLong() > maxBodyBytes) {
                translator.write(request, response, new PayloadTooLargeException(maxBodyBytes));
                return;
            }
            chain.doFilter(new LimitedBodyRequest(request, maxBodyBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            translator.write(request, response, e);
        } finally {
            CurrentRequest.clear();
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error dispatch needs the id and the context as well
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
