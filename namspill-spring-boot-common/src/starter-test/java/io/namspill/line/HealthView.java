package io.namspill.line;

import java.util.Map;

/**
 * What a health indicator answered, the same on every Spring Boot line (whose {@code Health}
 * types live in other packages): see {@code StarterLine.health}.
 * @param status the status code, such as {@code DOWN}
 * @param details the details
 */
public record HealthView(String status, Map<String, Object> details) {
}
