package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

/**
 * Reads one sample of {@code /q/metrics}, in the Prometheus text format, by its name and some of its tags.
 */
final class PrometheusMeters {

    private final String scrape;

    private PrometheusMeters(String scrape) {
        this.scrape = scrape;
    }

    static PrometheusMeters scrape() {
        return new PrometheusMeters(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of the one sample called {@code name} that has all the tags, given as {@code key=value}; fails if
     * there is none or more than one.
     */
    double value(String name, String... tags) {
        double[] values = scrape.lines()
                .filter(line -> line.startsWith(name + "{") && Arrays.stream(tags).allMatch(tag -> line.contains(quoted(tag))))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toArray();
        if (values.length != 1) {
            throw new AssertionError("Expected one sample " + name + " " + Arrays.toString(tags) + ", found "
                    + values.length + " in:\n" + sessionSamples());
        }
        return values[0];
    }

    /** Whether any sample's name starts with {@code prefix}. */
    boolean hasAny(String prefix) {
        return scrape.lines().anyMatch(line -> line.startsWith(prefix));
    }

    private String sessionSamples() {
        return String.join("\n", scrape.lines().filter(line -> line.startsWith("quarkus_session")).toList());
    }

    private static String quoted(String tag) {
        int equals = tag.indexOf('=');
        return tag.substring(0, equals) + "=\"" + tag.substring(equals + 1) + "\"";
    }
}
