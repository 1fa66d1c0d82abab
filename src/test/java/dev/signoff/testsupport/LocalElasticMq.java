package dev.signoff.testsupport;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A bare ElasticMQ on a free port and an SDK client for it, for plain JUnit tests that need a real queue. */
public final class LocalElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final SqsClient client;

    private LocalElasticMq(SQSRestServer server, SqsClient client) {
        this.server = server;
        this.client = client;
    }

    public static LocalElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withDynamicPort()
                .withInterface("127.0.0.1")
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        SqsClient client = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new LocalElasticMq(server, client);
    }

    public SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
