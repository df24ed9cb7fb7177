package io.quarkiverse.session.test.ids;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.session.SessionIdFactory;

/**
 * An application's session IDs: the tenant's region in front of 192 random bits ({@link RandomIds}). Counts its calls,
 * so that a test sees that it made an ID.
 */
@ApplicationScoped
public class TenantSessionIds implements SessionIdFactory {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String newId() {
        calls.incrementAndGet();
        return RandomIds.tenantId();
    }

    public int calls() {
        return calls.get();
    }
}
