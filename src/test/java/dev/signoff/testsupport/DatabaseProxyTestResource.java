package dev.signoff.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the app and its PostgreSQL, so a test can take the database away and give it back
 * without touching the server others use. The proxy forwards to the test datasource (the
 * {@code _TEST_QUARKUS_DATASOURCE_JDBC_URL} environment variable, else the test profile's default), same database.
 */
public class DatabaseProxyTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static volatile TcpProxy proxy;

    /** The running proxy of the current test class. */
    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        String url = System.getenv().getOrDefault("_TEST_QUARKUS_DATASOURCE_JDBC_URL", DEFAULT_URL);
        URI target = URI.create(url.substring("jdbc:".length()));
        try {
            proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return Map.of("quarkus.datasource.jdbc.url", proxied, "%test.quarkus.datasource.jdbc.url", proxied);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
