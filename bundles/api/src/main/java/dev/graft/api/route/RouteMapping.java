package dev.graft.api.route;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that maps a {@link RouteHandler} component to a method and a path
 * template. It sets the service properties {@value RouteHandler#METHOD} and
 * {@value RouteHandler#PATH}.
 *
 * @since 1.0
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RouteMapping {

    /** Prefix of the service properties set by this annotation. */
    String PREFIX_ = "graft.route.";

    /**
     * The HTTP method, in upper case.
     *
     * @return the method; {@code GET} by default
     */
    String method() default RouteHandler.DEFAULT_METHOD;

    /**
     * The path template, see {@link RouteHandler#PATH}.
     *
     * @return the path template
     */
    String path();
}
