/** The log writer's console hook: {@link dev.graft.log.console.ConsoleOutput}. */
@Version("1.0.0")
package dev.graft.log.console;

import org.osgi.annotation.versioning.Version;
