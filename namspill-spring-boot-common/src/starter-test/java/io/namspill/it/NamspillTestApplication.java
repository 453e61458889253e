package io.namspill.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application of the HTTP tests, outside the starter's packages (as a user's would be).
 * Anyone may call the actuator; HTTP Basic identifies {@code ops} (role {@code ACTUATOR}) and
 * {@code viewer} (role {@code VIEWER}) for the tests of {@code namspill.endpoint.show-details}.
 */
@SpringBootApplication
public class NamspillTestApplication {

    static final String OPS = "ops";

    static final String VIEWER = "viewer";

    static final String PASSWORD = "secret";

    @Bean
    SecurityFilterChain openActuator(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(OPS).password("{noop}" + PASSWORD).roles("ACTUATOR").build(),
                User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("VIEWER").build());
    }
}
