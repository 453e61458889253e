package io.namspill.it;

import io.namspill.internal.linux.LinuxNative;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only filter: every answer names the Linux tid of the request thread that served it, so
 * a test can tell which Tomcat thread ran a request.
 */
class ServedBy extends OncePerRequestFilter {

    static final String HEADER = "X-Served-By-Tid";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, Integer.toString(LinuxNative.gettid()));
        chain.doFilter(request, response);
    }
}
