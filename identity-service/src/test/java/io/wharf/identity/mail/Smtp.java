package io.wharf.identity.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** A real SMTP server for tests (GreenMail, in-process, on a free loopback port) and mail reading helpers. */
public final class Smtp {

    private Smtp() {
    }

    /** A port nobody listens on right now (for "SMTP is down", and to start GreenMail on later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts GreenMail's SMTP server on 127.0.0.1:{@code port}. */
    public static GreenMail start(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** The text parts of a message, by content type ({@code text/plain}, {@code text/html}). */
    public static List<String> parts(MimeMessage message, String contentType) {
        List<String> found = new ArrayList<>();
        try {
            collect(message, contentType, found);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static void collect(Part part, String contentType, List<String> found) throws Exception {
        if (part.isMimeType(contentType)) {
            found.add((String) part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, contentType, found);
            }
        }
    }
}
