package io.namspill.spring.boot.endpoint;

import io.namspill.spring.boot.endpoint.NamspillEndpoint.NamspillDescriptor;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link NamspillEndpoint}: shows Java
 * stack traces as the {@link Show} setting allows for the request's user and roles (and says
 * why in a {@code note} where it leaves them out), and answers 404 for a namespace type that is
 * not checked, with a small body naming the valid types.
 */
@EndpointWebExtension(endpoint = NamspillEndpoint.class)
public class NamspillEndpointWebExtension {

    private final NamspillEndpoint delegate;

    private final Show showStackTraces;

    private final Set<String> roles;

    /**
     * @param delegate the endpoint
     * @param showStackTraces when Java stack traces are shown
     * @param roles the roles that a user needs to see them where {@code showStackTraces} is
     * {@link Show#WHEN_AUTHORIZED}; empty means any authenticated user
     */
    public NamspillEndpointWebExtension(NamspillEndpoint delegate, Show showStackTraces, Set<String> roles) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.showStackTraces = Objects.requireNonNull(showStackTraces, "showStackTraces");
        this.roles = Set.copyOf(roles);
    }

    @ReadOperation
    public WebEndpointResponse<NamspillDescriptor> namspill(SecurityContext securityContext) {
        return new WebEndpointResponse<>(this.delegate.report(isShown(securityContext)));
    }

    @ReadOperation
    public WebEndpointResponse<NamspillDescriptor> namespaceType(SecurityContext securityContext,
            @Selector String type) {
        NamspillDescriptor descriptor = this.delegate.type(type, isShown(securityContext));
        return (descriptor != null) ? new WebEndpointResponse<>(descriptor)
                : new WebEndpointResponse<>(this.delegate.unknownType(type), WebEndpointResponse.STATUS_NOT_FOUND);
    }

    private boolean isShown(SecurityContext securityContext) {
        return this.showStackTraces.isShown(securityContext, this.roles);
    }
}
