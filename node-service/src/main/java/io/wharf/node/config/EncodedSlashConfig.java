package io.wharf.node.config;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Container names travel in paths ({@code .../containers/{name}}). Tomcat refuses an encoded slash
 * ({@code a%2Fb}) by default before any servlet runs, with its own HTML page instead of the SPEC §1.2
 * envelope. Passed through, {@code %2F} stays inside its path segment, Spring decodes the path variable
 * to {@code a/b}, and the container-name check answers 400 {@code field: name} (audited) like any other
 * bad name. A passed-through {@code %2F} never acts as a separator, so it cannot change which route matches.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
