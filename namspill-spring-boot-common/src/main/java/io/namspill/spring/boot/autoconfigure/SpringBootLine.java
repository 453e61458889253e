package io.namspill.spring.boot.autoconfigure;

import org.springframework.boot.SpringBootVersion;
import org.springframework.util.ClassUtils;

/**
 * The Spring Boot generations that namspill has a starter for. Boot 4 moved every health and
 * metrics package, so each generation has its own starter.
 */
public enum SpringBootLine {

    /** Spring Boot 3.5.x: {@code namspill-spring-boot3-starter}. */
    BOOT_3,

    /** Spring Boot 4.0.x and 4.1.x: {@code namspill-spring-boot-starter}. */
    BOOT_4;

    /** In spring-boot.jar since 4.0 (always there, unlike the actuator's jars), never in 3.x. */
    private static final String BOOT_4_MARKER = "org.springframework.boot.EnvironmentPostProcessor";

    /** The Spring Boot versions of this line, for messages ({@code "3.5.x"}). */
    public String versions() {
        return switch (this) {
            case BOOT_3 -> "3.5.x";
            case BOOT_4 -> "4.0.x and 4.1.x";
        };
    }

    /** The artifactId of this line's starter (group {@code io.namspill}). */
    public String starter() {
        return switch (this) {
            case BOOT_3 -> "namspill-spring-boot3-starter";
            case BOOT_4 -> "namspill-spring-boot-starter";
        };
    }

    /**
     * The line of the Spring Boot that {@code classLoader} sees.
     * @param classLoader the application's class loader
     * @return its line
     */
    public static SpringBootLine running(ClassLoader classLoader) {
        return ClassUtils.isPresent(BOOT_4_MARKER, classLoader) ? BOOT_4 : BOOT_3;
    }

    /** The running Spring Boot's version, as its jar says (a constant compiled into it). */
    static String runningVersion() {
        String version = SpringBootVersion.getVersion();
        return (version != null) ? version : "(unknown version)";
    }
}
