package io.namspill.spring.boot.autoconfigure;

import java.util.Objects;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Stops start-up, before any bean is made, when a namspill starter runs on the other Spring Boot
 * line than it was built for. Without it the Boot 4 starter on Boot 3.5 starts "fine" with its
 * health contributor and gauges silently missing (their classes are not there), and a probe
 * group that includes {@code namspill} then fails with a puzzling message.
 *
 * <p>Each starter registers its own subclass in {@code META-INF/spring.factories}. Its signature
 * uses Spring Framework types only: a factory class that names a type missing on the other line
 * would break {@code new SpringApplication(...)} itself, without any failure analysis.
 */
public class NamspillBootLineCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private final SpringBootLine builtFor;

    /**
     * @param builtFor the line whose API the starter was compiled against
     */
    public NamspillBootLineCheck(SpringBootLine builtFor) {
        this.builtFor = Objects.requireNonNull(builtFor, "builtFor");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ClassLoader classLoader = (context.getClassLoader() != null) ? context.getClassLoader()
                : NamspillBootLineCheck.class.getClassLoader();
        SpringBootLine running = SpringBootLine.running(classLoader);
        if (running != this.builtFor) {
            throw new NamspillWrongBootLineException(this.builtFor, running, SpringBootLine.runningVersion());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
