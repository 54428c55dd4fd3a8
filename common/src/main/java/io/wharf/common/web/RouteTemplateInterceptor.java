package io.wharf.common.web;

import io.wharf.common.metadata.CurrentRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Adds the matched route template to {@link CurrentRequest}: it is known only after handler mapping. */
final class RouteTemplateInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern instanceof String route) {
            CurrentRequest.get().ifPresent(context -> CurrentRequest.set(context.withRoute(route)));
        }
        return true;
    }
}
