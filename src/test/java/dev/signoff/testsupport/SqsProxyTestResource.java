package dev.signoff.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * ElasticMQ as {@link ElasticMqTestResource} starts it, with the app's SqsClient reaching it through a {@link TcpProxy}
 * that a test can cut: SQS becomes unreachable for Signoff alone, while the queues keep their messages.
 */
public class SqsProxyTestResource extends ElasticMqTestResource {

    private static volatile TcpProxy proxy;

    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        URI endpoint = URI.create(config.get("quarkus.sqs.endpoint-override"));
        try {
            proxy = new TcpProxy(endpoint.getHost(), endpoint.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.sqs.endpoint-override", "http://127.0.0.1:" + proxy.port());
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        super.stop();
    }
}
