package example.namspill.demo;

import io.namspill.net.NetworkNamespace;
import javax.net.SocketFactory;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Spring's {@link RestClient} over Apache HttpClient 5 whose connections are sockets created
 * inside a network namespace: the pool's connect step takes its socket from the namespace
 * ({@code DetachedSocketFactory}), then connects it (and layers TLS on it) on the calling thread.
 * Host names are resolved in the application's own namespace: give the peers' IP addresses.
 */
final class NamespacedHttpClients {

    private NamespacedHttpClients() {
    }

    /** A pooling HttpClient whose every connection belongs to {@code namespace}; close it when done. */
    static CloseableHttpClient httpClient(NetworkNamespace namespace) {
        SocketFactory sockets = namespace.socketFactory();
        return HttpClients.custom().setConnectionManager(new PoolingHttpClientConnectionManagerBuilder() {
            @Override
            protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemePortResolver,
                    DnsResolver dnsResolver, TlsSocketStrategy tlsSocketStrategy) {
                // the proxy argument names a SOCKS proxy, which the demo does not use
                return new DefaultHttpClientConnectionOperator(proxy -> sockets.createSocket(), schemePortResolver,
                        dnsResolver, RegistryBuilder.<TlsSocketStrategy>create()
                                .register(URIScheme.HTTPS.id, tlsSocketStrategy).build());
            }
        }.build()).build();
    }

    /** A {@link RestClient} for {@code baseUrl} that sends its requests through {@code httpClient}. */
    static RestClient restClient(CloseableHttpClient httpClient, String baseUrl) {
        return RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient))
                .baseUrl(baseUrl).build();
    }
}
