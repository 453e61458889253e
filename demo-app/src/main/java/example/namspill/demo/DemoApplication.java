package example.namspill.demo;

import io.namspill.switching.NamespaceWorkers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A web application that reproduces namespace spills on purpose, and their cure. Its package is
 * outside the starter's ({@code io.namspill.spring.boot}) so that component scanning never
 * picks up the starter's configuration classes.
 */
@SpringBootApplication
public class DemoApplication {

    /**
     * Platform threads for switches that virtual request threads cannot make in place; started
     * with the context (from a thread in the process's own namespaces), ended with it.
     */
    @Bean(destroyMethod = "close")
    NamespaceWorkers namespaceWorkers() {
        return NamespaceWorkers.start(2);
    }

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
