package io.quarkiverse.session.runtime.lifecycle;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkiverse.session.runtime.RedactedFailure;
import io.quarkiverse.session.runtime.lifecycle.SessionIdRules.Alphabet;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Where the IDs of new sessions come from, and which IDs clients may send back: the extension's
 * {@link SessionIdGenerator}, or the application's {@link SessionIdFactory} bean, whose every ID is checked against
 * {@link SessionIdRules} before a session gets it.
 * <p>
 * Invariants: every ID {@link #generate()} returns is well-formed by {@link #format()}, so that it is accepted back; an
 * ID of the application's that breaks a rule is never returned; no message or log line quotes an ID, or part of one.
 */
public final class SessionIds {

    static final SessionIds BUILT_IN = new SessionIds(null, null, null, SessionIdFormat.BUILT_IN);

    /**
     * How many IDs the application's factory makes at startup: enough characters (352 at least) that the alphabet they
     * use is the factory's, whatever the odds of one short ID.
     */
    static final int STARTUP_SAMPLES = 16;

    /** The application's factory, or {@code null} for the extension's generator. */
    private final SessionIdFactory factory;
    private final String factoryClass;
    /** The alphabet the application's factory draws from, found at startup: it sets the shortest ID. */
    private final Alphabet alphabet;
    private final SessionIdFormat format;

    private SessionIds(SessionIdFactory factory, String factoryClass, Alphabet alphabet, SessionIdFormat format) {
        this.factory = factory;
        this.factoryClass = factoryClass;
        this.alphabet = alphabet;
        this.format = format;
    }

    /**
     * The application's factory if it has one, checked now: one that breaks the rules fails startup, naming its class.
     *
     * @throws ConfigurationException if the application has several factories, or its factory breaks a rule
     */
    static SessionIds of(InjectableInstance<SessionIdFactory> factories) {
        if (factories.isUnsatisfied()) {
            return BUILT_IN;
        }
        if (factories.isAmbiguous()) {
            throw new ConfigurationException("Several beans implement " + SessionIdFactory.class.getName() + ": "
                    + factories.handlesStream().map(handle -> handle.getBean().getBeanClass().getName()).sorted()
                            .collect(Collectors.joining(", "))
                    + ". Keep one: it makes the IDs of every new session.");
        }
        SessionIdFactory factory = factories.get();
        String factoryClass = factories.getHandle().getBean().getBeanClass().getName();
        return new SessionIds(factory, factoryClass, alphabetAtStartup(factory, factoryClass),
                SessionIdFormat.APPLICATION);
    }

    /**
     * The IDs clients may send back: those of the extension's generator, or any the application's factory may return.
     */
    public SessionIdFormat format() {
        return format;
    }

    /**
     * The ID of a new session.
     *
     * @throws SessionIdFactoryException if the application's factory fails or returns an ID that breaks a rule
     */
    public String generate() {
        if (factory == null) {
            return SessionIdGenerator.generate();
        }
        String id = newId(factory, factoryClass);
        String broken = SessionIdRules.brokenRule(id, alphabet);
        if (broken != null) {
            throw new SessionIdFactoryException(unusable(factoryClass, "returned a session ID that " + broken));
        }
        return id;
    }

    /**
     * Asks the application's factory for {@value #STARTUP_SAMPLES} IDs, which must each meet the rules, differ, and be
     * long enough for 128 bits in the alphabet they use together.
     */
    private static Alphabet alphabetAtStartup(SessionIdFactory factory, String factoryClass) {
        Set<String> samples = new HashSet<>();
        long used = 0;
        for (int i = 0; i < STARTUP_SAMPLES; i++) {
            String id;
            try {
                id = newId(factory, factoryClass);
            } catch (SessionIdFactoryException e) {
                throw new ConfigurationException(e.getMessage(), e.getCause());
            }
            String broken = SessionIdRules.brokenRule(id, SessionIdRules.URL_SAFE_BASE64);
            if (broken != null) {
                throw new ConfigurationException(unusable(factoryClass, "returned a session ID that " + broken));
            }
            if (!samples.add(id)) {
                throw new ConfigurationException(unusable(factoryClass, "returned the same session ID twice in "
                        + STARTUP_SAMPLES + " calls, where each call must return a new, random ID"));
            }
            used |= SessionIdRules.symbolsOf(id);
        }
        Alphabet alphabet = SessionIdRules.alphabetOf(used);
        for (String id : samples) {
            String broken = SessionIdRules.brokenRule(id, alphabet);
            if (broken != null) {
                throw new ConfigurationException(unusable(factoryClass, "returned a session ID that " + broken));
            }
        }
        return alphabet;
    }

    private static String newId(SessionIdFactory factory, String factoryClass) {
        try {
            return factory.newId();
        } catch (RuntimeException e) {
            // Its message is the application's, and may quote the ID it was making: the type and the trace only.
            throw new SessionIdFactoryException("The session ID factory " + factoryClass + " failed ("
                    + e.getClass().getName() + "), so a new session has no ID", RedactedFailure.of(e));
        }
    }

    private static String unusable(String factoryClass, String what) {
        return "The session ID factory " + factoryClass + " (the application's " + SessionIdFactory.class.getName()
                + ") " + what + ". Make it return at least 128 random bits from SecureRandom, as URL-safe Base64 "
                + "without padding; the guide's section \"Session IDs of your own\" states every rule.";
    }
}
