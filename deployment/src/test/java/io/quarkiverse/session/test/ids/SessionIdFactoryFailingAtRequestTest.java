package io.quarkiverse.session.test.ids;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An application's factory that passed the startup check and then returns an ID that breaks a rule fails the request
 * that needed the ID with a clear {@code 500}, without a session cookie, and one log line that names the factory and
 * the rule but never quotes the ID.
 */
class SessionIdFactoryFailingAtRequestTest {

    /** In every ID the factory returns once it is broken: the log must never show it. */
    private static final String MARKER = "LEAKED";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BreakingIds.class, RandomIds.class, IdResource.class,
                    NoteResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(SessionIdFactoryFailingAtRequestTest::oneLineNamesTheFactoryPerFailureAndNoneTheId);

    @Test
    void newSessionFailsWithA500AndNoCookie() {
        Response response = given().post("/note/lost");
        response.then().statusCode(500).body(equalTo("The session could not be created."));
        assertTrue(SessionCookies.setsNone(response), "no cookie for a session without an ID");
    }

    @Test
    void idAskedForByTheEndpointFailsWithA500() {
        given().get("/ids").then().statusCode(500).body(equalTo("The session could not be created."));
    }

    private static void oneLineNamesTheFactoryPerFailureAndNoneTheId(List<LogRecord> records) {
        for (LogRecord record : records) {
            assertFalse(text(record).contains(MARKER), "the ID is never logged: " + text(record));
        }
        List<LogRecord> failures = records.stream().filter(record -> text(record).contains(BreakingIds.class.getName()))
                .toList();
        assertEquals(2, failures.size(), "one line per failed request: " + records.stream().map(r -> text(r)).toList());
        for (LogRecord failure : failures) {
            assertTrue(failure.getLevel().intValue() >= Level.SEVERE.intValue(), "an error: " + failure.getLevel());
            assertTrue(text(failure).contains("has a character outside A-Z a-z 0-9 - _"), text(failure));
        }
    }

    private static String text(LogRecord record) {
        StringWriter text = new StringWriter();
        text.append(record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage());
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }

    /** Good IDs for the startup check, then IDs with a dot. */
    @ApplicationScoped
    public static class BreakingIds implements SessionIdFactory {

        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String newId() {
            String id = RandomIds.tenantId();
            return calls.incrementAndGet() <= 16 ? id : MARKER + "." + id;
        }
    }
}
