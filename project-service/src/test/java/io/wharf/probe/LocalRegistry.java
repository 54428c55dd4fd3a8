package io.wharf.probe;

import io.wharf.common.test.Needs;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The real local registry the registry tests talk to (127.0.0.1:5000, with demo/busybox:1 pushed).
 * In CI ({@code CI=true} or {@code WHARF_TEST_REGISTRY} set: .ci/run starts the registry) a missing
 * registry FAILS the test, so CI can never go green without having run them; on a developer's
 * machine the test is skipped with a message saying how to get one.
 */
public final class LocalRegistry {

    public static final String ADDRESS = "127.0.0.1:5000";

    private LocalRegistry() {
    }

    /** Whether a missing registry must fail (CI) rather than skip. */
    static boolean required() {
        return Needs.inCi() || System.getenv("WHARF_TEST_REGISTRY") != null;
    }

    /** Returns when the registry answers {@code GET /v2/} with 200; fails (CI) or skips otherwise. */
    public static void require() {
        String problem;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + ADDRESS + "/v2/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            if (status == 200) {
                return;
            }
            problem = "The registry on " + ADDRESS + " answers " + status + ", not 200";
        } catch (Exception e) {
            problem = "No registry answers on " + ADDRESS + " (" + e.getMessage() + ")";
        }
        Needs.need(false, problem + " (.ci/run starts one: docker-registry serve; WHARF_TEST_REGISTRY set means"
                + " it must be there)", required());
    }
}
