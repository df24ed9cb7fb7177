package io.quarkiverse.session.runtime.store.cookie;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.config.SessionConfigValidator;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class CookieStoreRecorder {

    private static final Logger LOG = Logger.getLogger(CookieStoreRecorder.class);
    private static final int MIN_SECRET_BYTES = 32;

    private final RuntimeValue<SessionConfig> config;

    public CookieStoreRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    /**
     * Creates the cookie store when it is the one selected, after checking its secrets.
     */
    public Supplier<SessionStore> cookieStore() {
        return () -> {
            SessionConfig sessions = config.getValue();
            return new CookieSessionStore(new CookieSessionCodec(secrets(sessions.secret()), sessions.cookie().name()));
        };
    }

    /**
     * The configured secrets; in dev and test mode, a random one when none is set, so that trying the cookie store
     * needs no setup. Production refuses to start without one.
     */
    private static List<String> secrets(Optional<List<String>> configured) {
        List<String> secrets = configured.orElse(List.of());
        if (secrets.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            SessionConfigValidator.fail("quarkus.session.secret", "the cookie store encrypts sessions with a key "
                    + "derived from this secret, and none is set: set quarkus.session.secret (or QUARKUS_SESSION_SECRET) "
                    + "to a random string of at least 32 bytes, for example the output of 'openssl rand -base64 48'");
        }
        for (String secret : secrets) {
            int length = secret.getBytes(StandardCharsets.UTF_8).length;
            if (length < MIN_SECRET_BYTES) {
                SessionConfigValidator.fail("quarkus.session.secret", "each secret must be at least "
                        + MIN_SECRET_BYTES + " bytes long, one is " + length + " bytes: use a random string, for "
                        + "example the output of 'openssl rand -base64 48'");
            }
        }
        if (!secrets.isEmpty()) {
            return secrets;
        }
        LOG.warn("quarkus.session.secret is not set: the cookie store uses a random secret generated at startup, so "
                + "cookie sessions end when the application restarts. Set quarkus.session.secret before production.");
        byte[] random = new byte[32];
        SessionIdGenerator.randomBytes(random);
        return List.of(Base64.getEncoder().encodeToString(random));
    }
}
