package io.wharf.project.project.command;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The host path prefixes a plain member may bind ({@code wharf.project.config.user-bind-paths},
 * default none): every other absolute host path bind is privileged (admin only, SPEC §1.4). Given
 * to the aggregate's command handlers as a resource; the binds {@link ConfigRules} always treats as
 * privileged (the root, the Docker socket and its directories, /proc, /sys, /etc, /dev, /boot,
 * /root) stay privileged whatever this lists.
 */
@Component
final class UserBindPaths {

    /** No host path is a plain member's (templates and tests). */
    static final UserBindPaths NONE = new UserBindPaths(List.of());

    private final List<String> prefixes;

    UserBindPaths(@Value("${wharf.project.config.user-bind-paths:}") List<String> prefixes) {
        this.prefixes = prefixes == null ? List.of() : prefixes.stream().filter(p -> p != null && !p.isBlank())
                .map(String::trim).map(ConfigRules::normalised).filter(p -> p.startsWith("/") && !p.equals("/"))
                .toList();
    }

    /** Whether a plain member may bind this (normalised, absolute) host path. */
    boolean allows(String hostPath) {
        return prefixes.stream().anyMatch(p -> hostPath.equals(p) || hostPath.startsWith(p + "/"));
    }
}
