package dev.signoff.metrics;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import org.eclipse.microprofile.config.ConfigProvider;

/** One read of /q/metrics on the management interface, and the value of one series in it. */
record Scrape(String text) {

    static Scrape now() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return new Scrape(given().port(port)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** The sample of {@code series} whose labels include every one of {@code labels}; empty when there is none. */
    OptionalDouble value(String series, Map<String, String> labels) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(series + "{") || line.startsWith(series + " "))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    double value(String series) {
        return value(series, Map.of()).orElseThrow(() -> new AssertionError(series + " is not in the scrape"));
    }

    /** 0 when the series has no sample yet (a counter nothing has moved). */
    double valueOrZero(String series, Map<String, String> labels) {
        return value(series, labels).orElse(0);
    }
}
