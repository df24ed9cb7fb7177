package io.quarkiverse.session.runtime.devui;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * The effective {@code quarkus.session.*} run-time settings, read from the config mapping itself, so defaults and
 * values from every source show as the application sees them, and a new setting shows without a change here.
 * <p>
 * Invariant: a secret property never leaves this class with its value; it is shown as a mask and a count.
 */
final class EffectiveConfig {

    static final String PREFIX = "quarkus.session.";
    /** The properties whose values are secrets, by name after the prefix. */
    static final Set<String> SECRETS = Set.of("secret");
    static final String NOT_SET = "(not set)";

    private EffectiveConfig() {
    }

    /** The settings by full property name, in alphabetical order. */
    static Map<String, String> of(SessionConfig config) {
        Map<String, String> properties = new TreeMap<>();
        walk(SessionConfig.class, config, "", properties);
        return properties;
    }

    private static void walk(Class<?> mapping, Object values, String path, Map<String, String> properties) {
        for (Method accessor : mapping.getMethods()) {
            if (accessor.getParameterCount() != 0 || Modifier.isStatic(accessor.getModifiers())
                    || accessor.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = path + kebab(accessor.getName());
            Object value = invoke(accessor, values);
            if (isGroup(accessor)) {
                walk(accessor.getReturnType(), value, name + ".", properties);
            } else {
                properties.put(PREFIX + name, SECRETS.contains(name) ? masked(value) : shown(value));
            }
        }
    }

    /** A nested group of the mapping: an interface declared inside {@link SessionConfig}. */
    private static boolean isGroup(Method accessor) {
        Class<?> type = accessor.getReturnType();
        return type.isInterface() && type.getEnclosingClass() == SessionConfig.class;
    }

    private static Object invoke(Method accessor, Object values) {
        try {
            return accessor.invoke(values);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read quarkus.session setting " + accessor.getName(), e);
        }
    }

    private static String shown(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(EffectiveConfig::shown).orElse(NOT_SET);
        }
        if (value instanceof Collection<?> values) {
            return String.join(",", values.stream().map(EffectiveConfig::shown).toList());
        }
        if (value instanceof MemorySize size) {
            // MemorySize has no text of its own.
            return size.asLongValue() + " bytes";
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static String masked(Object value) {
        if (value instanceof Optional<?> optional && optional.isEmpty()) {
            return NOT_SET;
        }
        Object present = value instanceof Optional<?> optional ? optional.get() : value;
        int count = present instanceof Collection<?> values ? values.size() : 1;
        return "****** (" + count + (count == 1 ? " secret, masked)" : " secrets, masked)");
    }

    private static String kebab(String camel) {
        StringBuilder kebab = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }
}
