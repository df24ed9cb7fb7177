package io.quarkiverse.session.runtime.lifecycle;

/**
 * What a principal name may be, the same for every store: 1 to {@value #MAX_LENGTH} characters of well-formed UTF-16.
 * A lone surrogate has no UTF-8 encoding, so two names differing only there would share a store's bytes and its index
 * entry; the bound keeps a store's index keys, files and rows small. A name outside these rules is refused when a
 * session is bound to it, and finds no session.
 */
public final class PrincipalNames {

    public static final int MAX_LENGTH = 1024;

    private PrincipalNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String check(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("A principal name has 1 to " + MAX_LENGTH
                    + " characters of well-formed UTF-16 (no lone surrogate)"
                    + (name == null ? ", got null" : ", got " + name.length() + " characters"));
        }
        return name;
    }
}
