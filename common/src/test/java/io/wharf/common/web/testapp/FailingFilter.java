package io.wharf.common.web.testapp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A filter after Wharf's that fails outside Spring MVC: what escapes the chain must still be translated. */
@Component
class FailingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().equals("/filter-failure")) {
            throw new ServletException("secret filter detail");
        }
        chain.doFilter(request, response);
    }
}
