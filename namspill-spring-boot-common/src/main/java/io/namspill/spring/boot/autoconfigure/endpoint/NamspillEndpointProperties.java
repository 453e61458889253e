package io.namspill.spring.boot.autoconfigure.endpoint;

import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the {@code namspill} actuator endpoint. Third-party keys stay out
 * of {@code management.*}, hence {@code namspill.endpoint}.
 */
@ConfigurationProperties("namspill.endpoint")
public class NamspillEndpointProperties {

    /**
     * When to show the Java stack traces of spilled tasks in the endpoint's answers.
     */
    private Show showDetails = Show.WHEN_AUTHORIZED;

    /**
     * Roles used to determine whether a user is authorized to see stack traces. When empty, all
     * authenticated users are authorized.
     */
    private Set<String> roles = new HashSet<>();

    public Show getShowDetails() {
        return this.showDetails;
    }

    public void setShowDetails(Show showDetails) {
        this.showDetails = showDetails;
    }

    public Set<String> getRoles() {
        return this.roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles = roles;
    }
}
