package io.quarkiverse.session.runtime.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The identity a login keeps in its session, under {@link #KEY}: the principal's name, its roles and the attributes
 * named by {@code quarkus.session.security.attributes}.
 * <p>
 * Stored as a plain JSON object of strings, lists and scalars ({@link #toValue()}), so that the session codec writes
 * and reads it without reflection, in native executables too, and never with Java serialization. Invariants: the name
 * is never blank; roles and attributes are never {@code null} and cannot be changed; attribute values are strings,
 * numbers, booleans or lists of strings.
 */
record StoredIdentity(String name, Set<String> roles, Map<String, Object> attributes) {

    /** The session key the identity is kept under; reserved, the application must not write it. */
    static final String KEY = "io.quarkiverse.session.security.identity";

    private static final Logger LOG = Logger.getLogger(StoredIdentity.class);
    private static final String NAME = "name";
    private static final String ROLES = "roles";
    private static final String ATTRIBUTES = "attributes";
    /** Attributes already warned about, so that each is named once rather than at every login. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    StoredIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A logged-in identity needs a principal name");
        }
        roles = Set.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    /**
     * What a login keeps of an identity: its name, its roles and the kept attributes of a type JSON holds as is.
     */
    static StoredIdentity of(SecurityIdentity identity, List<String> keptAttributes) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : keptAttributes) {
            Object value = identity.getAttribute(name);
            if (value == null) {
                continue;
            }
            Object kept = keepable(value);
            if (kept != null) {
                attributes.put(name, kept);
            } else if (WARNED.add(name)) {
                LOG.warnf("The identity attribute '%s' is not kept in the session: it is a %s, and only strings, "
                        + "numbers, booleans and collections of strings are; remove it from "
                        + "quarkus.session.security.attributes", name, value.getClass().getTypeName());
            }
        }
        return new StoredIdentity(identity.getPrincipal().getName(), identity.getRoles(), attributes);
    }

    /**
     * The session value: a JSON object.
     */
    Map<String, Object> toValue() {
        return Map.of(NAME, name, ROLES, List.copyOf(roles), ATTRIBUTES, attributes);
    }

    /**
     * Reads a session value written by {@link #toValue()}; {@code null} for anything else, so that a value of another
     * shape is no login rather than an error.
     */
    static StoredIdentity fromValue(Object value) {
        if (!(value instanceof Map<?, ?> json) || !(json.get(NAME) instanceof String name) || name.isBlank()
                || !(json.get(ROLES) instanceof List<?> roleList)
                || !(json.get(ATTRIBUTES) instanceof Map<?, ?> attributeMap)) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Object role : roleList) {
            if (!(role instanceof String text)) {
                return null;
            }
            roles.add(text);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> attribute : attributeMap.entrySet()) {
            Object kept = keepable(attribute.getValue());
            if (!(attribute.getKey() instanceof String key) || kept == null) {
                return null;
            }
            attributes.put(key, kept);
        }
        return new StoredIdentity(name, roles, attributes);
    }

    /** The value as kept, or {@code null} if JSON cannot hold it as is. */
    private static Object keepable(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Collection<?> collection && collection.stream().allMatch(String.class::isInstance)) {
            return collection.stream().map(String.class::cast).toList();
        }
        return null;
    }
}
