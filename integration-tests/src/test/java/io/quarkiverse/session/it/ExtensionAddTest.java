package io.quarkiverse.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end check that {@code quarkus:add-extension} can add this extension to a freshly generated
 * Quarkus application, and that the application then builds and boots with the extension active.
 * <p>
 * Needs the runtime and deployment artifacts of this extension in the local Maven repository, i.e. it
 * must run after they were installed ({@code ./mvnw install}, not {@code ./mvnw verify}, and not with {@code -T}).
 * <p>
 * System properties used (all optional):
 * <ul>
 * <li>{@code maven.home} - Maven installation used for the nested builds (set by quarkiverse-parent's surefire
 * config); fallback: the project's {@code mvnw} found by walking up from {@code user.dir}, then {@code mvn} on the
 * PATH</li>
 * <li>{@code maven.repo.local} - passed on as {@code -Dmaven.repo.local} (set by quarkiverse-parent)</li>
 * <li>{@code maven.repo.local.tail} - passed on if set (Maven 3.9+)</li>
 * <li>{@code maven.settings} - passed on as {@code -s} if the file exists (set by quarkiverse-parent)</li>
 * <li>{@code quarkus.version} - Quarkus platform version of the generated app (default below)</li>
 * <li>{@code quarkus-session.version} - version of this extension (default: parent version in {@code user.dir/pom.xml})</li>
 * </ul>
 */
class ExtensionAddTest {

    private static final String DEFAULT_QUARKUS_VERSION = "3.33.2";
    private static final String EXTENSION_GA = "io.quarkiverse.session:quarkus-session";
    private static final String FEATURE = "session";

    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int TAIL_LINES = 80;

    @TempDir
    Path workDir;

    @Test
    void addExtensionToFreshAppThenBuildAndRun() throws Exception {
        String quarkusVersion = System.getProperty("quarkus.version", DEFAULT_QUARKUS_VERSION);
        String extensionVersion = extensionVersion();
        String extensionGav = EXTENSION_GA + ":" + extensionVersion;

        // 1. generate a fresh app (registry client disabled: registry.quarkus.io must not be needed)
        run("create", workDir, List.of(
                "io.quarkus:quarkus-maven-plugin:" + quarkusVersion + ":create",
                "-DprojectGroupId=org.acme",
                "-DprojectArtifactId=demo",
                "-DprojectVersion=1.0.0-SNAPSHOT",
                "-DplatformGroupId=io.quarkus",
                "-DplatformArtifactId=quarkus-bom",
                "-DplatformVersion=" + quarkusVersion,
                "-Dextensions=rest"));
        Path app = workDir.resolve("demo");
        Path pom = app.resolve("pom.xml");
        assertTrue(Files.isRegularFile(pom), "create did not generate " + pom);
        assertTrue(!read(pom).contains("<artifactId>quarkus-session</artifactId>"),
                "fresh app already depends on quarkus-session:\n" + read(pom));

        // 2. add our extension. Its version is required: the extension is in no catalog, and
        //    'io.quarkiverse.session:quarkus-session' alone fails with "... were not matched in the catalog".
        Path addLog = run("add-extension", app, List.of(
                "quarkus:add-extension",
                "-Dextensions=" + extensionGav));
        assertTrue(read(addLog).contains("Extension " + extensionGav + " has been installed"),
                "add-extension did not report success\n" + tail(addLog));
        String pomText = read(pom);
        assertTrue(Pattern.compile("<groupId>io\\.quarkiverse\\.session</groupId>\\s*"
                + "<artifactId>quarkus-session</artifactId>\\s*"
                + "<version>" + Pattern.quote(extensionVersion) + "</version>").matcher(pomText).find(),
                "pom.xml does not contain the quarkus-session dependency:\n" + pomText);

        // 3. build it (add-extension does not check the version exists; the build does)
        run("package", app, List.of("package", "-DskipTests"));
        Path runJar = app.resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(runJar), "package did not produce " + runJar);
        try (var lib = Files.list(app.resolve("target/quarkus-app/lib/main"))) {
            assertTrue(lib.anyMatch(p -> p.getFileName().toString().contains("quarkus-session-" + extensionVersion)),
                    "quarkus-session jar missing from target/quarkus-app/lib/main");
        }

        // 4. boot the jar on a free port, call the generated endpoint, stop it
        bootAndCheck(app, runJar);
    }

    private void bootAndCheck(Path app, Path runJar) throws Exception {
        int port = freePort();
        Path log = workDir.resolve("run.log");
        String java = Paths.get(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString();
        Process p = new ProcessBuilder(java,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar", runJar.toString())
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                    .timeout(Duration.ofSeconds(5)).build();
            long started = System.nanoTime();
            long deadline = started + STARTUP_TIMEOUT.toNanos();
            HttpResponse<String> resp = null;
            while (resp == null) {
                if (!p.isAlive()) {
                    fail("app exited with code " + p.exitValue() + " before answering\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("app did not answer on port " + port + " within " + STARTUP_TIMEOUT + "\n" + tail(log));
                }
                try {
                    resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            System.out.printf("[ExtensionAddTest] boot until first response took %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertEquals(200, resp.statusCode(), "GET /hello: " + resp.body() + "\n" + tail(log));
            assertEquals("Hello from Quarkus REST", resp.body().trim(), "GET /hello body\n" + tail(log));
            Matcher features = Pattern.compile("Installed features: \\[([^]]*)]").matcher(read(log));
            assertTrue(features.find(), "no 'Installed features' line in the log\n" + tail(log));
            assertTrue(Arrays.asList(features.group(1).split(",\\s*")).contains(FEATURE),
                    "feature '" + FEATURE + "' not installed: [" + features.group(1) + "]");
        } finally {
            stop(p);
        }
    }

    /** Runs Maven in {@code dir}, output to {@code <step>.log} in the temp dir; fails on timeout or non-zero exit. */
    private Path run(String step, Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(mavenCommand());
        cmd.add("-B");
        cmd.add("-ntp");
        cmd.add("-DquarkusRegistryClient=false");
        String repo = System.getProperty("maven.repo.local");
        if (notBlank(repo)) {
            cmd.add("-Dmaven.repo.local=" + repo);
        }
        String tail = System.getProperty("maven.repo.local.tail"); // Maven 3.9+ read-only fallback repository
        if (notBlank(tail)) {
            cmd.add("-Dmaven.repo.local.tail=" + tail);
        }
        String settings = System.getProperty("maven.settings");
        if (notBlank(settings) && Files.isRegularFile(Paths.get(settings))) {
            cmd.add("-s");
            cmd.add(settings);
        }
        cmd.addAll(args);

        Path log = workDir.resolve(step + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Without this, bin/mvn walks up from 'dir' to the first '.mvn' directory, which may be this project's
        // (surefire's java.io.tmpdir is integration-tests/target), and uses it as maven.multiModuleProjectDirectory.
        env.put("MAVEN_BASEDIR", dir.toString());
        env.remove("MAVEN_PROJECTBASEDIR");
        env.remove("MAVEN_ARGS");
        env.put("QUARKUS_REGISTRY_CLIENT", "false");

        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(MAVEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p);
            fail("'" + step + "' timed out after " + MAVEN_TIMEOUT + ": " + String.join(" ", cmd) + "\n" + tail(log));
        }
        System.out.printf("[ExtensionAddTest] %s took %d ms%n", step, (System.nanoTime() - start) / 1_000_000);
        assertEquals(0, p.exitValue(), "'" + step + "' failed: " + String.join(" ", cmd) + "\n" + tail(log));
        return log;
    }

    private static List<String> mavenCommand() {
        String exe = isWindows() ? "mvn.cmd" : "mvn";
        String mavenHome = System.getProperty("maven.home");
        if (notBlank(mavenHome)) {
            Path mvn = Paths.get(mavenHome, "bin", exe);
            if (Files.isRegularFile(mvn)) {
                return List.of(mvn.toString());
            }
        }
        String wrapper = isWindows() ? "mvnw.cmd" : "mvnw";
        for (Path d = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(wrapper))) {
                return List.of(d.resolve(wrapper).toString());
            }
        }
        return List.of(exe);
    }

    private static String extensionVersion() throws IOException {
        String v = System.getProperty("quarkus-session.version");
        if (notBlank(v)) {
            return v;
        }
        Path pom = Paths.get(System.getProperty("user.dir"), "pom.xml");
        if (Files.isRegularFile(pom)) {
            Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL)
                    .matcher(read(pom));
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return "999-SNAPSHOT";
    }

    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Arrays.asList(read(log).split("\\R"));
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static String read(Path file) throws IOException {
        // lenient decoding: Maven/Quarkus output may contain emoji or non-UTF-8 bytes depending on the locale
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }
}
