package dev.graft.api.middleware;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for a {@link Middleware} component: sets {@value Middleware#ORDER} and
 * {@value Middleware#PATTERN}.
 *
 * @since 1.0
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MiddlewareProperties {

    /** Prefix of the service properties set by this annotation. */
    String PREFIX_ = "graft.middleware.";

    /** @return the order; lower runs first */
    int order() default 0;

    /** @return the path pattern, see {@link Middleware#PATTERN} */
    String pattern() default "/*";

    /**
     * @return when the middleware runs: {@link MiddlewarePhase#REQUEST} (before the route is
     *     selected, the default) or {@link MiddlewarePhase#ROUTE} (after it); sets {@value MiddlewarePhase#PROPERTY}
     * @since 1.1
     */
    String phase() default MiddlewarePhase.REQUEST;
}
