package io.quarkiverse.session.postgresql.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The OS user that initdb and postgres run as. Both refuse to run as root, and CI runs as root: then they run as the
 * unprivileged user {@value #UNPRIVILEGED}, through {@code setpriv} (which execs the program, so that the JVM's child is
 * the postmaster itself) or else {@code runuser}. Their data directory is then handed over to that user, and every
 * directory they need (binaries, data, and all the parents of both) lies where that user can traverse it. Otherwise
 * they run as the JVM's own user, with no prefix and nothing handed over.
 */
final class ServerUser {

    /** The user the server runs as under root. Its group is its primary one, whatever a distribution calls it. */
    static final String UNPRIVILEGED = "nobody";

    private static final List<String> SEARCH_PATH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private final boolean dropsPrivileges;
    private final int uid;
    private final int gid;
    private final List<String> prefix;

    private ServerUser(boolean dropsPrivileges, int uid, int gid, List<String> prefix) {
        this.dropsPrivileges = dropsPrivileges;
        this.uid = uid;
        this.gid = gid;
        this.prefix = List.copyOf(prefix);
    }

    /** The user of this JVM's servers, found once. */
    static ServerUser get() {
        return Holder.INSTANCE;
    }

    /** Whether the JVM runs as root, so that the server runs as {@value #UNPRIVILEGED}. */
    boolean dropsPrivileges() {
        return dropsPrivileges;
    }

    /** The uid the server's processes run with. */
    int uid() {
        return uid;
    }

    /** The command line that runs {@code program} as this user. */
    List<String> command(List<String> program) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(program);
        return command;
    }

    /**
     * The directory to create the binaries' and the servers' directories in: {@code java.io.tmpdir}, unless the server
     * drops privileges and some directory on that path is not traversable by others (a tmpdir under {@code /root},
     * say), then {@code /tmp}.
     *
     * @throws IllegalStateException if neither is traversable by {@value #UNPRIVILEGED}
     */
    Path temporaryDirectory() {
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        if (!dropsPrivileges || traversableByOthers(tmpdir)) {
            return tmpdir;
        }
        Path tmp = Path.of("/tmp");
        if (traversableByOthers(tmp)) {
            return tmp;
        }
        throw new IllegalStateException("Neither " + tmpdir + " nor /tmp is traversable by " + UNPRIVILEGED
                + ", who runs PostgreSQL because this JVM runs as root");
    }

    /** Makes a directory this JVM created readable and traversable by the server ({@code rwxr-xr-x}). */
    static void openToServer(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Gives a file or directory this JVM created to the server's user, if that is another user. */
    void handOver(Path path) throws IOException {
        if (dropsPrivileges) {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        }
    }

    private static boolean traversableByOthers(Path directory) {
        try {
            for (Path path = directory.toRealPath(); path != null; path = path.getParent()) {
                if (!Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerUser detect() {
        int currentUid = Integer.parseInt(output("id", "-u"));
        if (currentUid != 0) {
            return new ServerUser(false, currentUid, Integer.parseInt(output("id", "-g")), List.of());
        }
        int uid = Integer.parseInt(output("id", "-u", UNPRIVILEGED));
        int gid = Integer.parseInt(output("id", "-g", UNPRIVILEGED));
        Path setpriv = executable("setpriv");
        if (setpriv != null) {
            // Numeric ids: the group of nobody is nogroup on Debian, nobody on Fedora.
            return new ServerUser(true, uid, gid,
                    List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        }
        Path runuser = executable("runuser");
        if (runuser != null) {
            return new ServerUser(true, uid, gid, List.of(runuser.toString(), "-u", UNPRIVILEGED, "--"));
        }
        throw new IllegalStateException("This JVM runs as root, which initdb and postgres refuse, and neither setpriv nor "
                + "runuser (util-linux) is installed to run them as " + UNPRIVILEGED);
    }

    private static Path executable(String name) {
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
        return Stream.concat(path, SEARCH_PATH.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    private static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static final class Holder {
        static final ServerUser INSTANCE = detect();
    }
}
