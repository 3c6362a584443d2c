package dev.graft.shell.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** The Gogo command service properties: {@code osgi.command.scope} and {@code osgi.command.function}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GogoCommand {

    String PREFIX_ = "osgi.command.";

    /** The Graft scope: commands are {@code graft:routes} and so on. */
    String GRAFT = "graft";

    String scope();

    String[] function();
}
