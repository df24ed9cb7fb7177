package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Session;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A value that cannot be encoded or decoded fails the request, but neither the log nor the answer quotes the value or
 * Jackson's message, which quotes it (and, for a getter that throws, the getter's own message).
 */
class ValueFailureLogTest {

    /** What a getter throws: a secret its message carries. */
    private static final String GETTER_SECRET = "getter-secret-4242";
    /** A stored value that then cannot be read as a number. */
    private static final String STORED_SECRET = "stored-secret-7777";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LeakyResource.class, LeakyBean.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(ValueFailureLogTest::noRecordQuotesAValue);

    @Test
    void valueThatCannotBeEncodedFailsWithoutQuotingIt() {
        for (String accept : List.of("text/html", "application/json", "text/plain")) {
            Response response = given().accept(accept).post("/leaky/bean");
            response.then().statusCode(500);
            assertFalse(response.asString().contains(GETTER_SECRET), response.asString());
        }
    }

    @Test
    void valueThatCannotBeDecodedFailsWithoutQuotingIt() {
        String cookie = given().post("/leaky/string").then().statusCode(204).extract().cookie("session_id");
        for (String accept : List.of("text/html", "application/json", "text/plain")) {
            Response response = given().accept(accept).cookie("session_id", cookie).get("/leaky/number");
            response.then().statusCode(500);
            assertFalse(response.asString().contains(STORED_SECRET), response.asString());
        }
    }

    private static void noRecordQuotesAValue(List<LogRecord> records) {
        assertTrue(records.stream().anyMatch(record -> text(record).contains("IllegalArgumentException")),
                "the failures are logged");
        for (LogRecord record : records) {
            String text = text(record);
            assertFalse(text.contains(GETTER_SECRET) || text.contains(STORED_SECRET), text);
        }
    }

    /** The message and the whole stack trace of a record, as a log handler would print them. */
    private static String text(LogRecord record) {
        StringWriter text = new StringWriter();
        text.append(record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage());
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }

    public static class LeakyBean {

        public String getToken() {
            throw new IllegalStateException("token " + GETTER_SECRET + " is not available");
        }
    }

    @Path("/leaky")
    public static class LeakyResource {

        @Inject
        Session session;

        @POST
        @Path("/bean")
        public void storeBean() {
            session.put("bean", new LeakyBean());
        }

        @POST
        @Path("/string")
        public void storeString() {
            session.put("number", STORED_SECRET);
        }

        @GET
        @Path("/number")
        public int readNumber() {
            return session.get("number", Integer.class);
        }
    }
}
