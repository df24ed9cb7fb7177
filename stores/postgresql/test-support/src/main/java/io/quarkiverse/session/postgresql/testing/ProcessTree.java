package io.quarkiverse.session.postgresql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A process and its descendants: the postmaster (or the runuser that started it) and every server process it forked.
 * The postmaster's children each call {@code setsid()}, so a process group does not reach them; they are found through
 * the parent links instead, while the postmaster still lives (a child outliving it is re-parented and lost).
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** The root first, then its descendants as they are now. */
    static List<ProcessHandle> of(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * Sends a signal by name ({@code STOP}, {@code CONT}, {@code INT}, {@code QUIT}) with {@code kill}, since the JDK
     * sends only SIGTERM and SIGKILL. Processes already gone, or gone meanwhile, are no failure.
     */
    static void signal(String name, List<ProcessHandle> processes) {
        for (int attempt = 1;; attempt++) {
            List<ProcessHandle> alive = processes.stream().filter(process -> !isGone(process)).collect(Collectors.toList());
            if (alive.isEmpty()) {
                return;
            }
            List<String> command = new ArrayList<>(List.of("kill", "-" + name));
            alive.forEach(process -> command.add(Long.toString(process.pid())));
            String failure = run(command);
            // kill signals every pid it can and fails if one has gone meanwhile (a backend whose client left): then
            // the others got the signal, and a second kill of the survivors only repeats it.
            if (failure == null || alive.stream().allMatch(ProcessTree::isGone)) {
                return;
            }
            if (attempt == 3) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + failure);
            }
        }
    }

    /**
     * Freezes the root and every descendant with SIGSTOP, and returns once each is stopped or gone. {@code kill} only
     * queues the signal: a process busy in the kernel stops a moment later, and a child the root was forking at that
     * moment shows up only afterwards, missed by a listing taken before. So the tree is listed and signalled again until
     * all of it is stopped. Without {@code /proc} (macOS) the state cannot be read: the tree is signalled once.
     *
     * @throws IllegalStateException if a process still runs after the timeout
     */
    static void stopAll(ProcessHandle root, Duration timeout) {
        // The root first, so that it forks no process the second signal would miss.
        signal("STOP", List.of(root));
        signal("STOP", of(root));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ProcessHandle> running = of(root).stream().filter(process -> !isGone(process) && !isStopped(process))
                    .collect(Collectors.toList());
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Still running " + timeout + " after SIGSTOP: " + running);
            }
            signal("STOP", running);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping " + running, e);
            }
        }
    }

    /** Whether a process is stopped by a signal (state T); true where /proc cannot tell (macOS), or it has just gone. */
    private static boolean isStopped(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The state follows the last ')', as in isGone.
            return stat.substring(stat.lastIndexOf(')') + 1).strip().toUpperCase(Locale.ROOT).startsWith("T");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Runs a kill command: null if it succeeded, else its output. */
    private static String run(List<String> command) {
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return "did not return";
            }
            return kill.exitValue() == 0 ? null : output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    /**
     * SIGKILL to the root and every descendant, then waits until all of them are gone. A last resort: the killed
     * descendants are orphans then, and stay zombies where PID 1 reaps no orphans (as in some containers).
     */
    static boolean killAll(ProcessHandle root, Duration timeout) {
        List<ProcessHandle> tree = of(root);
        // The root first, so that it forks nothing new.
        tree.forEach(ProcessHandle::destroyForcibly);
        return awaitExit(tree, timeout);
    }

    /** Waits until every process is {@linkplain #isGone gone}; false if one is left after the timeout. */
    static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            while (!isGone(process)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a process has exited: not alive, or a zombie. {@link ProcessHandle#isAlive()} counts a zombie as alive,
     * and an orphan that exits stays one where PID 1 reaps nothing; it holds no port, memory or file any more.
     */
    static boolean isGone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // pid (comm) state ...: the command may contain spaces and parentheses, the state follows the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            // No /proc (macOS), or the process has just gone: isAlive() was the answer.
            return !process.isAlive();
        }
    }
}
