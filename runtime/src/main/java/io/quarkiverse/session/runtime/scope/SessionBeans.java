package io.quarkiverse.session.runtime.scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.spi.CreationalContext;

import org.jboss.logging.Logger;

import io.quarkus.arc.ContextInstanceHandle;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.impl.ContextInstanceHandleImpl;

/**
 * The {@code @SessionScoped} bean instances of one session, in this application instance.
 * <p>
 * Invariants: at most one instance per bean, however many requests of the session ask for it at once (instances are
 * created under this object's lock); once {@link #destroy() destroyed}, it holds and creates nothing, and each instance
 * it held has been destroyed once; {@link #expiresAt} is the session's deadline as last seen by a request.
 */
final class SessionBeans {

    private static final Logger LOG = Logger.getLogger(SessionBeans.class);

    private final Map<String, ContextInstanceHandle<?>> instances = new ConcurrentHashMap<>();
    private volatile boolean destroyed;
    private volatile long expiresAtMillis;

    SessionBeans(Instant expiresAt) {
        this.expiresAtMillis = expiresAt.toEpochMilli();
    }

    /**
     * The instance of a bean, created if this session has none yet; {@code null} if these beans were destroyed, for the
     * caller to bind the request again.
     */
    @SuppressWarnings("unchecked")
    <T> T get(InjectableBean<T> bean, CreationalContext<T> creationalContext) {
        ContextInstanceHandle<?> handle = instances.get(bean.getIdentifier());
        if (handle != null) {
            return (T) handle.get();
        }
        synchronized (this) {
            if (destroyed) {
                return null;
            }
            handle = instances.get(bean.getIdentifier());
            if (handle == null) {
                // Created under the lock: a bean that injects another @SessionScoped bean re-enters it on this thread.
                handle = new ContextInstanceHandleImpl<>(bean, bean.create(creationalContext), creationalContext);
                instances.put(bean.getIdentifier(), handle);
            }
            return (T) handle.get();
        }
    }

    @SuppressWarnings("unchecked")
    <T> T getIfPresent(InjectableBean<T> bean) {
        ContextInstanceHandle<?> handle = instances.get(bean.getIdentifier());
        return handle == null ? null : (T) handle.get();
    }

    Map<InjectableBean<?>, Object> present() {
        return instances.values().stream()
                .collect(Collectors.toUnmodifiableMap(ContextInstanceHandle::getBean, ContextInstanceHandle::get));
    }

    boolean isDestroyed() {
        return destroyed;
    }

    void expireAt(Instant deadline) {
        expiresAtMillis = deadline.toEpochMilli();
    }

    boolean isExpiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /**
     * Destroys one bean's instance, if this session has one: the next use creates a new one.
     */
    void destroy(String beanIdentifier) {
        ContextInstanceHandle<?> handle;
        synchronized (this) {
            handle = instances.remove(beanIdentifier);
        }
        if (handle != null) {
            destroyQuietly(handle);
        }
    }

    /**
     * Destroys every instance, calling their {@code @PreDestroy} methods, once; later calls do nothing. Runs the
     * application's code: call it on a worker thread.
     */
    void destroy() {
        List<ContextInstanceHandle<?>> ending;
        synchronized (this) {
            if (destroyed) {
                return;
            }
            destroyed = true;
            ending = new ArrayList<>(instances.values());
            instances.clear();
        }
        for (ContextInstanceHandle<?> handle : ending) {
            destroyQuietly(handle);
        }
    }

    private static void destroyQuietly(ContextInstanceHandle<?> handle) {
        try {
            handle.destroy();
        } catch (RuntimeException e) {
            // One bean's failing @PreDestroy must not keep the others of the session alive.
            LOG.errorf(e, "Failed to destroy the @SessionScoped bean %s", handle.getBean().getBeanClass().getName());
        }
    }
}
