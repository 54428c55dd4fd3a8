package io.wharf.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class NodeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NodeServiceApplication.class, args);
    }
}
