package io.wharf.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Health probes: a TCP connect for Mongo and Kafka, {@code /actuator/health} = UP for the Spring apps. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Health() {
    }

    /** {@code tcp://host:port} or an http URL whose answer must be 200 with {@code "status":"UP"}. */
    static boolean check(String target) {
        if (target.startsWith("tcp://")) {
            String hostPort = target.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            return tcpOpen(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
        return httpUp(target);
    }

    static boolean tcpOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean httpUp(String url) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when nothing listens on the port (bindable on all interfaces, and no one answers on loopback). */
    static boolean portFree(int port) {
        try (var socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
        } catch (IOException e) {
            return false;
        }
        return !tcpOpen("127.0.0.1", port);
    }
}
