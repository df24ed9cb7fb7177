package io.quarkiverse.session.runtime.websockets;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Added at build time to the callbacks of WebSockets Next endpoints ({@code @OnOpen}, {@code @OnTextMessage}, ...): binds
 * them to {@link SocketSessionInterceptor}.
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface SocketSessionCallback {
}
