package io.wharf.common.web;

import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A controller method that declares a {@link WharfPrincipal} parameter requires a caller: anonymous
 * requests get 401 before the method runs. {@code Optional<WharfPrincipal>} makes it optional.
 */
final class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (parameter.getParameterType() == WharfPrincipal.class) {
            return true;
        }
        return parameter.getParameterType() == Optional.class
                && parameter.nested().getNestedParameterType() == WharfPrincipal.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Optional<WharfPrincipal> principal = CurrentRequest.get().map(RequestContext::principal);
        if (parameter.getParameterType() == Optional.class) {
            return principal;
        }
        return principal.orElseThrow(() -> new UnauthorizedException(
                "Authentication required.", null, "Log in and send the session token."));
    }
}
