package io.namspill.monitor;

import java.util.Optional;

/**
 * Which integration runs this JVM's namspill monitor, as a JVM-wide mark (a system property):
 * integrations live in different class loaders (the starter in the application's, the agent in
 * its own), and only the first one monitors, so that every leak is logged once.
 */
public final class MonitorOwner {

    /** The system property that names the owner while its monitor runs. */
    public static final String PROPERTY = "io.namspill.monitor";

    /** The owner name of the Spring Boot starters. */
    public static final String SPRING_BOOT_STARTER = "spring-boot-starter";

    /** The owner name of the Java agent. */
    public static final String AGENT = "agent";

    private MonitorOwner() {
    }

    /** Marks {@code owner} as running this JVM's monitor. */
    public static void claim(String owner) {
        System.setProperty(PROPERTY, owner);
    }

    /** Removes the mark where {@code owner} holds it (its monitor did not start, or stopped). */
    public static void release(String owner) {
        if (owner.equals(System.getProperty(PROPERTY))) {
            System.clearProperty(PROPERTY);
        }
    }

    /** Who runs this JVM's monitor; empty when nobody has claimed it. */
    public static Optional<String> current() {
        return Optional.ofNullable(System.getProperty(PROPERTY));
    }
}
