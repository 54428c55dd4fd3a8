package io.wharf.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfSecurityProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web layer every servlet service shares (request ids, principal, error envelope, body limit).
 * Only for servlet applications: the gateway is reactive and depends on common too.
 *
 * <p>Properties: {@code wharf.security.internal-secret} (required, ≥ 32 characters),
 * {@code wharf.security.assertion-lifetime} (30s), {@code wharf.web.max-body-size} (1MB).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties({WharfWebProperties.class, WharfSecurityProperties.class})
public class WharfWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InternalAssertion internalAssertion(WharfSecurityProperties security, ObjectProvider<Clock> clock) {
        return new InternalAssertion(security.internalSecret(), security.assertionLifetime().toSeconds(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    ErrorTranslator wharfErrorTranslator(ObjectProvider<ObjectMapper> objectMapper) {
        return new ErrorTranslator(objectMapper.getIfAvailable(
                () -> new ObjectMapper().registerModule(new JavaTimeModule())));
    }

    @Bean
    FilterRegistrationBean<WharfRequestFilter> wharfRequestFilter(InternalAssertion assertion,
            ErrorTranslator translator, WharfWebProperties web) {
        FilterRegistrationBean<WharfRequestFilter> registration = new FilterRegistrationBean<>(
                new WharfRequestFilter(assertion, translator, web.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    WharfExceptionHandler wharfExceptionHandler(ErrorTranslator translator) {
        return new WharfExceptionHandler(translator);
    }

    @Bean
    WharfErrorController wharfErrorController(ErrorTranslator translator) {
        return new WharfErrorController(translator);
    }

    @Bean
    WebMvcConfigurer wharfWebMvcConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PrincipalArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RouteTemplateInterceptor());
            }

            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                // Unknown properties are refused on requests (SPEC §1.1). A private copy of the
                // mapper, so Axon, Kafka and HTTP clients keep their lenient one.
                converters.replaceAll(converter -> converter.getClass() == MappingJackson2HttpMessageConverter.class
                        ? strict((MappingJackson2HttpMessageConverter) converter) : converter);
            }
        };
    }

    private static MappingJackson2HttpMessageConverter strict(MappingJackson2HttpMessageConverter lenient) {
        MappingJackson2HttpMessageConverter converter =
                new MappingJackson2HttpMessageConverter(strictReader(lenient.getObjectMapper()));
        converter.setSupportedMediaTypes(lenient.getSupportedMediaTypes());
        return converter;
    }

    /**
     * A copy of {@code base} that reads request bodies strictly (SPEC §1.1: wrong types, missing and
     * extra fields are 400): unknown properties, null for a primitive, a number for an enum, a
     * fraction for an integer, trailing garbage, a key given twice in one object (which value would
     * win is nobody's guess) and scalar coercions ({@code 5} for a string, {@code "5"} for a number
     * or boolean) are all refused.
     */
    static ObjectMapper strictReader(ObjectMapper base) {
        ObjectMapper strict = base.copy();
        strict.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return strict;
    }
}
