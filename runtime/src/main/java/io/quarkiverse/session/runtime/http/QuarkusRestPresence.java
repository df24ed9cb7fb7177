package io.quarkiverse.session.runtime.http;

/**
 * Whether the application contains Quarkus REST, as the build found it. Code that can serve both kinds of route asks
 * this before it touches a class that names a Quarkus REST type, so that such a class is never loaded in an
 * application without Quarkus REST.
 */
public final class QuarkusRestPresence {

    private static volatile boolean present;

    private QuarkusRestPresence() {
    }

    public static void set(boolean restPresent) {
        present = restPresent;
    }

    static boolean present() {
        return present;
    }
}
