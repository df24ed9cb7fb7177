package io.quarkiverse.session.test.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.test.NoteResource;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * A store failure reaches the log with the short hash of the key only, even when the store's own message carries the
 * full key hash (as a file path does): the warning, and the stack trace logged at DEBUG.
 */
class StoreFailureLogTest {

    /** A well-formed ID the store is asked about: its full hash must never reach the log. */
    private static final String ID = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final SessionKey KEY = SessionKey.ofSessionId(ID);

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoteResource.class, ForwardingSessionStore.class,
                    FailingStore.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.log.category.\"io.quarkiverse.session\".level", "DEBUG")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.session"))
            .assertLogRecords(StoreFailureLogTest::onlyTheShortHashIsLogged);

    @Test
    void failingLoadAnswers503() {
        given().cookie("session_id", ID).get("/note").then().statusCode(503);
    }

    private static void onlyTheShortHashIsLogged(List<LogRecord> records) {
        assertTrue(records.stream().anyMatch(record -> record.getLevel().intValue() == Level.WARNING.intValue()
                && formatted(record).contains(KEY.shortHash())),
                "a warning names the short hash: " + records.stream().map(StoreFailureLogTest::formatted).toList());
        assertTrue(records.stream().anyMatch(record -> record.getThrown() != null),
                "the trace is logged at DEBUG: " + records.stream().map(StoreFailureLogTest::formatted).toList());
        for (LogRecord record : records) {
            StringWriter text = new StringWriter().append(formatted(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            assertFalse(text.toString().contains(KEY.toHex()), "full key hash in the log: " + text);
        }
    }

    private static String formatted(LogRecord record) {
        return record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage();
    }

    /** Fails every load with the message a filesystem store's I/O exception would carry: a path with the hash. */
    @Singleton
    public static class FailingStore extends ForwardingSessionStore {

        public FailingStore() {
            super(new MemorySessionStore(10));
        }

        @Override
        public Uni<SessionRecord> load(SessionKey key) {
            return Uni.createFrom().failure(new IOException("/var/sessions/" + key.toHex() + ".json: I/O error"));
        }
    }
}
