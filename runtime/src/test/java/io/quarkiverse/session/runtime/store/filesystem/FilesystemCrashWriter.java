package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * Writes sessions through a {@link FilesystemSessionStore} as fast as it can, from several threads, until it is killed:
 * the separate JVM that {@link FilesystemCrashTest} kills with {@code SIGKILL}.
 * <p>
 * Sessions live in a fixed set of slots, so that most writes replace an existing file (the case a torn write would
 * hurt) and the directory stays small across runs; a create or a move onto a slot in use is refused, and that refusal
 * is expected. Every value is {@code {"len":N,"data":"xxx…"}} with N characters of
 * data, so a checker can tell a whole value from a damaged one. Half the sessions are created bound to one of
 * {@value #PRINCIPALS} principals, and a tenth of the updates bind, rebind or unbind them, so that kills land between
 * the writes of the principal index and those of the session files.
 * <p>
 * Arguments: the directory, the number of threads. Prints {@code writing} once every thread has written, and exits by
 * itself when its standard input closes (the test JVM is gone) or after a minute, so that it can never be left behind.
 */
public final class FilesystemCrashWriter {

    static final int SLOTS = 48;
    static final int PRINCIPALS = 3;
    static final String READY = "writing";
    private static final int[] SIZES = { 0, 10, 100, 1_000, 10_000, 50_000, 200_000 };

    private FilesystemCrashWriter() {
    }

    static String principal(int i) {
        return "crash-test-user-" + i;
    }

    static SessionKey slot(int i) {
        return SessionKey.ofSessionId("crash-test-slot-" + i);
    }

    public static void main(String[] args) throws Exception {
        FilesystemSessionStore store = new FilesystemSessionStore(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        startWatchdog();
        // Outside Quarkus, Mutiny's context propagation initialises itself on first use, and racing threads can make
        // it fail: use it once before the writers start.
        store.load(slot(0)).await().indefinitely();
        CountDownLatch everyThreadWrote = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> write(store, everyThreadWrote), "crash-writer-" + t);
            writer.setDaemon(true);
            writer.start();
        }
        everyThreadWrote.await();
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(1).toMillis());
        Runtime.getRuntime().halt(3);
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is ever sent: wait for the end of the stream.
                }
            } catch (IOException e) {
                // Closed as well.
            }
            Runtime.getRuntime().halt(2);
        }, "crash-writer-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void write(FilesystemSessionStore store, CountDownLatch wrote) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean signalled = false;
        while (true) {
            try {
                writeOnce(store, random);
            } catch (SessionStoreException e) {
                // A create or a move onto a slot in use is refused, as it must be; any other failure is reported.
                if (!e.getMessage().startsWith("A session already exists under the new key")) {
                    e.printStackTrace();
                }
            } catch (RuntimeException e) {
                // Reported to the test through standard error, which it checks.
                e.printStackTrace();
            }
            if (!signalled) {
                wrote.countDown();
                signalled = true;
            }
        }
    }

    private static void writeOnce(FilesystemSessionStore store, ThreadLocalRandom random) {
        SessionKey key = slot(random.nextInt(SLOTS));
        int operation = random.nextInt(100);
        if (operation < 60) {
            Instant now = Instant.now();
            boolean rebinds = random.nextInt(10) == 0;
            SessionUpdate update = new SessionUpdate(now, null, now.plus(Duration.ofDays(1)),
                    Map.of("v" + random.nextInt(4), value(random)), Set.of("v" + random.nextInt(4)),
                    rebinds ? principalOrNone(random) : null, rebinds);
            if (!store.update(key, update).await().indefinitely()) {
                store.create(key, record(random)).await().indefinitely();
            }
        } else if (operation < 70) {
            store.delete(key).await().indefinitely();
        } else if (operation < 80) {
            store.changeKey(key, slot(random.nextInt(SLOTS))).await().indefinitely();
        } else {
            store.create(key, record(random)).await().indefinitely();
        }
    }

    private static SessionRecord record(ThreadLocalRandom random) {
        Instant now = Instant.now();
        Map<String, byte[]> values = new HashMap<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            values.put("v" + random.nextInt(4), value(random));
        }
        return new SessionRecord(now, now, Duration.ofHours(1), now.plus(Duration.ofDays(1)), values,
                principalOrNone(random));
    }

    private static String principalOrNone(ThreadLocalRandom random) {
        int i = random.nextInt(2 * PRINCIPALS);
        return i < PRINCIPALS ? principal(i) : null;
    }

    private static byte[] value(ThreadLocalRandom random) {
        int length = SIZES[random.nextInt(SIZES.length)];
        char fill = (char) ('a' + random.nextInt(26));
        return ("{\"len\":" + length + ",\"data\":\"" + String.valueOf(fill).repeat(length) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
