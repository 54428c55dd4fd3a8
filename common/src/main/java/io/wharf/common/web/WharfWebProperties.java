package io.wharf.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code wharf.web.*}: limits of the servlet web layer.
 *
 * @param maxBodySize largest accepted request body (SPEC §1.1); larger bodies get 413, whether the
 *                    size is announced by Content-Length or only discovered while reading
 */
@ConfigurationProperties("wharf.web")
public record WharfWebProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
