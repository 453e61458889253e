package example.namspill.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that reproduces namespace spills on purpose, and their cure. Its package is
 * outside the starter's ({@code io.namspill.spring.boot}) so that component scanning never
 * picks up the starter's configuration classes.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
