package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;

/**
 * Kills a JVM that writes sessions through a {@link FilesystemSessionStore} with {@code SIGKILL} at random instants, again
 * and again on the same directory, and checks after every kill that each session file in it can be read, whole, and
 * that each session bound to a principal is found by {@code findByPrincipal}: the principal index is never short of a
 * session, whenever its writer died. Always
 * {@value #KILLS} kills, each while every writer thread has written, whatever the machine's load; more while the run is
 * young.
 */
class FilesystemCrashTest {

    /** Kills every run makes, however slow the machine: each writer has its own deadline to start, not a share. */
    private static final int KILLS = 5;
    /** Kills a run may add while it is within {@link #EXTRA_KILLS_BUDGET}: more coverage where starting is fast. */
    private static final int MAX_KILLS = 15;
    private static final Duration EXTRA_KILLS_BUDGET = Duration.ofSeconds(35);
    /** How long one writer may take to start writing: a JVM start on a loaded, shared machine. */
    private static final Duration WRITER_START = Duration.ofSeconds(60);
    private static final int WRITER_THREADS = 4;
    private static final Pattern VALUE = Pattern.compile("\\{\"len\":(\\d+),\"data\":\"([a-z]*)\"}");

    @TempDir
    Path temp;

    @Test
    // Only against a hang: every writer's start and death is bounded on its own.
    @Timeout(KILLS * 90 + 60)
    void killedWritersNeverLeaveAnUnreadableSessionFile() throws Exception {
        Path directory = temp.resolve("sessions");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Random random = new Random();
        long start = System.nanoTime();
        long extraKillsDeadline = start + EXTRA_KILLS_BUDGET.toNanos();

        int kills = 0;
        int sessionFilesChecked = 0;
        Set<String> tempFilesSeen = new HashSet<>();
        int killsLeavingTempFiles = 0;
        for (int run = 0; run < KILLS || (run < MAX_KILLS && System.nanoTime() < extraKillsDeadline); run++) {
            Path stderr = temp.resolve("writer-" + run + ".err");
            Process writer = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", classpath, FilesystemCrashWriter.class.getName(), directory.toString(),
                    Integer.toString(WRITER_THREADS))
                    .redirectError(stderr.toFile())
                    .start();
            try {
                awaitReady(writer, stderr);
                Thread.sleep(100 + random.nextInt(501));
                writer.destroyForcibly();
                assertTrue(writer.waitFor(20, TimeUnit.SECONDS), "the writer died");
                kills++;
            } finally {
                writer.destroyForcibly();
            }
            // The JVM may warn on standard error under load; only the writer's own failures count.
            String errors = Files.readString(stderr);
            assertFalse(errors.contains("Exception") || errors.contains("Error"), "the writer failed:\n" + errors);

            Check check = check(directory);
            sessionFilesChecked += check.sessionFiles;
            // Temporary files stay until the final sweep: count those this kill left.
            if (tempFilesSeen.addAll(check.tempFiles)) {
                killsLeavingTempFiles++;
            }
        }

        // The sweep removes what the kills left behind, and nothing else: every session expires in a day.
        Check beforeSweep = check(directory);
        FilesystemSessionStore store = new FilesystemSessionStore(directory);
        Instant afterStaleAge = Instant.now().plus(SessionDirectory.STALE_TEMP_AGE).plusSeconds(1);
        assertEquals(0, store.expire(afterStaleAge).await().indefinitely(), "no session expired");
        Check afterSweep = check(directory);
        assertEquals(Set.of(), afterSweep.tempFiles, "the sweep deleted every temporary file");
        assertEquals(beforeSweep.sessionFiles, afterSweep.sessionFiles, "and kept every session file");
        assertTrue(afterSweep.sessionFiles > 0, "the writers wrote sessions");

        System.out.printf(
                "FilesystemCrashTest: %d writers killed in %d ms; %d session files checked after the kills, all readable"
                        + " and indexed;"
                        + " %d temporary files left by %d of the kills (%d at the end), all swept; %d sessions kept%n",
                kills, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), sessionFilesChecked,
                tempFilesSeen.size(), killsLeavingTempFiles, beforeSweep.tempFiles.size(), afterSweep.sessionFiles);
    }

    private static void awaitReady(Process writer, Path stderr) throws Exception {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String ready = line.get(WRITER_START.toSeconds(), TimeUnit.SECONDS);
            if (!FilesystemCrashWriter.READY.equals(ready)) {
                writer.waitFor(5, TimeUnit.SECONDS);
                fail("the writer did not start (" + ready + "):\n" + Files.readString(stderr));
            }
        } catch (TimeoutException e) {
            fail("the writer did not start writing within " + WRITER_START.toSeconds() + " s:\n"
                    + Files.readString(stderr));
        }
    }

    record Check(int sessionFiles, Set<String> tempFiles) {
    }

    /**
     * Loads every session file through a new store, as a restarted application would, and checks every value whole.
     */
    private static Check check(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return new Check(0, Set.of());
        }
        FilesystemSessionStore store = new FilesystemSessionStore(directory);
        List<String> names;
        try (Stream<Path> files = Files.list(directory)) {
            names = files.map(file -> file.getFileName().toString()).toList();
        }
        int sessionFiles = 0;
        Set<String> tempFiles = new HashSet<>();
        Map<String, Set<SessionKey>> indexed = new HashMap<>();
        for (int i = 0; i < FilesystemCrashWriter.PRINCIPALS; i++) {
            String principal = FilesystemCrashWriter.principal(i);
            indexed.put(principal, store.findByPrincipal(principal).await().indefinitely().stream()
                    .map(SessionEntry::key).collect(Collectors.toSet()));
        }
        for (String name : names) {
            if (name.equals(PrincipalIndex.DIRECTORY_NAME)) {
                continue;
            }
            if (SessionDirectory.isTempFileName(name)) {
                tempFiles.add(name);
                continue;
            }
            assertTrue(SessionDirectory.isSessionFileName(name), "unexpected file " + name);
            SessionKey key = SessionKey.ofHex(name.substring(0, 64));
            SessionRecord record = store.load(key).await().indefinitely();
            assertNotNull(record, name + " exists but cannot be read");
            if (record.principal() != null && !indexed.get(record.principal()).contains(key)) {
                fail(name + " is bound to " + record.principal() + " but missing from its index");
            }
            for (Map.Entry<String, byte[]> value : record.values().entrySet()) {
                String json = new String(value.getValue(), StandardCharsets.UTF_8);
                Matcher matcher = VALUE.matcher(json);
                assertTrue(matcher.matches(), name + ": value " + value.getKey() + " damaged");
                assertEquals(Integer.parseInt(matcher.group(1)), matcher.group(2).length(),
                        name + ": value " + value.getKey() + " has lost data");
            }
            sessionFiles++;
        }
        return new Check(sessionFiles, tempFiles);
    }
}
