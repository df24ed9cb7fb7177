package io.quarkiverse.session.test.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assertions;

/**
 * Asserts what a user reads when the application refuses to start: one exception of the cause chain must carry every
 * expected fragment (the property and how to fix it) in its message.
 */
final class StartupFailure {

    private StartupFailure() {
    }

    static Consumer<Throwable> withMessageContaining(String... fragments) {
        return failure -> {
            List<String> messages = new ArrayList<>();
            for (Throwable current = failure; current != null; current = current.getCause()) {
                String message = String.valueOf(current.getMessage());
                messages.add(current.getClass().getName() + ": " + message);
                if (containsAll(message, fragments)) {
                    return;
                }
                if (current.getCause() == current) {
                    break;
                }
            }
            Assertions.fail("No exception of the startup failure names all of " + List.of(fragments)
                    + "; the cause chain was:\n  " + String.join("\n  ", messages));
        };
    }

    private static boolean containsAll(String message, String... fragments) {
        for (String fragment : fragments) {
            if (!message.contains(fragment)) {
                return false;
            }
        }
        return true;
    }
}
