package io.wharf.common.web.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny servlet app that exercises every path of the shared web layer. */
@SpringBootApplication
public class WebTestApplication {
}
