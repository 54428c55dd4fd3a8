package io.wharf.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the Wharf checkout: the nearest directory upwards whose pom.xml is the wharf-parent. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** Searches upwards from the working directory, then from where this class was loaded. */
    public static Path locate() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            Optional<Path> root = findFrom(start);
            if (root.isPresent()) {
                return root.get();
            }
        }
        throw new IllegalStateException("cannot find the Wharf repository (a pom.xml with artifactId wharf-parent) above "
                + starts + "; set it with StackConfig.builder().repoRoot(...)");
    }

    public static Optional<Path> findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && isParentPom(pom)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean isParentPom(Path pom) {
        try {
            return Files.readString(pom).contains("<artifactId>wharf-parent</artifactId>")
                    && Files.isDirectory(pom.resolveSibling("launcher"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = RepositoryRoot.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
